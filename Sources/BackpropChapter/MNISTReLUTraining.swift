import FromScratch
import MNISTTraining

/// DLfS 5.7.4: the two-layer net with ReLU layers and backpropagation, trained on MNIST.
public enum MNISTReLUTraining: MNISTTrainingExample {
    public static let activation = Activation.relu
    public static let chapterLabel = "DLfS 5.7.4 (ReLU)"
    public static let rowID = "mnist-relu-net"
    public static let figureStem = "mnist-relu"
}
