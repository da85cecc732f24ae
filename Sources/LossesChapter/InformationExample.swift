import ArgumentParser
import BookChecks
import ChapterCommandLine
import Foundation
import FromScratch

/// 熵, 相对熵 (KL 散度) and 交叉熵 of seed 004 §2.2. The notes state that log is base e.
enum InformationExample: RunnableExample {
    static let rows: [String: () -> Finding] = [
        "entropy-one-hot": entropyOfCertainty, "kl-far": klFar, "kl-near": klNear,
        "cross-entropy-one-hot": crossEntropyOfGuess, "cross-entropy-decomposition": decomposition,
    ]
    static let commands: [any ParsableCommand.Type] = [Information.self]

    static let certain: [Double] = [0, 0, 1]
    static let far: [Double] = [0.3, 0.3, 0.4]
    static let near: [Double] = [0, 0.1, 0.9]

    static func entropyOfCertainty() -> Finding { .value(entropy(certain)) }

    /// Truncates to two decimals, as a hand copying a calculator's display would.
    static func truncated(_ x: Double) -> Double { (x * 100).rounded(.down) / 100 }

    /// The readings of the two prints searched for: each base of the logarithm, each way of
    /// keeping two decimals. A reading counts when it gives both prints, 0.39 and 0.04.
    static let readings: [(base: Double, keep: (Double) -> Double)] = [M_E, 2, 10].flatMap { base in
        [(base, { ($0 * 100).rounded() / 100 }), (base, truncated)]
    }

    static var readingSearch: Search {
        let matches = readings.filter { reading in
            [(far, 0.39), (near, 0.04)].allSatisfy { q, printed in
                abs(reading.keep(klDivergence(certain, q, base: reading.base)) - printed) < 1e-9
            }
        }
        return Search(
            space: "the bases e, 2 and 10, each rounded or cut to two decimals, both prints at once",
            candidates: readings.count, matches: matches.count)
    }

    static func klErratum(_ q: [Double]) -> Finding {
        Finding(
            .values([klDivergence(certain, q)]),
            erratum: Erratum(
                reproducedBy: "log base 10, cut (not rounded) to two decimals",
                reproduction: .values([truncated(klDivergence(certain, q, base: 10))]),
                why:
                    "The notes say the log is base e, which gives \(String(format: "%.2f", klDivergence(certain, q))); "
                    + "the printed number is log10 of 1/q(2) = \(klDivergence(certain, q, base: 10)) with its digits cut "
                    + "after the second decimal (rounding would print \(String(format: "%.2f", klDivergence(certain, q, base: 10))))."
                    + " How the author came to base 10 the notes do not say.",
                search: readingSearch))
    }

    static func klFar() -> Finding { klErratum(far) }
    static func klNear() -> Finding { klErratum(near) }

    /// With a one-hot p, the cross-entropy reduces to -log q(true class).
    static func crossEntropyOfGuess() -> Finding {
        .value(crossEntropy([1, 0, 0], [0.21, 0.01, 0.78]))
    }

    /// H(p, q) = H(p) + KL(p‖q), on the notes' pairs and on one where p is not one-hot (there both
    /// sides are sums of different terms, so they meet up to rounding: a few ulp).
    static func decomposition() -> Finding {
        let pairs: [([Double], [Double])] = [(certain, far), (certain, near), ([0.2, 0.3, 0.5], far)]
        let gaps = pairs.map { abs(crossEntropy($0, $1) - (entropy($0) + klDivergence($0, $1))) }
        let largest = gaps.max()!
        return Finding(
            .claim(
                holds: largest <= 4 * crossEntropy([0.2, 0.3, 0.5], far).ulp,
                detail: String(
                    format:
                        "H(p,q) - (H(p) + KL(p||q)) over the notes' two pairs and p = [0.2, 0.3, 0.5], q = [0.3, 0.3, 0.4]: "
                        + "largest %.1e (bound 4 ulp of H(p,q))", largest)))
    }
}

extension InformationExample {
    /// `losses information`: the three measures for distributions of the reader's choice.
    struct Information: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "熵, KL 散度 and 交叉熵 of two distributions (seed 004 §2.2).")
        @Option(help: "The true distribution p.") var p = NumberList(InformationExample.certain)
        @Option(help: "The model's distribution q.") var q = NumberList(InformationExample.far)
        @Option(help: "Base of the logarithm: e, 2 or 10.") var base = "e"

        func validate() throws {
            guard p.values.count == q.values.count else {
                throw ValidationError("--p has \(p.values.count) entries but --q has \(q.values.count)")
            }
            guard ["e", "2", "10"].contains(base) else {
                throw ValidationError("--base must be e, 2 or 10, got '\(base)'")
            }
            for (flag, dist) in [("--p", p.values), ("--q", q.values)] {
                guard dist.allSatisfy({ $0 >= 0 }), abs(dist.reduce(0, +) - 1) < 1e-9 else {
                    throw ValidationError("\(flag) must be a probability distribution (non-negative, summing to 1)")
                }
            }
        }

        func run() {
            let b = base == "e" ? M_E : Double(base)!
            print("H(p)      = \(entropy(p.values, base: b))")
            print("KL(p||q)  = \(klDivergence(p.values, q.values, base: b))")
            print("H(p, q)   = \(crossEntropy(p.values, q.values, base: b))")
        }
    }
}
