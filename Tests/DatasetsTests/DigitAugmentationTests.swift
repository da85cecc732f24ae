import Datasets
import FromScratch
import XCTest

/// `DigitAugmentation`: shifts and quarter turns are exact permutations of pixels, other angles
/// keep a blob's ink, and the random augmentation is reproducible and stays within its bounds.
final class DigitAugmentationTests: XCTestCase {
    /// A 28×28 image whose every pixel differs from every other: any misplaced pixel shows.
    let distinct: [Double] = (0..<784).map { Double($0 + 1) / 784 }

    /// A centred Gaussian blob, symmetric under every rotation about the image centre (13.5, 13.5).
    func blob(side: Int = 28, sigma: Double = 3) -> [Double] {
        let centre = Double(side - 1) / 2
        return (0..<(side * side)).map { k in
            let (r, c) = (Double(k / side) - centre, Double(k % side) - centre)
            return exp(-(r * r + c * c) / (2 * sigma * sigma))
        }
    }

    func testZeroShiftAndZeroRotationAreTheIdentity() {
        XCTAssertEqual(DigitAugmentation.shifted(distinct, dx: 0, dy: 0), distinct)
        XCTAssertEqual(DigitAugmentation.rotated(distinct, degrees: 0), distinct)
        XCTAssertEqual(DigitAugmentation.rotated(distinct, degrees: 360), distinct)
        XCTAssertEqual(DigitAugmentation.applying(.init(degrees: 0, dx: 0, dy: 0), to: distinct), distinct)
    }

    func testShiftMovesRightAndDownWithZeroFill() {
        let moved = DigitAugmentation.shifted(distinct, dx: 3, dy: 2)
        for r in 0..<28 {
            for c in 0..<28 {
                let expected = r >= 2 && c >= 3 ? distinct[(r - 2) * 28 + (c - 3)] : 0
                XCTAssertEqual(moved[r * 28 + c], expected, "row \(r), column \(c)")
            }
        }
        // Moved out of the frame entirely: nothing is left.
        XCTAssertEqual(DigitAugmentation.shifted(distinct, dx: 28, dy: 0), [Double](repeating: 0, count: 784))
        XCTAssertEqual(DigitAugmentation.shifted(distinct, dx: 0, dy: -40), [Double](repeating: 0, count: 784))
        XCTAssertEqual(DigitAugmentation.shifted(distinct, dx: -100, dy: 100), [Double](repeating: 0, count: 784))
    }

    func testShiftBackRestoresWhatDidNotFallOff() {
        for (dx, dy) in [(2, -1), (-3, 4), (0, 5), (-1, -1)] {
            let back = DigitAugmentation.shifted(DigitAugmentation.shifted(distinct, dx: dx, dy: dy), dx: -dx, dy: -dy)
            for r in 0..<28 {
                for c in 0..<28 {
                    // The pixel survived if its moved place (r + dy, c + dx) was inside the frame.
                    let survived = (0..<28).contains(r + dy) && (0..<28).contains(c + dx)
                    XCTAssertEqual(
                        back[r * 28 + c], survived ? distinct[r * 28 + c] : 0, "(\(dx), \(dy)) at \(r), \(c)")
                }
            }
        }
    }

    /// A quarter turn counter-clockwise on screen: the top row becomes the left column, read
    /// upwards — out[r][c] = in[c][side − 1 − r] — with no interpolation at all.
    func testQuarterTurnsArePermutations() {
        for side in [28, 5, 4] {
            let image = (0..<(side * side)).map { Double($0) }
            let quarter = DigitAugmentation.rotated(image, side: side, degrees: 90)
            let expected = (0..<(side * side)).map { k in image[(k % side) * side + (side - 1 - k / side)] }
            XCTAssertEqual(quarter, expected, "side \(side)")
            // A clockwise quarter turn undoes it; a half turn reverses the pixel order.
            XCTAssertEqual(DigitAugmentation.rotated(quarter, side: side, degrees: -90), image, "side \(side)")
            XCTAssertEqual(DigitAugmentation.rotated(image, side: side, degrees: 180), image.reversed(), "side \(side)")
            XCTAssertEqual(
                DigitAugmentation.rotated(image, side: side, degrees: 270),
                DigitAugmentation.rotated(image, side: side, degrees: -90))
        }
        // Top-left corner pixel goes to the bottom-left under a counter-clockwise quarter turn.
        var corner = [Double](repeating: 0, count: 784)
        corner[0] = 1
        XCTAssertEqual(DigitAugmentation.rotated(corner, degrees: 90)[27 * 28], 1)
    }

    func testRotationKeepsACentredBlob() {
        let image = blob()
        let ink = image.reduce(0, +)
        for degrees in [7.5, -10, 30, 45, 123.4] {
            let turned = DigitAugmentation.rotated(image, degrees: degrees)
            // Bilinear interpolation of a smooth blob: its ink to 0.5%, each pixel to 0.03 (the
            // interpolation error, about a pixel's curvature / 8, peaks at 0.021 at 45 deg).
            XCTAssertEqual(turned.reduce(0, +) / ink, 1, accuracy: 0.005, "\(degrees) deg")
            XCTAssertLessThan(zip(turned, image).map { abs($0 - $1) }.max()!, 0.03, "\(degrees) deg")
        }
    }

