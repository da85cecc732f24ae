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
    /// Values compared with the printed ones within a stated tolerance, for prints of runs that
    /// cannot be repeated draw for draw (the book's unseeded training); `why` justifies it.
    case approximately([Double], tolerance: Double, why: String)
    /// A value whose order of magnitude (within a factor of 10) must be the printed one's; with
    /// its spread over BLAS kernel sets when its last digits are rounding noise.
    case magnitude(Double, spread: KernelSpread? = nil, why: String)

    func agrees(with printed: PrintedValue) -> Bool {
        switch self {
        case let .values(values): return printed.agrees(with: values)
        case let .interval(range, _): return printed.lies(in: range)
        case .error: return false
        case let .claim(holds, _): return holds
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
        case let .approximately(values, tolerance, why):
            return "[" + values.map { String(format: "%.4f", $0) }.joined(separator: ", ")
                + "] (±\(tolerance): \(why))"
        case let .magnitude(value, spread, why):
            guard let spread, spread.stableDigits < KernelSpread.shownDigits else { return String(format: "%.3e (%@)", value, why) }
            return String(format: "%.*e (%@; ", spread.stableDigits - 1, value, why) + spread.description + ")"
        }
    }
}

/// What one computation gave under each OpenBLAS kernel set measured: kernels add a product's
/// terms in different orders, so a value made of nearly cancelling terms (a gradient check's
/// 1e-13 differences) keeps only some of its digits from one CPU to another.
public struct KernelSpread: Sendable, CustomStringConvertible {
    public let low: Double
    public let high: Double
    public let kernelSets: Int

    /// Significant digits a row shows of a value whose every digit is stable.
    public static let shownDigits = 4

    public init(low: Double, high: Double, kernelSets: Int) {
        precondition(low <= high && kernelSets > 0)
        self.low = low
        self.high = high
        self.kernelSets = kernelSets
    }

    /// The significant digits (at most `shownDigits`, at least 1) that every measured value shares.
    public var stableDigits: Int {
        var digits = Self.shownDigits
        while digits > 1, String(format: "%.*e", digits - 1, low) != String(format: "%.*e", digits - 1, high) {
            digits -= 1
        }
        return digits
    }

    public var description: String {
        String(format: "rounding noise: %.3e to %.3e over %d OpenBLAS kernel sets", low, high, kernelSets)
    }
}

/// A printed value that does not follow from the code or formula printed beside it.
public struct Erratum: Sendable {
    /// How the author really got the printed value (another method, parameter, base...).
    public var reproducedBy: String
    /// That computation's result, which must agree with the printed value; nil when no
    /// computation reproducing the print could be found (the erratum is then "unexplained").
    public var reproduction: Ours?
    /// Why the print and the printed code disagree.
    public var why: String

    public init(reproducedBy: String, reproduction: Ours?, why: String) {
        self.reproducedBy = reproducedBy
        self.reproduction = reproduction
        self.why = why
    }
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

public enum Verdict: String, Sendable, Codable {
    case ok, erratum, fail

    public var symbol: String {
        switch self {
        case .ok: return "✓"
        case .erratum: return "erratum"
        case .fail: return "✗"
        }
    }
}

extension Finding {
    /// ✓ when the printed code reproduces the print; "erratum" when it does not but the
    /// recorded reproduction does (or, if none could be found, the erratum says so); ✗ otherwise — including a claimed erratum whose printed code
    /// turns out to agree, so that no erratum is recorded without cause.
    public func verdict(for printed: PrintedValue) -> Verdict {
        let codeAgrees = ours.agrees(with: printed)
        guard let erratum else { return codeAgrees ? .ok : .fail }
        if codeAgrees { return .fail }
        guard let reproduction = erratum.reproduction else { return .erratum }
        return reproduction.agrees(with: printed) ? .erratum : .fail
    }
}
