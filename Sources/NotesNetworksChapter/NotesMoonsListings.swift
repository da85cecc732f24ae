import BookChecks

/// Seed 001's notebook cells run exactly as printed, their lost line breaks put back: the record
/// `Tests/Fixtures/NotesCode/runs.json` says what each does.
enum NotesMoonsListings: NotesListingRows {
    static let listingRows = [
        "listing-001-3", "listing-001-5", "listing-001-7", "listing-001-9", "listing-001-10", "listing-001-42",
        "listing-001-44", "listing-001-46", "listing-001-48", "listing-001-49", "output-001-50", "listing-001-52",
        "listing-001-55", "output-001-56",
    ]

    /// The trace's late digits are rounding's: rows `moons-loss-2000` and `moons-loss-orbit` measure how
    /// far they move (≈), so the print is compared for its lines and labels, and its first two numbers.
    static let outputSpreads: [String: (why: String, exactLines: Int)] = [
        "output-001-50": (
            "from iteration 2000 on the trace depends on rounding; rows moons-loss-2000 and moons-loss-orbit "
                + "measure the spread", 2
        )
    ]
}
