import BookChecks
import Datasets
import Figures
import FromScratch

/// DLfS 3.6.1 (`ch03/mnist_show.py`, fig 3-24): MNIST's training images as the book loads them,
/// 28 × 28 gray pixels scaled to [0, 1], each with its label. The first, `x_train[0]`, is the
/// book's 5.
enum MNISTSamples: WorkedExample {
    static let count = 20

    static func figures() throws -> [Figure] {
        guard let train = try MNIST.splitIfAvailable(.train) else { return [] }
        let cells = (0..<count).map { ImageGrid.Cell(pixels: train.images.row($0), caption: "\(train.labels[$0])") }
        return [
            ImageGrid(side: MNIST.imageSide, columns: 10)
                .figure(
                    name: "mnist-samples",
                    caption: "The first \(count) MNIST training images with their labels (DLfS 3.6.1, fig 3-24)",
                    title: "The first \(count) MNIST training images and their labels", cells: cells)
        ]
    }
}
