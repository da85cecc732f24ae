import Figures
import Foundation

/// What kind of print a row's value is. Each row declares it in the chapter table's `kind` column,
/// because the text alone cannot tell: `2.2` may be Python's repr of one double or a person's
/// rounding of many.
public enum PrintKind: String, CaseIterable, Sendable {
    /// Python's `repr` of a float (or `print` of an int): the text names one double, and only that
    /// double agrees. Python 2's 17-digit repr (`0.92806853663411326`) names one double too.
    case repr
    /// A NumPy array print: every element to NumPy's 8 digits after the point, trailing zeros
    /// dropped (`6.` is 6.00000000, `0.2153437` is 0.21534370).
    case numpy
    /// A program's fixed-digit print (`%f`, `%.4f`, Python 2's 12-digit `str`): our value printed
    /// the same way must give the same digits.
    case format
    /// A value a person wrote to these digits (rounded, or exact by hand): our value rounded to the
    /// same digits must give them.
    case rounded
    /// A formula (`−log(0.21)`), evaluated in double precision and matched exactly.
    case formula
    /// A statement quoted verbatim from its source, in the source's language, that a computation
    /// confirms or refutes. (The tests find every quote from the notes in the note it cites.)
    case claim
    /// A statement in our own words that a computation confirms or refutes: what the book's text
    /// or figure says (the book's text is not part of this repository, so it cannot be quoted), or
    /// a fact worked out by hand.
    case paraphrase
    /// A code listing of a note, named by its first line as printed: agrees when the listing runs
    /// as printed (`Tests/Fixtures/NotesCode/runs.json` records the run).
    case listing
    /// What a note shows a listing printing, verbatim, `↵` standing for a line break: agrees when
    /// the listing's run printed exactly this text, labels and line breaks included.
    case output
}

extension PrintKind {
    /// Kinds whose print is words or code, not numbers.
    public var isText: Bool { [.claim, .paraphrase, .listing, .output].contains(self) }
}

/// A printed value that is not the kind its row declares.
public struct PrintKindMismatch: Error, CustomStringConvertible {
    public let text: String
    public let kind: PrintKind
    public var description: String {
        switch kind {
        case .repr: return "`\(text)` is declared `repr` but is not one Python number"
        case .numpy: return "`\(text)` is declared `numpy` but is not a bracketed list of numbers"
        case .format, .rounded:
            return "`\(text)` is declared `\(kind.rawValue)` but is not a number or a list of numbers"
        case .formula: return "`\(text)` is declared `formula` but is not −log(x)"
        case .claim, .paraphrase, .listing, .output:
            return "`\(text)` is declared `\(kind.rawValue)` but is empty"
        }
    }
}

/// A value exactly as the book or the notes print it, with the kind of print its row declares,
/// which fixes what agreement means (see `PrintKind`).
public struct PrintedValue: Equatable, Sendable {
    public let text: String
    public let kind: PrintKind
    public let form: Form

    public enum Form: Equatable, Sendable {
        case numbers([PrintedNumber], array: Bool)
        case negativeLog(of: Double)
        case claim
    }

