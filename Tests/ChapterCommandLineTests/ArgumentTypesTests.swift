import XCTest

@testable import ChapterCommandLine

final class ArgumentTypesTests: XCTestCase {
    /// A negative value after a flag is joined to it, so that it reaches the flag's own check.
    func testNegativeValuesAreJoinedToTheirFlags() {
        XCTAssertEqual(
            joiningNegativeValues(["run", "--lr", "-1", "--steps", "-5"]), ["run", "--lr=-1", "--steps=-5"])
        XCTAssertEqual(
            joiningNegativeValues(["--start", "-3,4", "--x", "-.5", "--h", "-1e-5"]),
            ["--start=-3,4", "--x=-.5", "--h=-1e-5"])
        XCTAssertEqual(
            joiningNegativeValues(["--history", "--lr", "0.1"]), ["--history", "--lr", "0.1"], "positive values stay")
        XCTAssertEqual(joiningNegativeValues(["--preview", "-h"]), ["--preview", "-h"], "an option is not a value")
        XCTAssertEqual(joiningNegativeValues(["--lr=-1", "-2"]), ["--lr=-1", "-2"], "already joined")
        XCTAssertEqual(joiningNegativeValues(["--", "-2"]), ["--", "-2"])
    }

    func testANumberListHasANumberInEveryPlace() {
        XCTAssertEqual(NumberList(argument: "-3, 4")?.values, [-3, 4])
        XCTAssertNil(NumberList(argument: "1,,2"))
        XCTAssertNil(NumberList(argument: "1,2,"))
        XCTAssertNil(NumberList(argument: "1,inf"))
        XCTAssertNil(NumberList(argument: ""))
    }
}
