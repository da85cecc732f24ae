import Foundation
import FromScratch

/// Why seed 001's constant-ε run oscillates: gradient descent with step ε is stable at a
/// minimum only while ε·λmax < 2, λmax being the largest eigenvalue of the Hessian of the loss
/// it descends (here the loss summed over the 200 examples). Past that, the component of the
/// weights along the top eigenvector is multiplied by 1 − ε·λmax, below −1, at every pass: it
/// flips sign and grows.
public enum MoonsSharpness {
    /// The parameters W1, b1, W2, b2 as one vector, in that order.
    static func flatten(_ model: MoonsModel) -> [Double] {
        model.w1.storage + model.b1.storage + model.w2.storage + model.b2.storage
    }

    static func unflatten(_ values: [Double], like model: MoonsModel) -> MoonsModel {
        var out = model
        var offset = 0
        func take(_ m: inout Matrix) {
            m.storage = Array(values[offset..<(offset + m.count)])
            offset += m.count
        }
        take(&out.w1)
        take(&out.b1)
        take(&out.w2)
        take(&out.b2)
        return out
    }

    /// The Hessian of N·`calculate_loss` at `model`: central differences (step `h`) of the
    /// backpropagated gradient, made symmetric.
    static func hessian(_ model: MoonsModel, x: Matrix, y: [Int], lambda: Double, h: Double = 1e-5) -> [[Double]] {
        let xTransposed = x.transposed
        let point = flatten(model)
        let n = point.count
        var columns: [[Double]] = []
        for i in 0..<n {
            var above = point, below = point
            above[i] += h
            below[i] -= h
            let gAbove = flatten(
                MoonsNetwork.gradient(
                    unflatten(above, like: model), x: x, xTransposed: xTransposed, y: y, lambda: lambda))
            let gBelow = flatten(
                MoonsNetwork.gradient(
                    unflatten(below, like: model), x: x, xTransposed: xTransposed, y: y, lambda: lambda))
            columns.append((0..<n).map { (gAbove[$0] - gBelow[$0]) / (2 * h) })
        }
        return (0..<n).map { r in (0..<n).map { c in (columns[c][r] + columns[r][c]) / 2 } }
    }

    /// The eigenvalues of a symmetric matrix, smallest first, by cyclic Jacobi rotations.
    static func symmetricEigenvalues(_ matrix: [[Double]]) -> [Double] {
        var a = matrix
        let n = a.count
        for _ in 0..<100 {
            var offDiagonal = 0.0
            for p in 0..<n { for q in (p + 1)..<n { offDiagonal += a[p][q] * a[p][q] } }
            if offDiagonal < 1e-22 { break }
            for p in 0..<n {
                for q in (p + 1)..<n where a[p][q] != 0 {
                    // The rotation that zeroes a[p][q].
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k][p], akq = a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p][k], aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                }
            }
        }
        return (0..<n).map { a[$0][$0] }.sorted()
    }

    /// λmax of the summed loss at `model`: the sharpness gradient descent with step ε tolerates
    /// while ε·λmax < 2.
    public static func sharpness(_ model: MoonsModel, x: Matrix, y: [Int], lambda: Double) -> Double {
        symmetricEigenvalues(hessian(model, x: x, y: y, lambda: lambda)).last!
    }
}
