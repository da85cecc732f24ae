import Foundation
import FromScratch

/// Data augmentation (数据增强) of handwritten digits, seed 004 §5.2: new training images made
/// from old ones by transformations that keep the label, so that a network sees more variants
/// of each digit than the data set holds and overfits less.
///
/// A person's digit may sit a little off centre or lean a little, and it is still the same digit;
/// so a small shift and a small rotation are label-preserving. Flipping (翻转), which the notes also
/// list, is not: a mirrored 2, 3 or 7 is no digit at all. `flipped` is here so that the chapter
/// can show this, and `augmented` never flips.
///
/// Images are `side`×`side` pixels, row-major (row 0 is the top line), values in 0...1 with 0
/// the background, as `MNIST.load` returns them. Pixels that a transformation brings in from
/// outside the frame are 0 (background), and pixels moved out of the frame are lost.
public struct DigitAugmentation: Sendable, Hashable {
    /// The largest shift, in pixels, in each direction: dx and dy are drawn from
    /// -maxShift...maxShift.
    public var maxShift: Int
    /// The largest rotation: the angle is drawn uniformly from [-maxDegrees, maxDegrees].
    public var maxDegrees: Double

    /// Defaults small enough to keep every MNIST digit whole and recognisable: MNIST centres
    /// each digit's 20×20 box in the 28×28 frame, which leaves a margin of 4 pixels, and
    /// handwriting itself leans by about ten degrees either way.
    public init(maxShift: Int = 2, maxDegrees: Double = 10) {
        precondition(maxShift >= 0, "DigitAugmentation: maxShift must not be negative, got \(maxShift)")
        precondition(
            maxDegrees.isFinite && maxDegrees >= 0 && maxDegrees <= 180,
            "DigitAugmentation: maxDegrees must lie in 0...180, got \(maxDegrees)")
        self.maxShift = maxShift
        self.maxDegrees = maxDegrees
    }

    /// One augmentation's parameters: rotate by `degrees`, then shift by `dx`, `dy`.
    public struct Transform: Sendable, Equatable, CustomStringConvertible {
        public var degrees: Double
        public var dx: Int
        public var dy: Int

        public init(degrees: Double, dx: Int, dy: Int) {
            self.degrees = degrees
            self.dx = dx
            self.dy = dy
        }

        public var description: String { String(format: "rotate %+.1f deg, shift (%+d, %+d)", degrees, dx, dy) }
    }

    // MARK: - Single transformations

    /// The image (side×side, row-major, values 0...1) moved by dx columns right and dy rows down; zero fill.
    ///
    /// Whole-pixel moves need no interpolation, so every pixel that stays in the frame keeps its
    /// exact value; shifting back restores the image wherever nothing fell off.
    public static func shifted(_ image: [Double], side: Int = 28, dx: Int, dy: Int) -> [Double] {
        checkSize(image, side: side, "shifted")
        var out = [Double](repeating: 0, count: side * side)
        // Output row r takes source row r - dy; only rows and columns with a source in the frame
        // (none when the shift is a whole side or more).
        let (firstRow, endRow) = (max(0, dy), min(side, side + dy))
        let (firstColumn, endColumn) = (max(0, dx), min(side, side + dx))
        guard firstRow < endRow, firstColumn < endColumn else { return out }
        let columns = firstColumn..<endColumn
        for r in firstRow..<endRow {
            let source = (r - dy) * side - dx
            for c in columns { out[r * side + c] = image[source + c] }
        }
        return out
    }

    /// Rotated about the image centre by `degrees` (counter-clockwise as seen), bilinear interpolation, zero outside.
    ///
    /// Each output pixel looks up where it came from — the inverse rotation of its own centre
    /// about the image centre ((side − 1)/2, (side − 1)/2) — and blends the four pixels around
    /// that point by their distance (bilinear interpolation, 双线性插值); sources outside the
    /// frame count as background 0. Pulling each output pixel from the source, rather than
    /// pushing each source pixel to the output, leaves no holes.
    ///
    /// Multiples of 90° use exact sines and cosines (0, ±1), so quarter turns only permute pixels;
    /// other angles blur a little, because a blend of four pixels is softer than one.
    public static func rotated(_ image: [Double], side: Int = 28, degrees: Double) -> [Double] {
        checkSize(image, side: side, "rotated")
        precondition(degrees.isFinite, "DigitAugmentation.rotated: the angle must be finite, got \(degrees)")
        let (sine, cosine) = sineAndCosine(degrees: degrees)
        let centre = Double(side - 1) / 2
        var out = [Double](repeating: 0, count: side * side)
        func pixel(_ row: Int, _ column: Int) -> Double {
            (0..<side).contains(row) && (0..<side).contains(column) ? image[row * side + column] : 0
        }
        for r in 0..<side {
            // Coordinates with y pointing up, so that a positive angle turns counter-clockwise on screen.
            let y = centre - Double(r)
            for c in 0..<side {
                let x = Double(c) - centre
                // The inverse rotation (by −θ) of (x, y) is where this pixel's content was.
                let sourceX = x * cosine + y * sine
                let sourceY = -x * sine + y * cosine
                let column = centre + sourceX, row = centre - sourceY
                let c0 = Int(column.rounded(.down)), r0 = Int(row.rounded(.down))
                let fx = column - Double(c0), fy = row - Double(r0)
                let top = (1 - fx) * pixel(r0, c0) + fx * pixel(r0, c0 + 1)
                let bottom = (1 - fx) * pixel(r0 + 1, c0) + fx * pixel(r0 + 1, c0 + 1)
                out[r * side + c] = (1 - fy) * top + fy * bottom
            }
        }
        return out
    }