    func testRotationIsCounterClockwiseAsSeen() {
        // A dot right of the centre, on the middle rows, goes up (to smaller rows) when turned by +30 deg.
        var dot = [Double](repeating: 0, count: 784)
        dot[13 * 28 + 22] = 1
        dot[14 * 28 + 22] = 1
        let turned = DigitAugmentation.rotated(dot, degrees: 30)
        let rowMass = (0..<28).map { r in (0..<28).reduce(0.0) { $0 + turned[r * 28 + $1] } }
        let meanRow = rowMass.enumerated().reduce(0.0) { $0 + Double($1.offset) * $1.element } / rowMass.reduce(0, +)
        // Radius 8.5 at 30 degrees: 8.5 sin 30 = 4.25 rows above the centre row 13.5.
        XCTAssertEqual(meanRow, 13.5 - 4.25, accuracy: 0.3)
    }

    func testFlipMirrorsLeftToRight() {
        let mirrored = DigitAugmentation.flipped(distinct)
        for r in 0..<28 {
            XCTAssertEqual(Array(mirrored[(r * 28)..<((r + 1) * 28)]), distinct[(r * 28)..<((r + 1) * 28)].reversed())
        }
        XCTAssertEqual(DigitAugmentation.flipped(mirrored), distinct)
        // Mirroring twice in two directions is the half turn.
        let upsideDown = (0..<28).reversed().flatMap { r in mirrored[(r * 28)..<((r + 1) * 28)] }
        XCTAssertEqual(upsideDown, DigitAugmentation.rotated(distinct, degrees: 180))
    }

    func testDefaults() {
        XCTAssertEqual(DigitAugmentation(), DigitAugmentation(maxShift: 2, maxDegrees: 10))
    }

    /// The same seed gives the same images; the transforms are what `nextTransform` draws, in
    /// row order, and lie within the bounds.
    func testAugmentedIsReproducibleAndWithinBounds() {
        let augmentation = DigitAugmentation(maxShift: 3, maxDegrees: 15)
        let images = Matrix(rows: 40, cols: 784, storage: (0..<40).flatMap { i in blob(sigma: 2 + Double(i % 5)) })
        var first = RandomState(seed: 7), second = RandomState(seed: 7), third = RandomState(seed: 7)
        let a = augmentation.augmented(images, random: &first)
        let b = augmentation.augmented(images, random: &second)
        XCTAssertEqual(a.storage, b.storage)
        XCTAssertEqual(a.shape.rows, 40)
        XCTAssertEqual(a.shape.cols, 784)
        var shifts = Set<Int>()
        for i in 0..<images.rows {
            let t = augmentation.nextTransform(random: &third)
            XCTAssertLessThanOrEqual(abs(t.degrees), 15)
            XCTAssertLessThanOrEqual(abs(t.dx), 3)
            XCTAssertLessThanOrEqual(abs(t.dy), 3)
            shifts.formUnion([t.dx, t.dy])
            XCTAssertEqual(a.row(i), DigitAugmentation.applying(t, to: images.row(i)), "row \(i)")
            XCTAssertTrue(a.row(i).allSatisfy { $0 >= 0 && $0 <= 1 }, "row \(i) stays in 0...1")
        }
        XCTAssertEqual(shifts, Set(-3...3), "every shift of the range is drawn")
        // Both streams are at the same place afterwards: augmented drew exactly what nextTransform did.
        XCTAssertEqual(first.nextUInt32(), third.nextUInt32())
        // Another seed, other images.
        var other = RandomState(seed: 8)
        XCTAssertNotEqual(augmentation.augmented(images, random: &other).storage, a.storage)
    }

    /// The draws are NumPy's: `np.random.seed(0); np.random.uniform(-10, 10); np.random.randint(-2, 3, 2)`.
    func testDrawOrderIsNumPys() {
        var random = RandomState(seed: 0)
        let t = DigitAugmentation().nextTransform(random: &random)
        var numpy = RandomState(seed: 0)
        XCTAssertEqual(t.degrees, -10 + 20 * numpy.randomSample())
        XCTAssertEqual([t.dx, t.dy], numpy.randint(-2, 3, count: 2))
        // np.random.seed(0); np.random.uniform(-10, 10) = 0.9762700785464951
        XCTAssertEqual(t.degrees, 0.9762700785464951, accuracy: 1e-15)
    }

    func testNoRangeMeansNoChange() {
        let images = Matrix(rows: 3, cols: 784, storage: distinct + distinct + distinct)
        var random = RandomState(seed: 1)
        XCTAssertEqual(
            DigitAugmentation(maxShift: 0, maxDegrees: 0).augmented(images, random: &random).storage, images.storage)
    }
}
