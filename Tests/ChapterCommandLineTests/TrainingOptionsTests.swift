import ArgumentParser
import XCTest

@testable import ChapterCommandLine

/// A made-up book run, to see that the shared training flags take their defaults and limits from it.
private enum ShortRun: MiniBatchDefaults, LearningRateDefault {
    static let iterations = 300
    static let batchSize = 32
    static let fewestIterations = 11
    static let learningRate = 0.05
}

final class TrainingOptionsTests: XCTestCase {
    func testTheDefaultsAreTheBooksRun() throws {
        let batches = try MiniBatchOptions<ShortRun>.parse([])
        XCTAssertEqual(batches.iterations, 300)
        XCTAssertEqual(batches.batchSize, 32)
        XCTAssertEqual(try LearningRateOption<ShortRun>.parse([]).lr, 0.05)
        XCTAssertEqual(try MiniBatchOptions<ShortRun>.parse(["--iterations", "11"]).iterations, 11)
    }

    func testEachBadValueIsNamedWithItsFlag() {
        func message(_ parse: () throws -> Any) -> String {
            do {
                _ = try parse()
                return "accepted"
            } catch {
                return MiniBatchOptions<ShortRun>.message(for: error)
            }
        }
        XCTAssertEqual(
            message { try MiniBatchOptions<ShortRun>.parse(["--iterations", "10"]) },
            "--iterations must be between 11 and 1000000, got 10")
        XCTAssertEqual(
            message { try MiniBatchOptions<ShortRun>.parse(["--batch-size", "60001"]) },
            "--batch-size must be between 1 and 60000, got 60001")
        XCTAssertEqual(
            message { try LearningRateOption<ShortRun>.parse(["--lr", "-0.1"]) },
            "--lr must be a positive number, got -0.1")
    }
}
