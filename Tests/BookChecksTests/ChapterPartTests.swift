import XCTest

@testable import BookChecks

/// Two worked examples that both claim the row `shared`.
private enum First: WorkedExample {
    static let rows: [String: () -> Finding] = ["shared": { .value(1) }, "first": { .value(2) }]
}
private enum Second: WorkedExample {
    static let rows: [String: () -> Finding] = ["shared": { .value(3) }]
    static let isSlow = true
}

private enum Clashing: ChapterPart {
    static let textFile = "00-clashing.md"
    static let workedExamples: [any WorkedExample.Type] = [First.self, Second.self]
}

private enum Distinct: ChapterPart {
    static let textFile = "07-two-words.md"
    static let workedExamples: [any WorkedExample.Type] = [First.self]
}

final class ChapterPartTests: XCTestCase {
    /// A row two examples compute is an error naming it, not a silent choice of one of them.
    func testTwoExamplesForOneRowAreRefused() {
        XCTAssertThrowsError(try Clashing.examples()) { error in
            XCTAssertEqual("\(error)", "00-clashing.md: two worked examples both compute the row 'shared'")
        }
        XCTAssertEqual(try Distinct.examples().keys.sorted(), ["first", "shared"])
    }

    /// The slow rows and the figure folder come from the part's list and its text's name.
    func testSlowRowsAndFigureFolderAreDerived() {
        XCTAssertEqual(Clashing.slowExamples, ["shared"])
        XCTAssertEqual(Distinct.slowExamples, [])
        XCTAssertEqual(Distinct.figureTopic, "two-words")
    }
}
