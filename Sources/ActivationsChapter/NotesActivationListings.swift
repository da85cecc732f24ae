import BookChecks

/// The notes' NumPy, Matplotlib and activation listings run exactly as printed (seed 003 §一–二):
/// the record `Tests/Fixtures/NotesCode/runs.json` says what each does.
enum NotesActivationListings: NotesListingRows {
    static let listingRows = [
        "listing-003-25", "listing-003-51", "listing-003-69", "listing-003-81", "listing-003-91",
    ]
}
