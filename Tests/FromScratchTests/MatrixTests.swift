import XCTest

@testable import FromScratch

final class MatrixTests: XCTestCase {
    func testBroadcastingRowColumnAndScalar() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual((a + Matrix(row: [10, 20, 30])).storage, [11, 22, 33, 14, 25, 36])
        XCTAssertEqual((a * Matrix(column: [1, -1])).storage, [1, 2, 3, -4, -5, -6])
        XCTAssertEqual((a - 1).storage, [0, 1, 2, 3, 4, 5])
        XCTAssertEqual((2 * a).storage, [2, 4, 6, 8, 10, 12])
    }

    func testMatmulAgainstHandComputedProduct() {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        let b = Matrix([[7, 8, 9], [10, 11, 12]])
        XCTAssertEqual(matmul(a, b), Matrix([[27, 30, 33], [61, 68, 75], [95, 106, 117]]))
        XCTAssertEqual(matmul(Matrix(row: [1, 1]), b).storage, [17, 19, 21])
    }

    func testTransposeReshapeAndReductions() {
        let a = Matrix([[1, 5, 3], [4, 2, 6]])
        XCTAssertEqual(a.transposed, Matrix([[1, 4], [5, 2], [3, 6]]))
        XCTAssertEqual(a.reshaped(3, 2).row(1), [3, 4])
        XCTAssertEqual(a.sum(axis: 0).storage, [5, 7, 9])
        XCTAssertEqual(a.sum(axis: 1).storage, [9, 12])
        XCTAssertEqual(a.argmax(), 5)
        XCTAssertEqual(a.argmaxPerRow(), [1, 2])
        XCTAssertEqual(Matrix(row: [3, 7, 7]).argmax(), 1, "the first maximum wins, as in NumPy")
    }
}