    public init(_ text: String, kind: PrintKind) throws {
        self.text = text
        self.kind = kind
        var normalized = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "−", with: "-")
        // Python's `print("Accuracy:" + str(x))` prints a label before the number;
        // `print("price:", x)` puts a space after it.
        if !kind.isText, let colon = normalized.firstIndex(of: ":"),
            normalized.first?.isLetter == true,
            normalized[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        {
            normalized = normalized[normalized.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bracketed = normalized.hasPrefix("[") && normalized.hasSuffix("]")
        let elements =
            bracketed
            ? normalized.components(separatedBy: CharacterSet(charactersIn: "[] ,\n\t")).filter { !$0.isEmpty }
            : [normalized]
        let numbers = elements.compactMap { PrintedNumber($0, kind: kind) }
        let allNumbers = numbers.count == elements.count && !numbers.isEmpty
        switch kind {
        case .repr:
            // Python 3 prints the shortest text naming the double; Python 2's repr printed 17 digits.
            guard !bracketed, allNumbers, let number = numbers.first,
                number.isInteger || shortest(number.value) == number.text || number.significantDigits == 17
            else { throw PrintKindMismatch(text: text, kind: kind) }
            form = .numbers(numbers, array: false)
        case .numpy:
            guard bracketed, allNumbers else { throw PrintKindMismatch(text: text, kind: kind) }
            form = .numbers(numbers, array: true)
        case .format, .rounded:
            guard allNumbers else { throw PrintKindMismatch(text: text, kind: kind) }
            form = .numbers(numbers, array: bracketed)
        case .formula:
            guard normalized.hasPrefix("-log("), normalized.hasSuffix(")"),
                let argument = Double(normalized.dropFirst(5).dropLast())
            else { throw PrintKindMismatch(text: text, kind: kind) }
            form = .negativeLog(of: argument)
        case .claim, .paraphrase, .listing, .output:
            guard !normalized.isEmpty else { throw PrintKindMismatch(text: text, kind: kind) }
            form = .claim
        }
    }

    /// An output print's text as the program printed it: `↵` is a line break.
    public var outputText: String { text.replacingOccurrences(of: Self.lineBreak, with: "\n") }

    /// How a line break of a program's output is written in a table cell.
    public static let lineBreak = "↵"

    /// The numbers as printed (a formula gives its value), or nil for a claim.
    public var values: [Double]? {
        switch form {
        case let .numbers(numbers, _): return numbers.map(\.value)
        case let .negativeLog(argument): return [-log(argument)]
        case .claim: return nil
        }
    }

    /// Whether `ours` agrees with the printed value as its kind defines agreement.
    public func agrees(with ours: [Double]) -> Bool {
        switch form {
        case let .numbers(numbers, _):
            return numbers.count == ours.count && zip(numbers, ours).allSatisfy { $0.agrees(with: $1) }
        case let .negativeLog(argument):
            return ours == [-log(argument)]
        case .claim:
            return false
        }
    }

    /// Whether some value inside `range` agrees with the printed (scalar) value: used when the
    /// inputs themselves were printed rounded, so only an interval of results is determined.
    public func lies(in range: ClosedRange<Double>) -> Bool {
        guard case let .numbers(numbers, _) = form, numbers.count == 1 else { return false }
        let (low, high) = numbers[0].interval
        return range.lowerBound <= high && low <= range.upperBound
    }

    /// `ours` as we print it: a NumPy array as NumPy prints our array, an int print as Python
    /// prints an int, anything else as Python's repr of our numbers; never the printed text
    /// reformatted.
    public func display(_ ours: [Double]) -> String {
        switch form {
        case let .numbers(numbers, true) where kind == .numpy && numbers.count == ours.count:
            let elements = zip(numbers, ours).map { $0.numpyDisplay($1) }
            // A printed matrix "[[a b] [c d]]" is shown with the same rows.
            let rows = text.filter { $0 == "[" }.count - 1
            guard rows > 1, elements.count % rows == 0 else { return "[" + elements.joined(separator: " ") + "]" }
            let width = elements.count / rows
            return "["
                + (0..<rows).map { "[" + elements[($0 * width)..<(($0 + 1) * width)].joined(separator: " ") + "]" }
                .joined(separator: " ") + "]"
        case let .numbers(numbers, false) where numbers.count == 1 && ours.count == 1 && numbers[0].isInteger:
            // An integer print (`200`, `int(price)`) is shown as Python shows an int.
            let x = ours[0]
            return x.isFinite && x == x.rounded() && abs(x) < 0x1p53 ? String(Int(x)) : shortest(x)
        default:
            return ours.count == 1 ? shortest(ours[0]) : "[" + ours.map(shortest).joined(separator: ", ") + "]"
        }
    }
}

/// One printed number with its notation and number of printed decimals.
public struct PrintedNumber: Equatable, Sendable {
    public let text: String
    public let value: Double
    public let decimals: Int
    public let scientific: Bool
    public let kind: PrintKind

    /// NumPy's default print precision: 8 digits after the point.
    static let numpyDecimals = 8

    /// Printed as an integer: digits only, no point or exponent.
    var isInteger: Bool { text.allSatisfy { $0.isNumber || $0 == "-" } }

    /// Digits of the mantissa from the first non-zero one.
    var significantDigits: Int {
        let mantissa = text.lowercased().split(separator: "e").first.map(String.init) ?? text
        return mantissa.filter(\.isNumber).drop { $0 == "0" }.count
    }

    init?(_ text: String, kind: PrintKind) {
        guard let value = Double(text),
            text == "nan" || text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true
        else { return nil }
        let lower = text.lowercased()
        let mantissa = lower.split(separator: "e").first.map(String.init) ?? lower
        let printedDecimals =
            mantissa.split(separator: ".", omittingEmptySubsequences: false)
            .dropFirst().first?.count ?? 0
        self.text = text
        self.value = value
        self.kind = kind
        self.scientific = lower.contains("e")
        self.decimals = kind == .numpy ? max(printedDecimals, Self.numpyDecimals) : printedDecimals
    }

    /// `x` rounded to this number's printed precision, in its notation.
    func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        let formatted = String(format: scientific ? "%.*e" : "%.*f", decimals, x)
        // "-0.00" and "0.00" are the same printed digits.
        return formatted.hasPrefix("-") && Double(formatted) == 0 ? String(formatted.dropFirst()) : formatted
    }

    /// `x` as NumPy prints an array element: fixed notation drops trailing zeros (`6.`).
    func numpyDisplay(_ x: Double) -> String {
        var text = format(x)
        guard !scientific, decimals == Self.numpyDecimals, text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    func agrees(with x: Double) -> Bool {
        if value.isNaN { return x.isNaN }
        // A repr names one double: ours must be that very double (then its repr is the text).
        if kind == .repr { return x == value && x.sign == value.sign }
        return x.isFinite ? format(x) == format(value) : x == value
    }

    /// The values that print as this number: half a unit of the last digit either side.
    var interval: (Double, Double) {
        let exponent = scientific ? floor(log10(abs(value))) : 0
        let half = 0.5 * pow(10, exponent - Double(decimals))
        return (value - half, value + half)
    }
}
