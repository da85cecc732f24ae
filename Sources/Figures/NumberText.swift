import Foundation

/// Numbers as the project's titles, labels and messages write them: one definition each, so that a
/// rate or a share is written the same way in every figure and table.

/// Python's `repr` of a double: the shortest text that reads back as the same number.
public func shortest(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    return "\(x)"
}

/// C's `%g`: six significant digits, no trailing zeros (0.01, 1e-10, 2000).
public func general(_ x: Double) -> String { String(format: "%g", x) }

/// The letter of the `index`-th panel of a figure, as its title begins and the text cites it:
/// "(a)", "(b)", …
public func panelLetter(_ index: Int) -> String {
    precondition((0..<26).contains(index), "panelLetter: \(index) is not a panel of a figure")
    return "(" + String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index))) + ")"
}

/// A measured value in a figure's title or note: two significant digits, trailing zeros kept
/// (0.50 beside 0.52, 1.0 beside 0.83), and below 0.01 as a power of ten (2.9e-03, which the
/// figure typesets as 2.9·10⁻³), so that neighbouring panels write their numbers one way.
public func figureValue(_ x: Double) -> String {
    if x == 0 || !x.isFinite { return general(x) }
    if abs(x) < 0.01 { return String(format: "%.1e", x) }
    let text = String(format: "%#.2g", x)
    return text.hasSuffix(".") ? String(text.dropLast()) : text
}

/// A fraction as a percentage with one decimal: 0.9312 is "93.1%".
public func percent(_ fraction: Double) -> String { String(format: "%.1f%%", 100 * fraction) }

/// `%.<digits>g`: a number to so many significant digits (3 by default: 0.333, 6.45, 1.5e-05).
public func significant(_ x: Double, digits: Int = 3) -> String { String(format: "%.\(digits)g", x) }
