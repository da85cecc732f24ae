import BookChecks
import Foundation
import FromScratch

/// Seed 003 §一 comments `np.argmax(axis=1)` 这个是找出矩阵中每一列最大的一个值 ("finds the largest
/// value of each column"). `argmax` returns positions, not values, and `axis=1` gives one per row:
/// the book's `np.argmax(y, axis=1)` is one predicted class per image.
enum ArgmaxAxisExample: WorkedExample {
    static let rows: [String: () -> Finding] = ["argmax-axis": finding]

    static let x = Matrix([[1, 5, 2], [7, 0, 3]])

    static func finding() -> Finding {
        let perRow = x.argmaxPerRow()
        let columnMaxima = (0..<x.cols).map { c in (0..<x.rows).map { x[$0, c] }.max()! }
        let rowPositions = (0..<x.rows).map { r in x.row(r).firstIndex(of: x.row(r).max()!)! }
        return Finding(
            .claim(
                holds: perRow.map(Double.init) == columnMaxima,
                detail:
                    "np.argmax([[1, 5, 2], [7, 0, 3]], axis=1) = \(perRow), the largest value of each column is "
                    + "\(columnMaxima.map { Int($0) })"),
            erratum: Erratum(
                reproducedBy: "the position of the largest value in each row",
                reproduction: .claim(
                    holds: perRow == rowPositions,
                    detail: "row 0's largest, 5, sits at 1; row 1's, 7, at 0: \(rowPositions)"),
                why:
                    "argmax returns where the largest value is, not the value (that is max); axis=1 runs along each row, "
                    + "giving one result per row. The book relies on both: np.argmax(y, axis=1) is the predicted digit of "
                    + "each image of a batch (DLfS 3.6.3)."))
    }
}
