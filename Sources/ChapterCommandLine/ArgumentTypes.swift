import ArgumentParser
import BookChecks
import FigureRendering
import Figures
import Foundation
import FromScratch

/// A comma-separated list of numbers on the command line, e.g. `--start -3,4`.
public struct NumberList: ExpressibleByArgument, Sendable, CustomStringConvertible {
    public var values: [Double]

    public init(_ values: [Double]) { self.values = values }

    public init?(argument: String) {
        // "1,,2" is a typing slip, not the list [1, 2]: every part must be a number.
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
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
extension OptimizerKind: ExpressibleByArgument {}

/// `--weight-init 0.01`, `xavier` or `he`, as the book's `weight_init_std` argument.
extension MultiLayerNet.WeightInit: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// The words of a command line with each `--flag -3` joined into `--flag=-3`.
///
/// ArgumentParser reads a word that starts with '-' as an option, so `--steps -5` stopped at
/// "Missing value for '--steps'"; joined, the value reaches the flag's own check ("--steps must be
/// between 0 and ..."). Only a word that reads as a negative number (or list: `-3,4`) is joined.
public func joiningNegativeValues(_ arguments: [String]) -> [String] {
    func isNegativeValue(_ word: String) -> Bool {
        guard word.count > 1, word.first == "-", let next = word.dropFirst().first else { return false }
        return next.isNumber || next == "."
    }
    var joined: [String] = []
    var index = 0
    while index < arguments.count {
        let word = arguments[index]
        if word.hasPrefix("--"), word != "--", !word.contains("="), index + 1 < arguments.count,
            isNegativeValue(arguments[index + 1])
        {
            joined.append(word + "=" + arguments[index + 1])
            index += 2
        } else {
            joined.append(word)
            index += 1
        }
    }
    return joined
}

/// The most command-line words a tool reads.
public let maximumArguments = 2000

extension ParsableCommand {
    /// `main()`, with negative values joined to their flags (`joiningNegativeValues`).
    public static func mainJoiningNegativeValues() {
        FigureRenderer.installSignalHandlers()
        StandardOutput.failIfLostAtExit()
        Repository.useOfflineDataIfUnset()
        let arguments = Array(CommandLine.arguments.dropFirst())
        // ArgumentParser's time grows with the square of a long value list (20000 --x values took
        // over a minute); no example needs more than a few hundred words.
        guard arguments.count <= maximumArguments else {
            fputs(
                "Error: \(arguments.count) command-line words are more than the \(maximumArguments) a tool reads; "
                    + "pass fewer values (a comma-separated list counts as one word)\n", stderr)
            Foundation.exit(64)
        }
        // ParsableCommand.main, with one step after a run that ended well: a NaN or an infinity
        // printed as a result fails it (EX_DATAERR), while a run that failed keeps its own error.
        do {
            var command = try parseAsRoot(joiningNegativeValues(arguments))
            try command.run()
        } catch {
            exit(withError: error)
        }
        if ResultOutput.failsTheRun { Foundation.exit(65) }
    }
}

/// A number as `--json` output writes it: JSON has no NaN or infinity, so a value that is not
/// finite (a diverged run's loss) is written `null`.
public func jsonNumber(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }

/// A comma-separated list of optimizers on the command line, or `all`.
public struct OptimizerList: ExpressibleByArgument {
    public var kinds: [OptimizerKind]

    public init(_ kinds: [OptimizerKind]) { self.kinds = kinds }

    public init?(argument: String) {
        if argument == "all" {
            kinds = OptimizerKind.allCases
            return
        }
        let parts = argument.split(separator: ",").map {
            OptimizerKind(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased())
        }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        let kinds = parts.map { $0! }
        guard Set(kinds).count == kinds.count else { return nil }
        self.kinds = kinds
    }

    public var defaultValueDescription: String { kinds.map(\.rawValue).joined(separator: ",") }
}

/// At exit: standard output that could not be written (a full device, a closed descriptor) is an
/// error, else the reader gets nothing and an exit status of 0.
enum StandardOutput {
    static func failIfLostAtExit() {
        atexit {
            if fflush(stdout) != 0 || ferror(stdout) != 0 {
                let reason = String(cString: strerror(errno))
                fputs("error: could not write the output to standard output: \(reason)\n", stderr)
                _exit(74)  // EX_IOERR
            }
        }
    }
}
