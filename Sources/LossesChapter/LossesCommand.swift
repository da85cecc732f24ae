import ArgumentParser
import BookChecks
import Foundation
import FromScratch

/// `losses`: the loss examples of DLfS 4.2, one subcommand each.
public struct LossesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "losses",
        abstract: "Loss functions (损失函数), DLfS 4.2: recompute the book's printed values.",
        subcommands: [CheckCommand<LossesBook>.self, MSE.self, CrossEntropy.self, Batch.self, Information.self],
        defaultSubcommand: CheckCommand<LossesBook>.self)

    public init() {}

    /// Output and label options shared by the two single-example losses.
    struct Prediction: ParsableArguments {
        @Option(help: "The network's output y, comma-separated (the book's softmax output by default).")
        var y = NumberList(LossExampleData.y)

        @Option(help: "The correct class index (one-hot t).")
        var label = LossExampleData.correctLabel

        func validate() throws {
            guard label >= 0, label < y.values.count else {
                throw ValidationError("--label must be a class index from 0 to \(y.values.count - 1), got \(label)")
            }
        }
    }

    struct MSE: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mse", abstract: "均方误差: 0.5 * sum((y - t)^2) (seed 000 §4.1.2).")
        @OptionGroup var prediction: Prediction

        func run() {
            print(MeanSquaredErrorExample.loss(y: prediction.y.values, label: prediction.label))
        }
    }

    struct CrossEntropy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cross-entropy", abstract: "交叉熵误差: -sum(t * log(y + delta)) (seed 000 §4.1.2).")
        @OptionGroup var prediction: Prediction
        @Option(help: "The constant added inside the log so log(0) never happens.")
        var delta = crossEntropyDelta

        func validate() throws { try FlagCheck.positive(delta, "--delta") }

        func run() {
            print(CrossEntropyExample.loss(y: prediction.y.values, label: prediction.label, delta: delta))
        }
    }

    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mini-batch cross-entropy with one-hot and with index labels (seed 003 §三).")

        func run() {
            let (a, b) = MiniBatchCrossEntropyExample.bothForms()
            print("batch of \(MiniBatchCrossEntropyExample.labels.count), labels \(MiniBatchCrossEntropyExample.labels)")
            print("one-hot labels: \(a)")
            print("index labels:   \(b)")
            print(a == b ? "equal" : "different")
        }
    }

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
            guard ["e", "2", "10"].contains(base) else { throw ValidationError("--base must be e, 2 or 10, got '\(base)'") }
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
