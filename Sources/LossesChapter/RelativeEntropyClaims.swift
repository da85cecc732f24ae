import BookChecks
import Figures
import Foundation
import FromScratch

/// Seed 004 §2.2 on entropy and relative entropy (log base e): what is uncertain, what KL measures.
enum RelativeEntropyClaims: WorkedExample {
    static let rows: [String: () -> Finding] = [
        "notes-004-entropy-uncertain": uncertain, "notes-004-kl-asymmetric": asymmetric, "notes-004-kl-grows": grows,
        "notes-004-zero-terms": zeroTerms,
    ]

    /// "我们发现为零的项完全不用计算": with a one-hot label, −Σ t·log q is −log q_j alone, the zero
    /// terms adding exactly 0. Where a q is itself 0, computing its term is not merely wasted: in
    /// IEEE arithmetic 0·log 0 = 0·(−∞) is NaN, which is why the book adds δ = 1e-7.
    static func zeroTerms() -> Finding {
        let t = [1.0, 0, 0], q = [0.21, 0.01, 0.78]
        let allTerms = -zip(t, q).map { $0 * log($1) }.reduce(0, +)
        let labelTerm = -log(q[0])
        let zeroProbability = -zip(t, [1.0, 0, 0]).map { $0 * log($1) }.reduce(0, +)
        return Finding(
            .claim(
                holds: allTerms == labelTerm && zeroProbability.isNaN,
                detail: "with t = (1, 0, 0) and q = (0.21, 0.01, 0.78) the three-term sum is \(shortest(allTerms)) and "
                    + "-log(0.21) is \(shortest(labelTerm)), the same double; with q = (1, 0, 0) the three-term sum is "
                    + "\(zeroProbability) (0·log 0): the zero terms must be skipped, or q shifted by δ as the book does"
            ))
    }

    /// "[0.3,0.3.0.4]这个分布不确定性比较大,熵值就很大了": its entropy against the largest a
    /// 3-class distribution can have, ln 3.
    static func uncertain() -> Finding {
        let h = entropy([0.3, 0.3, 0.4]), most = log(3.0)
        return Finding(
            .claim(
                holds: h > 0.95 * most && entropy([0, 0, 1]) == 0,
                detail: String(
                    format:
                        "H([0.3, 0.3, 0.4]) = %.4f, %.1f%% of ln 3 = %.4f, the most 3 classes allow; H([0, 0, 1]) = 0",
                    h, 100 * h / most, most)))
    }

    /// "而这里的话有可能不一样": KL(p‖q) and KL(q‖p) can differ.
    static func asymmetric() -> Finding {
        let p = [0.2, 0.3, 0.5], q = [0.3, 0.3, 0.4]
        let pq = klDivergence(p, q), qp = klDivergence(q, p)
        return Finding(
            .claim(
                holds: pq != qp,
                detail: String(format: "KL([0.2, 0.3, 0.5] || [0.3, 0.3, 0.4]) = %.5f, the other way %.5f", pq, qp)))
    }

    /// "如果两个分布一样,则相对熵为0,如果两个分布差异越大,相对熵越大": KL(p‖p) = 0, and KL grows as q
    /// moves away from p = [0, 0, 1] along the notes' two examples.
    static func grows() -> Finding {
        let p = [0.0, 0.0, 1.0]
        let steps = stride(from: 1.0, through: 0.4, by: -0.1).map { [(1 - $0) / 2, (1 - $0) / 2, $0] }
        let values = steps.map { klDivergence(p, $0) }
        let increasing = zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
        return Finding(
            .claim(
                holds: klDivergence([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]) == 0 && values[0] == 0 && increasing,
                detail:
                    "KL(p || p) = 0; for q = [(1-c)/2, (1-c)/2, c] moving from p as c falls from 1 to 0.4, KL(p || q) = "
                    + values.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
    }
}
