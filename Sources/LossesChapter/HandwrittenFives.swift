import BookChecks
import Datasets
import Figures
import FromScratch

/// DLfS 4.1.1 (fig 4-1): one digit, many hands. The book shows several people's 5s to say why
/// rules written by hand do not recognise digits and learning from data does. Here: the first
/// twelve 5s of MNIST's training set, as the book loads them.
enum HandwrittenFives: WorkedExample {
    static let digit = 5, count = 12

    static func figures() throws -> [Figure] {
        guard let train = try MNIST.splitIfAvailable(.train) else { return [] }
        let indices = train.labels.indices.filter { train.labels[$0] == digit }.prefix(count)
        let cells = indices.map { ImageGrid.Cell(pixels: train.images.row($0), caption: "no. \($0)") }
        return [
            ImageGrid(side: MNIST.imageSide, columns: 6)
                .figure(
                    name: "handwritten-fives",
                    caption:
                        "The first \(count) 5s of MNIST's training set, each written by someone else (DLfS 4.1.1, fig 4-1)",
                    title: "One digit, many hands: MNIST's first \(count) fives", cells: cells)
        ]
    }
}
