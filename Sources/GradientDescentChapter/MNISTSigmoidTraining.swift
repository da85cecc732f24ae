import FromScratch
import MNISTTraining

/// DLfS 4.5: the two-layer net with a sigmoid hidden layer, trained on MNIST.
public enum MNISTSigmoidTraining: MNISTTrainingExample {
    public static let activation = Activation.sigmoid
    public static let chapterLabel = "DLfS 4.5 (sigmoid)"
    public static let rowID = "mnist-sigmoid-net"
    public static let figureStem = "mnist-sigmoid"
}
