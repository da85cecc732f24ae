import ChapterTestSupport
import Foundation
import XCTest
@testable import FromScratch
@testable import RegularizationChapter

/// Chapter 6.2–6.5 (Chapters/06-regularization.md): the rows, the text and the figures.
final class RegularizationTests: XCTestCase {
    override class func setUp() { useOfflineDataIfPresent() }

    func testEveryPrintedValue() throws {
        try assertBookValues(RegularizationBook.self, errata: [])
    }

    func testChapterTextIsCurrent() throws { try assertTextIsCurrent(RegularizationBook.self) }

    func testFiguresRegenerateIdentically() throws { try assertFiguresRegenerateIdentically(RegularizationBook.self) }
}
