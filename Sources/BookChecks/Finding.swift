import Foundation

/// What an example computes for one printed value, and the verdict that follows.

/// Our result for a printed value.
public enum Ours: Sendable {
    /// Numbers, compared with the printed ones at the printed precision.
    case values([Double])
    /// Every result the (rounded) printed inputs allow; agrees if the printed value lies inside.
    case interval(ClosedRange<Double>, described: String)
    /// The computation fails, as the printed code would (e.g. an IndexError).
    case error(String)
    /// A claim such as "equality": holds or not, with a short account of what was compared.
    case claim(holds: Bool, detail: String)
    /// What a program printed, compared as text with an `output` print.
    case output(String)
    /// What a program printed, of which only the numbers, in order and as written, are compared
    /// with the print's: evidence that a print with other labels or line breaks came from it.
    case numbersOf(String)
    /// Values compared with the printed ones within a stated tolerance, for prints of runs that
    /// cannot be repeated draw for draw (the book's unseeded training); `why` justifies it.
    /// Agreement is "≈", never ✓: our value is not the printed one.
    case approximately([Double], tolerance: Double, why: String)
    /// A comparison that only a measured order-dependence spread makes possible: the print is
    /// matched against the range that rounding-level perturbations produce, or at the phase rounding
    /// chose (the notes' moons trace). Agreement is "≈", never ✓; `why` says what was measured.
    indirect case withinSpread(Ours, why: String)
    /// A value whose order of magnitude (within a factor of 10) must be the printed one's; with
    /// its spread over BLAS kernel sets when its last digits are rounding noise.
    case magnitude(Double, spread: KernelSpread? = nil, why: String)

    /// A piece of evidence (a claim, the same numbers), which holds or not, rather than a value
    /// that reproduces the print or not.
    var isEvidence: Bool {
        switch self {
        case .claim, .numbersOf: return true
        default: return false
        }
    }

    /// How the result meets the print: exactly at the declared precision, only within a measured
    /// spread, or not at all.
    func agreement(with printed: PrintedValue) -> Agreement {
        switch self {
        case .approximately: return agrees(with: printed) ? .withinSpread : .none
        case let .withinSpread(inner, _): return inner.agrees(with: printed) ? .withinSpread : .none
        default: return agrees(with: printed) ? .exact : .none
        }
    }

    private func agrees(with printed: PrintedValue) -> Bool {
        switch self {
        case let .withinSpread(inner, _): return inner.agrees(with: printed)
        case let .values(values): return printed.agrees(with: values)
        case let .interval(range, _): return printed.lies(in: range)
        case .error: return false
        case let .claim(holds, _): return holds
        case let .output(text): return printed.kind == .output && text == printed.outputText
        case let .numbersOf(text):
            let numbers = NotesListingCheck.numbers(in: text)
            return !numbers.isEmpty && numbers == NotesListingCheck.numbers(in: printed.outputText)
        case let .approximately(values, tolerance, _):
            guard let printed = printed.values, printed.count == values.count else { return false }
            return zip(values, printed).allSatisfy { abs($0 - $1) <= tolerance }
        case let .magnitude(value, _, _):
            guard let printed = printed.values, printed.count == 1, printed[0] > 0, value > 0 else { return false }
            return abs(log10(value) - log10(printed[0])) <= 1
        }
    }

    func display(against printed: PrintedValue) -> String {
        switch self {
        case let .values(values): return printed.display(values)
        case let .interval(_, described): return described
        case let .error(message): return message
        case let .claim(holds, detail): return (holds ? "" : "not so: ") + detail
        case let .output(text): return text.replacingOccurrences(of: "\n", with: PrintedValue.lineBreak)
        case let .numbersOf(text):
            return "the numbers " + NotesListingCheck.numbers(in: text).joined(separator: ", ")
        case let .approximately(values, tolerance, why):
            return "[" + values.map { String(format: "%.4f", $0) }.joined(separator: ", ")
                + "] (" + String(format: "±%g", tolerance) + ": \(why))"
        case let .withinSpread(inner, why): return inner.display(against: printed) + " (≈: \(why))"
        case let .magnitude(value, spread, why):
            guard let spread, spread.stableDigits < KernelSpread.shownDigits else {
                return String(format: "%.3e (%@)", value, why)
            }
            return String(format: "%.*e (%@; ", spread.stableDigits - 1, value, why) + spread.description + ")"
        }
    }
}

