import ArgumentParser
import FromScratch

/// A comma-separated list of numbers on the command line, e.g. `--start -3,4`.
public struct NumberList: ExpressibleByArgument, Sendable, CustomStringConvertible {
    public var values: [Double]

    public init(_ values: [Double]) { self.values = values }

    public init?(argument: String) {
        let parts = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = parts.compactMap(Double.init)
        guard !parts.isEmpty, numbers.count == parts.count, numbers.allSatisfy(\.isFinite) else { return nil }
        values = numbers
    }

    public var description: String { values.map { "\($0)" }.joined(separator: ",") }
    public static var defaultCompletionKind: CompletionKind { .default }
}

// The core's choices, named on the command line by their raw values (`sigmoid`, `forward`...).
extension Activation: ExpressibleByArgument {}
extension DifferenceScheme: ExpressibleByArgument {}

/// `--weight-init 0.01`, `xavier` or `he`, as the book's `weight_init_std` argument.
extension MultiLayerNet.WeightInit: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
