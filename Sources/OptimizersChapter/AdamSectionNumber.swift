import BookChecks

/// Seed 004 numbers the optimizers of §3.3 3.3.1 (动量法), 3.3.2 (自适应梯度方法: AdaGrad, RMSProp)
/// and then 3.3.1 again for Adam, the method that combines the two before it.
enum AdamSectionNumber: WorkedExample {
    static let rows: [String: () -> Finding] = ["notes-004-adam-section": finding]

    /// The §3.3 headings as the note prints them, in order.
    static let headings = ["3.3.1 动量法", "3.3.2 自适应梯度方法", "3.3.1 Adam"]

    static func lastNumbers(_ headings: [String]) -> [Int] {
        headings.map { Int($0.split(separator: " ")[0].split(separator: ".").last!)! }
    }

    static func finding() -> Finding {
        let numbers = lastNumbers(headings)
        let increasing = zip(numbers, numbers.dropFirst()).allSatisfy { $0 + 1 == $1 }
        let renumbered = lastNumbers(Array(headings.dropLast()) + ["3.3.3 Adam"])
        return Finding(
            .claim(
                holds: increasing,
                detail: "the §3.3 headings number " + numbers.map(String.init).joined(separator: ", ")
                    + ": 3.3.1 twice, once for Momentum and once for Adam"),
            erratum: Erratum(
                reproducedBy: "numbering Adam 3.3.3",
                reproduction: .claim(
                    holds: zip(renumbered, renumbered.dropFirst()).allSatisfy { $0 + 1 == $1 },
                    detail: "the headings then run " + renumbered.map(String.init).joined(separator: ", ")),
                why:
                    "Adam is the third method of §3.3, after Momentum (3.3.1) and the adaptive methods (3.3.2); a "
                    + "reader who follows the numbers finds two sections 3.3.1."))
    }
}
