import Foundation

/// Entropy, relative entropy and cross-entropy of discrete distributions (seed 004 §2.2).
///
/// Terms with p(x) = 0 contribute nothing (the limit of p log p), so one-hot distributions work.
/// `base` is the base of the logarithm: the notes say e.

/// H(p) = -sum p log p.
public func entropy(_ p: [Double], base: Double = M_E) -> Double {
    -p.reduce(0.0) { sum, px in px == 0 ? sum : sum + px * logarithm(px, base) }
}

/// KL(p || q) = -sum p log(q / p).
public func klDivergence(_ p: [Double], _ q: [Double], base: Double = M_E) -> Double {
    precondition(p.count == q.count, "klDivergence: \(p.count) against \(q.count) outcomes")
    return -zip(p, q).reduce(0.0) { sum, pair in
        pair.0 == 0 ? sum : sum + pair.0 * logarithm(pair.1 / pair.0, base)
    }
}

/// H(p, q) = -sum p log q, which equals H(p) + KL(p || q).
public func crossEntropy(_ p: [Double], _ q: [Double], base: Double = M_E) -> Double {
    precondition(p.count == q.count, "crossEntropy: \(p.count) against \(q.count) outcomes")
    return -zip(p, q).reduce(0.0) { sum, pair in pair.0 == 0 ? sum : sum + pair.0 * logarithm(pair.1, base) }
}

private func logarithm(_ x: Double, _ base: Double) -> Double {
    base == M_E ? log(x) : (base == 10 ? log10(x) : (base == 2 ? log2(x) : log(x) / log(base)))
}
