import Foundation
import FromScratch

extension Figure {
    /// Adds the contour lines of a quadratic bowl a·x² + b·y² as data block `name`: closed
    /// ellipses x = rx·cos t, y = ry·sin t, one block of 181 points each (t every 2°, closing at
    /// 2π). For the level f of the bowl, rx = √(f/a) and ry = √(f/b); circles have rx = ry.
    ///
    /// Chapter 4 draws circles of x0² + x1² behind gradient descent, chapter 6 ellipses of
    /// x²/20 + y² behind the optimizers: one drawing for both.
    public mutating func contours(_ name: String, radii: [(x: Double, y: Double)]) {
        let angles = arange(0, 2 * Double.pi + 0.02, 2 * Double.pi / 180)
        var rows: [[Double]] = []
        for (rx, ry) in radii { rows += angles.map { [rx * cos($0), ry * sin($0)] } }
        data(name, rows: rows, blockRows: angles.count)
    }

    /// The contour lines f = level of a·x² + b·y², for each level.
    public mutating func contours(_ name: String, levels: [Double], a: Double, b: Double) {
        contours(name, radii: Figure.contourRadii(levels: levels, a: a, b: b))
    }

    /// The half-axes of the ellipses f = level of a·x² + b·y².
    public static func contourRadii(levels: [Double], a: Double, b: Double) -> [(x: Double, y: Double)] {
        levels.map { (($0 / a).squareRoot(), ($0 / b).squareRoot()) }
    }
}
