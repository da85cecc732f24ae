/// Speed: a reader can skip this file. It computes `matmul(a, b)`, the book's `np.dot(a, b)`,
/// through OpenBLAS's `dgemm` (as NumPy does), shared over both cores when one is lent
/// (`SecondCore`), or from a mostly-zero factor's nonzero entries (`SparseProducts.swift`). `referenceMatmul` at the end is the same product as three plain loops.
import CBLASChoice
import COpenBLAS
import Foundation

/// `np.dot(a, b)` for 2-D operands. Every product of the project goes through here, and here
/// it goes to OpenBLAS's `dgemm`, as NumPy's does, or, for a mostly-zero left factor, to the
/// sparse kernel. The result may differ from `referenceMatmul` in the last bits (each adds in its
/// own order, with fused multiply-adds).
public func matmul(_ a: Matrix, _ b: Matrix) -> Matrix {
    matmul(a, b, transposingA: false, transposingB: false)
}

/// op(a)·op(b) with either operand read transposed in place — no transposed copy is made
/// (backpropagation's xᵀ·dout and dout·Wᵀ). With `addingRows`, the 1 x n row is added to every
/// row of the product in the same call (the Affine layer's + b).
public func matmul(
    _ a: Matrix, _ b: Matrix, transposingA: Bool, transposingB: Bool,
    addingRows bias: Matrix? = nil
) -> Matrix {
    product(
        a, rows: 0..<(transposingA ? a.cols : a.rows), b,
        transposingA: transposingA, transposingB: transposingB, addingRows: bias)
}

/// Rows `range` of `a` times `b` (plus the bias row), the rows read where they lie: a data set
/// evaluated slice by slice without copying the slices out. The same as
/// `matmul(a.rows(range), b, ...)`, bit for bit.
public func matmul(rows range: Range<Int>, of a: Matrix, _ b: Matrix, addingRows bias: Matrix? = nil) -> Matrix {
    precondition(
        range.lowerBound >= 0 && range.upperBound <= a.rows,
        "matmul: rows \(range) out of range for \(a.rows) rows")
    return product(a, rows: range, b, transposingA: false, transposingB: false, addingRows: bias)
}

/// Rows `aRows` of op(a) times op(b): the one place that calls `dgemm`.
private func product(
    _ a: Matrix, rows aRows: Range<Int>, _ b: Matrix, transposingA: Bool, transposingB: Bool,
    addingRows bias: Matrix?
) -> Matrix {
    let (m, k) = (aRows.count, transposingA ? a.rows : a.cols)
    let (k2, n) = transposingB ? (b.cols, b.rows) : (b.rows, b.cols)
    precondition(
        k == k2,
        "matmul: shapes \(a.shapeDescription)\(transposingA ? "ᵀ" : "") and "
            + "\(b.shapeDescription)\(transposingB ? "ᵀ" : "") not aligned: \(k) != \(k2)")
    if let bias {
        precondition(
            bias.rows == 1 && bias.cols == n,
            "matmul: cannot add a row of shape \(bias.shapeDescription) to (\(m), \(n))")
    }
    // A mostly-zero left factor (the images) is multiplied by its nonzero entries alone.
    if let sparse = a.compressedRows, !transposingB {
        return sparseProduct(sparse, rows: aRows, transposingA: transposingA, b, addingRows: bias)
    }
    var out: Matrix
    if let bias {
        out = Matrix(
            rows: m, cols: n,
            storage: [Double](unsafeUninitializedCapacity: m * n) { buffer, count in
                bias.storage.withUnsafeBufferPointer { row in
                    for r in 0..<m {
                        let rowOfOut = UnsafeMutableBufferPointer(rebasing: buffer[(r * n)..<((r + 1) * n)])
                        _ = rowOfOut.initialize(fromContentsOf: row)
                    }
                }
                count = m * n
            })
    } else {
        // dgemm with beta = 0 writes every element without reading it: no need to zero them first.
        out = Matrix(
            rows: m, cols: n,
            storage: [Double](unsafeUninitializedCapacity: m * n) { buffer, count in
                if m == 0 || n == 0 || k == 0 { buffer.initialize(repeating: 0) }
                count = m * n
            })
    }
    guard m > 0, n > 0, k > 0 else { return out }
    BLAS.configureOnce
    a.storage.withUnsafeBufferPointer { pa in
        b.storage.withUnsafeBufferPointer { pb in
            out.storage.withUnsafeMutableBufferPointer { po in
                // Rows `rows` of the product. Row r of op(a) is row aRows.lowerBound + r of a, or
                // that column when a is read transposed.
                func productRows(_ rows: Range<Int>) {
                    let firstRowOfA = aRows.lowerBound + rows.lowerBound
                    cblas_dgemm(
                        CblasRowMajor, transposingA ? CblasTrans : CblasNoTrans,
                        transposingB ? CblasTrans : CblasNoTrans,
                        Int32(rows.count), Int32(n), Int32(k), 1.0,
                        pa.baseAddress! + (transposingA ? firstRowOfA : firstRowOfA * a.cols), Int32(a.cols),
                        pb.baseAddress, Int32(b.cols),
                        bias == nil ? 0.0 : 1.0, po.baseAddress! + rows.lowerBound * n, Int32(n))
                }
                SecondCore.splitting(m, into: SecondCore.splits(m: m, n: n, k: k) ? 2 : 1, productRows)
            }
        }
    }
    return out
}

/// OpenBLAS settings made once per process.
public enum BLAS {
    /// The kernel set OpenBLAS chose for this CPU (or `OPENBLAS_CORETYPE`), e.g. "Haswell" or
    /// "Cooperlake": products round differently from one set to another.
    public static var kernelName: String { String(cString: openblas_get_corename()) }

    /// The kernel set OpenBLAS fell back to on a CPU it did not recognise, before the process
    /// started again with `kernelName`, the set the CPU runs (CBLASChoice); nil if it did not.
    public static var replacedKernelName: String? { blas_choice_replaced().map { String(cString: $0) } }

    /// The kernel set, and how it was chosen when OpenBLAS's own choice was replaced.
    public static var kernelDescription: String {
        guard let replaced = replacedKernelName else { return "\(kernelName) kernels" }
        return "\(kernelName) kernels (OpenBLAS did not recognise this CPU and chose \(replaced))"
    }

    /// One BLAS thread unless `OPENBLAS_NUM_THREADS` says otherwise: at the book's sizes a
    /// second BLAS thread barely helps, and collapses when the other core is busy. The second
    /// core goes to independent runs, or to one network through `SecondCore`.
    static let configureOnce: Void = {
        if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil { openblas_set_num_threads(1) }
    }()
}

/// The product as plain loops, each element summed left to right without fused operations:
/// the reference that tests hold `matmul` to, and the order a hand computation follows.
public func referenceMatmul(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(
        a.cols == b.rows,
        "matmul: shapes \(a.shapeDescription) and \(b.shapeDescription) not aligned: "
            + "\(a.cols) (dim 1) != \(b.rows) (dim 0)")
    var out = Matrix(rows: a.rows, cols: b.cols)
    a.storage.withUnsafeBufferPointer { pa in
        b.storage.withUnsafeBufferPointer { pb in
            out.storage.withUnsafeMutableBufferPointer { po in
                for i in 0..<a.rows {
                    for k in 0..<a.cols {
                        let aik = pa[i * a.cols + k]
                        for j in 0..<b.cols { po[i * b.cols + j] += aik * pb[k * b.cols + j] }
                    }
                }
            }
        }
    }
    return out
}
