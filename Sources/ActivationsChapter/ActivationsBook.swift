import BookChecks
import Figures

/// Chapter 3, activation functions and the output layer (激活函数, 输出层): DLfS 3.2-3.6
/// with seeds 003 and 004.
public enum ActivationsBook: BookChapter {
    public static let title = "Chapter 3 — activations, softmax and the book's MNIST network (DLfS 3; seeds 003, 004)"
    public static let textFile = "03-activations.md"
    public static let figureTopic = "activations"
    public static let tool = "activations"

    public static var examples: [String: () -> Finding] {
        [
            "sigmoid-values": OutputLayerExamples.sigmoidValues,
            "sigmoid-symmetry": SigmoidSymmetryExample.finding,
            "softmax-values": OutputLayerExamples.softmaxValues,
            "softmax-sum": OutputLayerExamples.softmaxSum,
            "softmax-naive-overflow": OutputLayerExamples.naiveOverflow,
            "softmax-stable": OutputLayerExamples.stableSoftmax,
            "softmax-three-class": OutputLayerExamples.threeClass,
            "mnist-accuracy": BookNetworkExample.finding,
            "argmax-axis": ArgmaxAxisExample.finding,
        ]
    }

    public static func figures() -> [Figure] {
        [ActivationFigures.stepVersusSigmoid(), ActivationFigures.relu(), ActivationFigures.allActivations(),
         ActivationFigures.derivatives()]
    }
}
