import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// Seed 003 §三 梯度: 梯度值指示的方向是各个点处的函数值减小最多的方向 ("the gradient points where the
/// function decreases most"). The directional derivative ∇f·u is largest for u = ∇f/|∇f|, so the
/// gradient points where f *increases* most; −∇f is the steepest descent (as seed 000 §4.3 says).
/// The note copies the sentence from the book (DLfS 4.4), so the erratum is the book's too.
enum GradientDirectionExample: WorkedExample {
    static let rows: [String: () -> Finding] = [
        "gradient-direction": { finding(whose: "The note copies the book's sentence (DLfS 4.4). ") },
        "gradient-direction-book": {
            finding(
                whose: "The book writes it beside fig 4-9, which draws -grad f: the figure is right, the sentence "
                    + "says of the gradient what holds for its negative. ")
        },
    ]

    static let point = [3.0, 4.0]
    static let stepLength = 0.01

    /// f after a step of 0.01 along `direction` (normalised), minus f at (3, 4).
    static func change(along direction: [Double]) -> Double {
        let norm = (direction[0] * direction[0] + direction[1] * direction[1]).squareRoot()
        let moved = [point[0] + stepLength * direction[0] / norm, point[1] + stepLength * direction[1] / norm]
        return BookFunctions.function2(Matrix(row: moved)) - BookFunctions.function2(Matrix(row: point))
    }

    /// The angle (degrees, 0 to 359) whose unit step lowers f most.
    static func steepestDescentAngle() -> Int {
        (0..<360).min { change(along: direction($0)) < change(along: direction($1)) }!
    }

    static func direction(_ degrees: Int) -> [Double] {
        let radians = Double(degrees) * .pi / 180
        return [cos(radians), sin(radians)]
    }

    /// The angle of a vector in whole degrees, 0 to 359.
    static func angle(_ v: [Double]) -> Int {
        let degrees = (atan2(v[1], v[0]) * 180 / .pi).rounded()
        return (Int(degrees) + 360) % 360
    }

    static func finding(whose origin: String) -> Finding {
        let g = GradientExample.gradient(at: point).storage
        let along = change(along: g), against = change(along: g.map { -$0 })
        let steepest = steepestDescentAngle()
        return Finding(
            .claim(
                holds: along < 0,
                detail: String(
                    format: "at (3, 4) the gradient is (%.0f, %.0f); a step of 0.01 along it changes f by %+.4f, "
                        + "against it by %+.4f", g[0], g[1], along, against)),
            erratum: Erratum(
                reproducedBy: "the negative gradient",
                reproduction: .claim(
                    holds: steepest == angle(g.map { -$0 }),
                    detail: String(
                        format:
                            "of 360 unit steps 1 degree apart, the one lowering f most points at %d degrees, the angle of "
                            + "-grad f = (-6, -8)", steepest)),
                why: origin
                    + "The change of f along a unit direction u is grad f · u, largest for u along the gradient and most "
                    + "negative against it: the gradient points uphill, the negative gradient is the steepest descent "
                    + "(seed 000 §4.3: 负梯度也就成了在改点下降最快的方向). Gradient descent steps along -grad f for this "
                    + "reason, and DLfS fig 4-9 draws -grad f (ch04/gradient_2d.py quivers -grad)."))
    }
}
