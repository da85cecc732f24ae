/// How far a figure's data may move between OpenBLAS kernel sets and still be the same figure.
///
/// OpenBLAS picks its kernels by CPU when it loads (Haswell on most x86-64 machines, SkylakeX or
/// Cooperlake on AVX-512 ones, ...), and the kernels round a product's last bits differently. A
/// whole MNIST training run keeps that difference small: over the kernel sets measured for the
/// README ("Same results on every machine"), no data value of a committed figure moved by more
/// than 1e-14 of the largest value in its column. A figure script regenerated on another machine
/// that differs from the committed one only by such rounding is the same figure, so the renderer
/// keeps the committed pair and `git status` stays clean.
///
/// The tolerance, 1e-9 of a column's largest value, is 10⁵ times the measured spread and far below
/// what a figure can show (one pixel is about 1e-3 of an axis). Anything else in the script — a
/// title, a range, a command, the number of rows — must be byte for byte the same.
public enum KernelRounding {
    public static let relativeTolerance = 1e-9

    /// Whether two figure scripts are the same figure: equal line for line, except that numbers
    /// inside inline data blocks (`$name << EOD` … `EOD`) may differ by at most
    /// `relativeTolerance` times the largest magnitude in their column of that block.
    public static func sameFigure(_ a: String, _ b: String, relativeTolerance: Double = relativeTolerance) -> Bool {
        if a == b { return true }
        let linesA = a.split(separator: "\n", omittingEmptySubsequences: false)
        let linesB = b.split(separator: "\n", omittingEmptySubsequences: false)
        guard linesA.count == linesB.count else { return false }
        var index = 0
        while index < linesA.count {
            guard linesA[index] == linesB[index] else { return false }
            guard linesA[index].hasSuffix(" << EOD") else {
                index += 1
                continue
            }
            guard let end = linesA[(index + 1)...].firstIndex(of: "EOD"), linesB[end] == "EOD",
                blocksAgree(linesA[(index + 1)..<end], linesB[(index + 1)..<end], relativeTolerance)
            else { return false }
            index = end + 1
        }
        return true
    }

    /// Rows of one data block: same shape, same non-numeric text, numbers within tolerance.
    private static func blocksAgree(
        _ a: ArraySlice<Substring>, _ b: ArraySlice<Substring>,
        _ relativeTolerance: Double
    ) -> Bool {
        let rowsA = a.map { $0.split(separator: " ") }, rowsB = b.map { $0.split(separator: " ") }
        var scale: [Double] = []
        for (rowA, rowB) in zip(rowsA, rowsB) {
            guard rowA.count == rowB.count else { return false }
            for (column, (x, y)) in zip(rowA, rowB).enumerated() {
                if column == scale.count { scale.append(0) }
                for value in [Double(x), Double(y)] {
                    if let value, value.isFinite { scale[column] = max(scale[column], abs(value)) }
                }
            }
        }
        for (rowA, rowB) in zip(rowsA, rowsB) {
            for (column, (x, y)) in zip(rowA, rowB).enumerated() where x != y {
                guard let u = Double(x), let v = Double(y), u.isFinite, v.isFinite,
                    abs(u - v) <= relativeTolerance * scale[column]
                else { return false }
            }
        }
        return true
    }
}