    /// The image mirrored left to right (horizontal flip, 水平翻转): column c becomes column side − 1 − c.
    ///
    /// Not label-preserving for digits, and so not part of `augmented`: a mirrored 2, 3, 5, 6, 7
    /// or 9 is no digit, or another one (chapter 6, row `augment-flip`).
    public static func flipped(_ image: [Double], side: Int = 28) -> [Double] {
        checkSize(image, side: side, "flipped")
        var out = [Double](repeating: 0, count: side * side)
        for r in 0..<side {
            for c in 0..<side { out[r * side + c] = image[r * side + (side - 1 - c)] }
        }
        return out
    }

    /// `rotated` by `transform.degrees`, then `shifted` by `transform.dx`, `transform.dy`.
    ///
    /// Rotating first turns the digit about the frame's centre, where MNIST puts it; shifting
    /// first would turn it about a point off the digit and move it further than dx, dy.
    public static func applying(_ transform: Transform, to image: [Double], side: Int = 28) -> [Double] {
        let turned = transform.degrees == 0 ? image : rotated(image, side: side, degrees: transform.degrees)
        return shifted(turned, side: side, dx: transform.dx, dy: transform.dy)
    }

    // MARK: - Random augmentation

    /// The next transform drawn from `random`, in this order: the angle, one
    /// `uniform(-maxDegrees, maxDegrees)` (one double, drawn even when maxDegrees is 0); then dx
    /// and dy, each one `randint(-maxShift, maxShift + 1)` (nothing drawn when maxShift is 0).
    /// NumPy's `np.random.uniform(-a, a)`, `np.random.randint(-s, s + 1)` twice, after the same
    /// seed, give the same numbers.
    public func nextTransform(random: inout RandomState) -> Transform {
        check()
        let degrees = random.uniform(low: -maxDegrees, high: maxDegrees, count: 1)[0]
        let shifts = random.randint(-maxShift, maxShift + 1, count: 2)
        return Transform(degrees: degrees, dx: shifts[0], dy: shifts[1])
    }

    /// Every row of `images` (784 pixels) rotated by an angle drawn uniform in [-maxDegrees, maxDegrees]
    /// and then shifted by dx, dy drawn from [-maxShift, maxShift]; draws from `random` in a documented order.
    ///
    /// The order: row after row, each row's `nextTransform` (angle, dx, dy). So the transforms of
    /// rows 0..<k do not depend on how many rows follow, and the same seed gives the same images.
    public func augmented(_ images: Matrix, random: inout RandomState) -> Matrix {
        check()
        let side = Self.mnistSide
        precondition(
            images.cols == side * side,
            "DigitAugmentation.augmented: each row must be one 28x28 image (784 pixels), got \(images.cols) columns")
        var storage = [Double]()
        storage.reserveCapacity(images.rows * images.cols)
        for i in 0..<images.rows {
            storage += Self.applying(nextTransform(random: &random), to: images.row(i), side: side)
        }
        return Matrix(rows: images.rows, cols: images.cols, storage: storage)
    }

    // MARK: - Checks

    /// MNIST's side; `augmented` works on MNIST rows.
    static let mnistSide = 28

    /// The public properties can be set after `init`, so every draw checks them again.
    private func check() {
        precondition(maxShift >= 0, "DigitAugmentation: maxShift must not be negative, got \(maxShift)")
        precondition(
            maxDegrees.isFinite && maxDegrees >= 0 && maxDegrees <= 180,
            "DigitAugmentation: maxDegrees must lie in 0...180, got \(maxDegrees)")
    }

    private static func checkSize(_ image: [Double], side: Int, _ function: String) {
        precondition(side >= 1, "DigitAugmentation.\(function): side must be positive, got \(side)")
        precondition(
            image.count == side * side,
            "DigitAugmentation.\(function): a \(side)x\(side) image has \(side * side) pixels, got \(image.count)")
    }

    /// sin θ and cos θ for θ in degrees, exact (0, ±1) at multiples of 90°: `sin(.pi)` is
    /// 1.2e-16, not 0, which would make a half turn blend neighbouring pixels by a hair.
    static func sineAndCosine(degrees: Double) -> (sine: Double, cosine: Double) {
        let quarterTurns = degrees / 90
        if quarterTurns == quarterTurns.rounded() {
            switch Int(quarterTurns.truncatingRemainder(dividingBy: 4) + 4) % 4 {
            case 0: return (0, 1)
            case 1: return (1, 0)
            case 2: return (0, -1)
            default: return (-1, 0)
            }
        }
        let radians = degrees * Double.pi / 180
        return (sin(radians), cos(radians))
    }
}
