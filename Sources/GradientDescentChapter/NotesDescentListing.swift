import BookChecks

/// The notes' gradient-descent listing run exactly as printed (seed 000 §4.3.2): the record
/// `Tests/Fixtures/NotesCode/runs.json` says what it does.
enum NotesDescentListing: NotesListingRows {
    static let listingRows = ["listing-000-222", "output-000-324"]
}
