import BookChecks

/// The notes' derivative and gradient listings run exactly as printed (seed 000 §4.2, seed 003
/// §三 梯度): the record `Tests/Fixtures/NotesCode/runs.json` says what each does.
enum NotesDerivativeListings: NotesListingRows {
    static let listingRows = [
        "listing-000-79", "listing-000-95", "output-000-117", "listing-000-121", "listing-000-164", "output-000-199",
        "listing-003-162",
    ]
}
