import Foundation

/// A value exactly as the book or the notes print it, and the precision that printing implies.
///
/// Three kinds of printed text occur:
/// - a Python scalar printed in full by `repr` (`0.09750000000000003`, 12 or more significant
///   digits): our value's shortest repr must be that very text, so only that double agrees;
/// - a scalar a person rounded (`0.244`, `2`): checked to its last printed digit, that is, our
///   value rounded to the same number of decimals (or, in `1.5e-3` form, the same number of
///   mantissa decimals) must give the same digits;
/// - a NumPy array (`[-2.14405215e-21  6.35274710e-21]`, `[6. 8.]`): NumPy prints 8 digits after
///   the point and then drops trailing zeros, so every element is checked to 8 decimals
///   (`6.` means 6.00000000 and `0.2153437` means 0.21534370); a list written in prose
///   (`[0.244, 0.665, 0.091]`) is checked element by element to its own digits;
/// - a formula (`-log(0.21)`): checked exactly against the formula evaluated in double precision;
/// - anything else (`equality`) is a claim, which the example confirms or refutes.
public struct PrintedValue: Equatable, Sendable {
    public let text: String
    public let form: Form

    public enum Form: Equatable, Sendable {
        case numbers([PrintedNumber], array: Bool)
        case negativeLog(of: Double)
        case claim
    }

    public init(_ text: String) {
        self.text = text
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var normalized = trimmed.replacingOccurrences(of: "−", with: "-")
        // Python's `print("Accuracy:" + str(x))` prints a label before the number.
        // `print("price:", x)` puts a space after it.
        if let colon = normalized.firstIndex(of: ":"), normalized.first?.isLetter == true, normalized[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            let rest = normalized[normalized.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if PrintedNumber(rest, numpyArray: false) != nil { normalized = rest }
        }
        if normalized.hasPrefix("["), normalized.hasSuffix("]") {
            let elements = normalized.components(separatedBy: CharacterSet(charactersIn: "[] ,\n\t"))
                .filter { !$0.isEmpty }
            // NumPy shows 8 decimals and drops trailing zeros, so its arrays have an element with 8
            // decimals or one ending in "." (`[6. 8.]`); a list typed in prose, like
            // [0.244, 0.665, 0.091], is checked to its own digits.
            let numpy = elements.contains { element in
                let mantissa = element.lowercased().split(separator: "e").first.map(String.init) ?? element
                return mantissa.hasSuffix(".")
                    || mantissa.split(separator: ".").dropFirst().first?.count == PrintedNumber.numpyDecimals
            }
            let parsed = elements.compactMap { PrintedNumber($0, numpyArray: numpy) }
            form = parsed.count == elements.count && !parsed.isEmpty ? .numbers(parsed, array: true) : .claim
        } else if normalized.hasPrefix("-log("), normalized.hasSuffix(")"),
                  let argument = Double(normalized.dropFirst(5).dropLast()) {
            form = .negativeLog(of: argument)
        } else if let number = PrintedNumber(normalized, numpyArray: false, scalar: true) {
            form = .numbers([number], array: false)
        } else {
            form = .claim
        }
    }

    /// The numbers as printed (a formula gives its value), or nil for a claim.
    public var values: [Double]? {
        switch form {
        case let .numbers(numbers, _): return numbers.map(\.value)
        case let .negativeLog(argument): return [-log(argument)]
        case .claim: return nil
        }
    }

    /// Whether `ours` agrees with the printed value at the printed precision.
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

    /// `ours` as we print it: a NumPy array as NumPy prints our array, anything else as Python's
    /// repr of our numbers; never the printed text reformatted.
    public func display(_ ours: [Double]) -> String {
        switch form {
        case let .numbers(numbers, true) where numbers.count == ours.count && numbers.allSatisfy(\.isNumPyElement):
            let elements = zip(numbers, ours).map { $0.numpyDisplay($1) }
            // A printed matrix "[[a b] [c d]]" is shown with the same rows.
            let rows = text.filter { $0 == "[" }.count - 1
            guard rows > 1, elements.count % rows == 0 else { return "[" + elements.joined(separator: " ") + "]" }
            let width = elements.count / rows
            return "[" + (0..<rows).map { "[" + elements[($0 * width)..<(($0 + 1) * width)].joined(separator: " ") + "]" }
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
    /// Printed on its own, not inside a list.
    public let scalar: Bool

    /// NumPy's default print precision: 8 digits after the point.
    static let numpyDecimals = 8

    /// Printed as an integer: digits only, no point or exponent.
    var isInteger: Bool { text.allSatisfy { $0.isNumber || $0 == "-" } }

    /// Part of a NumPy array print (checked to NumPy's 8 decimals), not of a list a person typed.
    var isNumPyElement: Bool { decimals >= Self.numpyDecimals }

    init?(_ text: String, numpyArray: Bool, scalar: Bool = false) {
        guard let value = Double(text),
              text == "nan" || text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true
        else { return nil }
        let lower = text.lowercased()
        let mantissa = lower.split(separator: "e").first.map(String.init) ?? lower
        let printedDecimals = mantissa.split(separator: ".", omittingEmptySubsequences: false)
            .dropFirst().first?.count ?? 0
        self.text = text
        self.value = value
        self.scientific = lower.contains("e")
        self.scalar = scalar
        self.decimals = numpyArray ? max(printedDecimals, Self.numpyDecimals) : printedDecimals
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

    /// Whether this is a float as Python's `repr` prints it in full: 12 or more significant
    /// digits, which no person rounds to. Such a print names one double, and only that double
    /// agrees with it.
    /// Only a scalar print qualifies; a list is a NumPy array print or a person's.
    var isFullRepr: Bool {
        let mantissa = text.lowercased().split(separator: "e").first.map(String.init) ?? text
        let digits = mantissa.filter(\.isNumber).drop { $0 == "0" }
        return scalar && digits.count >= 12 && shortest(value) == text
    }

    func agrees(with x: Double) -> Bool {
        if value.isNaN { return x.isNaN }
        if isFullRepr { return shortest(x) == text }
        return x.isFinite ? format(x) == format(value) : x == value
    }

    /// The values that print as this number: half a unit of the last digit either side.
    var interval: (Double, Double) {
        let exponent = scientific ? floor(log10(abs(value))) : 0
        let half = 0.5 * pow(10, exponent - Double(decimals))
        return (value - half, value + half)
    }
}

/// Python's `repr` of a double: the shortest text that reads back as the same number.
public func shortest(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    return "\(x)"
}
