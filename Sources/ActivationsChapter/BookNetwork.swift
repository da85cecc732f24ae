import ArgumentParser
import BookChecks
import ChapterCommandLine
import Datasets
import Foundation
import FromScratch

/// The book's trained 784-50-100-10 network on MNIST (DLfS 3.6.2-3.6.3, `neuralnet_mnist_batch.py`):
/// the weights of `sample_weight.pkl`, sigmoid, sigmoid, softmax, argmax, over the 10000 test
/// digits in batches of 100.
public struct BookNetwork: Classifier {
    public let w1, w2, w3, b1, b2, b3: Matrix

    /// The network stored in the book's pickle (float32 arrays, computed here in double).
    public init(weightsAt url: URL) throws {
        let parameters = try SampleWeights.loadParameters(from: url)
        (w1, w2, w3) = (parameters["W1"]!, parameters["W2"]!, parameters["W3"]!)
        (b1, b2, b3) = (parameters["b1"]!, parameters["b2"]!, parameters["b3"]!)
    }

    /// `predict(network, x)`: class probabilities for each row of `x`.
    public func predict(_ x: Matrix) -> Matrix {
        let z1 = Activation.sigmoid(matmul(x, w1) + b1)
        let z2 = Activation.sigmoid(matmul(z1, w2) + b2)
        return softmax(matmul(z2, w3) + b3)
    }
}

/// Where the data of the MNIST examples comes from, for the check and the tools.
enum BookNetworkExample: RunnableExample {
    static let rows: [String: () -> Finding] = ["mnist-accuracy": finding]
    static let commands: [any ParsableCommand.Type] = [Network.self]

    static func accuracy(batchSize: Int = 100) throws -> Double {
        let network = try BookNetwork(weightsAt: try SampleWeights.ensureFile(explicit: nil))
        let test = try MNIST.loadSplit(.test, from: try MNISTLocation.ensureFiles(explicit: nil))
        return network.accuracy(test.images, labels: test.labels, batchSize: batchSize)
    }

    static func finding() -> Finding { .catching { .value(try accuracy()) } }
}

extension BookNetworkExample {
    /// `activations network`: the book's network with another batch size.
    struct Network: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The book's trained 784-50-100-10 network over the 10000 MNIST test digits (DLfS 3.6).")
        @Option(help: "Digits per batch (the book: 100).") var batchSize = 100

        func validate() throws { try FlagCheck.within(batchSize, 1...10_000, "--batch-size") }

        func run() throws {
            print("Accuracy:\(try BookNetworkExample.accuracy(batchSize: batchSize))")
        }
    }
}
