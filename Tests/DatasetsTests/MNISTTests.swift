import Foundation
import FromScratch
import XCTest

@testable import Datasets

/// The real MNIST, loaded once, against the facts in ../shared/data/README.md (the data
/// set's documented first labels, class counts, and pixel statistics).
final class MNISTTests: XCTestCase {
    /// Loaded (and SHA-256 verified) once for all tests of this class.
    nonisolated(unsafe) static var loaded: Result<MNIST, Error>?

    static func mnist() throws -> MNIST {
        let directory = try TestData.requireMNIST()
        if loaded == nil { loaded = Result { try MNIST.load(from: directory) } }
        return try loaded!.get()
    }

    func testShapesAndRanges() throws {
        let mnist = try Self.mnist()
        XCTAssertEqual(mnist.trainImages.rows, 60_000)
        XCTAssertEqual(mnist.trainImages.cols, 784)
        XCTAssertEqual(mnist.testImages.rows, 10_000)
        XCTAssertEqual(mnist.testImages.cols, 784)
        XCTAssertEqual(mnist.trainLabels.count, 60_000)
        XCTAssertEqual(mnist.testLabels.count, 10_000)
        XCTAssertEqual(mnist.trainImages.matrix().storage.min(), 0)
        XCTAssertEqual(mnist.trainImages.matrix().storage.max(), 1, "255 / 255")
        // Every pixel is a byte over 255, divided in float32 as the book's load_mnist does.
        XCTAssertTrue(mnist.testImages.matrix().storage.allSatisfy { Double(Float(($0 * 255).rounded()) / 255) == $0 })
    }

    func testFirstTrainingLabelsAndClassCounts() throws {
        let mnist = try Self.mnist()
        // README: "the first training labels are 5 0 4 1 9 2 1 3 1 4".
        XCTAssertEqual(Array(mnist.trainLabels.prefix(10)), [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        // README: "training label counts 5923 6742 5958 6131 5842 5421 5918 6265 5851 5949".
        XCTAssertEqual(
            MNIST.classCounts(mnist.trainLabels), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        XCTAssertEqual(MNIST.classCounts(mnist.testLabels).reduce(0, +), 10_000)
        XCTAssertTrue(MNIST.classCounts(mnist.testLabels).allSatisfy { $0 > 800 }, "every digit is in the test set")
    }

    func testTrainingPixelMeanAndStandardDeviation() throws {
        let pixels = try Self.mnist().trainImages.matrix().storage
        // Compensated (Kahan-Babuska) sums, so 47 million terms lose no digits that matter.
        let mean = Self.compensatedSum(pixels) / Double(pixels.count)
        var squares = [Double](repeating: 0, count: pixels.count)
        for index in pixels.indices { let d = pixels[index] - mean; squares[index] = d * d }
        let standardDeviation = (Self.compensatedSum(squares) / Double(pixels.count)).squareRoot()
        // The offline copy's README gives 0.1306604762738429 and 0.30810780385646264 for pixels / 255
        // in double precision; the book's float32 pixels move both by about 1e-9. NumPy, on
        // `x.astype(np.float32) / 255` widened to float64, with math.fsum: these two.
        XCTAssertEqual(mean, 0.13066047740241013, accuracy: 1e-12)
        XCTAssertEqual(standardDeviation, 0.3081078055271016, accuracy: 1e-12)
    }

    func testOneHotOfTheRealLabels() throws {
        let mnist = try Self.mnist()
        let oneHot = MNIST.oneHot(Array(mnist.testLabels.prefix(100)))
        XCTAssertEqual(oneHot.sum(axis: 1).storage, [Double](repeating: 1, count: 100))
        for row in 0..<100 { XCTAssertEqual(oneHot[row, mnist.testLabels[row]], 1) }
    }

    func testSplitLoadingAgreesWithTheFullLoad() throws {
        let mnist = try Self.mnist()
        let directory = try TestData.requireMNIST()
        let test = try MNIST.loadSplit(.test, from: directory, verify: false)
        XCTAssertEqual(test.labels, mnist.testLabels)
        XCTAssertEqual(test.images.row(0), mnist.testImages.row(0))
        XCTAssertEqual(try MNIST.loadLabels(.train, from: directory), mnist.trainLabels)
    }

    static func compensatedSum(_ values: [Double]) -> Double {
        var sum = 0.0, compensation = 0.0
        values.withUnsafeBufferPointer { buffer in
            for value in buffer {
                let total = sum + value
                if abs(sum) >= abs(value) {
                    compensation += (sum - total) + value
                } else {
                    compensation += (value - total) + sum
                }
                sum = total
            }
        }
        return sum + compensation
    }
}
