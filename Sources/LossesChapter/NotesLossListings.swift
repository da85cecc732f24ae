import BookChecks

/// The notes' loss listings run exactly as printed (seed 000 §4.1.2, seed 003 §三): the record
/// `Tests/Fixtures/NotesCode/runs.json` says what each does.
enum NotesLossListings: NotesListingRows {
    static let listingRows = ["listing-000-38", "output-000-64", "listing-003-139", "listing-003-147"]

    static let outputErrata = [
        "output-000-64":
            "The listing prints once, print('均方误差=',y1,'y交叉熵误差=',y2): one line, the second label "
            + "'y交叉熵误差='. The note shows two lines, the second labelled '交叉熵误差=': plausibly the output of "
            + "an earlier version of the print, kept when the code changed. Its numbers are the code's."
    ]
}