/// What one computation gave under each product kernel measured (each OpenBLAS kernel set, with
/// and without the sparse products that skip the images' zeros): kernels add a product's terms in
/// different orders, so a value made of nearly cancelling terms (a gradient check's 1e-13
/// differences) keeps only some of its digits from one CPU to another.
public struct KernelSpread: Sendable, CustomStringConvertible {
    public let low: Double
    public let high: Double
    public let kernels: Int

    /// Significant digits a row shows of a value whose every digit is stable.
    public static let shownDigits = 4

    public init(low: Double, high: Double, kernels: Int) {
        precondition(low <= high && kernels > 0)
        self.low = low
        self.high = high
        self.kernels = kernels
    }

    /// Whether `value` lies in the measured range: one outside it means the range is out of date.
    public func contains(_ value: Double) -> Bool { low <= value && value <= high }

    /// The significant digits (at most `shownDigits`, at least 1) that every measured value shares.
    public var stableDigits: Int {
        var digits = Self.shownDigits
        while digits > 1, String(format: "%.*e", digits - 1, low) != String(format: "%.*e", digits - 1, high) {
            digits -= 1
        }
        return digits
    }

    public var description: String {
        String(format: "rounding noise: %.3e to %.3e over %d product kernels", low, high, kernels)
    }
}

/// A printed value that does not follow from the code or formula printed beside it.
public struct Erratum: Sendable {
    /// How the author really got the printed value (another method, parameter, base...).
    public var reproducedBy: String
    /// That computation's result, which must agree with the printed value: a reproduction, or a
    /// computed piece of evidence for the explanation when no computation reproduces the print.
    public var reproduction: Ours
    /// Why the print and the printed code disagree.
    public var why: String
    /// The search for other explanations, when one was made: only a reproduction that is the one
    /// match of a stated search is called the explanation; any other agreement is evidence, and
    /// the erratum says "plausibly".
    public var search: Search?

    public init(reproducedBy: String, reproduction: Ours, why: String, search: Search? = nil) {
        self.reproducedBy = reproducedBy
        self.reproduction = reproduction
        self.why = why
        self.search = search
    }
}

/// A search for the computations that give a print: what was searched (the grid, the operations),
/// how many candidates it tried, and how many of them give the print.
public struct Search: Sendable {
    public var space: String
    public var candidates: Int
    public var matches: Int

    public init(space: String, candidates: Int, matches: Int) {
        self.space = space
        self.candidates = candidates
        self.matches = matches
    }

    /// Whether the search leaves this reproduction as the one explanation.
    public var isUnique: Bool { matches == 1 }
}

/// One example's outcome: what the printed code gives, and the erratum if we claim one.
public struct Finding: Sendable {
    public var ours: Ours
    public var erratum: Erratum?

    public init(_ ours: Ours, erratum: Erratum? = nil) {
        self.ours = ours
        self.erratum = erratum
    }

    public static func values(_ values: [Double]) -> Finding { Finding(.values(values)) }
    public static func value(_ value: Double) -> Finding { Finding(.values([value])) }
}

extension Finding {
    /// The finding `body` makes, or, if it throws (MNIST or the book's weights missing, say),
    /// the error as the row's result: the row then fails and says why.
    public static func catching(_ body: () throws -> Finding) -> Finding {
        do {
            return try body()
        } catch {
            return Finding(.error("\(error)"))
        }
    }
}

/// How a result meets a print.
enum Agreement { case exact, withinSpread, none }

public enum Verdict: String, Sendable, Codable {
    case ok, withinSpread = "within-spread", erratum, fail

    public var symbol: String {
        switch self {
        case .ok: return "✓"
        case .withinSpread: return "≈"
        case .erratum: return "erratum"
        case .fail: return "✗"
        }
    }
}

extension Finding {
    /// ✓ when the printed code reproduces the print at its declared precision; ≈ when it does so
    /// only within a measured spread (`Ours.withinSpread`, `.approximately`); "erratum" when the
    /// printed code does not agree and the recorded reproduction or evidence does; ✗ otherwise.
    /// An erratum whose printed code agrees after all is ✗, so that none is recorded without cause,
    /// and so is one whose reproduction does not agree.
    public func verdict(for printed: PrintedValue) -> Verdict {
        let agreement = ours.agreement(with: printed)
        guard let erratum else {
            switch agreement {
            case .exact: return .ok
            case .withinSpread: return .withinSpread
            case .none: return .fail
            }
        }
        guard agreement == .none else { return .fail }
        return erratum.reproduction.agreement(with: printed) == .none ? .fail : .erratum
    }
}
