import FromScratch

/// The network output and labels the book uses for its loss examples (seed 000 §4.1.2, DLfS 4.2).
public enum LossExampleData {
    /// A softmax output whose largest probability, 0.6, sits at index 2.
    public static let y: [Double] = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    /// The correct label of `y` (one-hot at 2, 正确解标签).
    public static let correctLabel = 2
    /// DLfS 4.2.1 moves the 0.6 to index 7, so the network now answers wrongly.
    public static let yWrong: [Double] = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]
}
