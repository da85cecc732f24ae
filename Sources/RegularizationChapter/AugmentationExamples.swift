import ArgumentParser
import BookChecks
import ChapterCommandLine
import Datasets
import Figures
import Foundation
import FromScratch
import MNISTTraining

/// Seed 004 §5.2: data augmentation (数据增强) of MNIST digits — "transform the original data
/// reasonably to increase the number of training samples and so reduce the risk of overfitting;
/// for images, for example, rotate, flip, scale".
///
/// The transformations are `DigitAugmentation`'s (Sources/Datasets): a rotation of at most ±10°,
/// then a shift of at most ±2 pixels. What the rows measure:
/// - the transformations are reasonable (合理): the digits keep their ink inside the frame;
/// - the variants are new samples: the book's trained network, which never saw a shifted digit,
///   reads them far worse than the originals, and a network trained on augmented batches reads
///   both alike;
/// - flipping (翻转) is no augmentation for digits: that network reads mirrored digits far worse,
///   and most classes lose their label;
/// - nor is every rotation (旋转): turned by 180°, a 6 is read as a 9 and a 9 as a 6.
///
/// That augmentation reduces overfitting is measured with the other cures of DLfS 6.4, on the
/// book's 300-image set-up (`OverfittingRun.Setup.augmented`, row `augment-overfit`).
enum AugmentationExamples: RunnableExample {
    static let commands: [any ParsableCommand.Type] = [Augment.self]

    /// The chapter's augmentation: the defaults of `DigitAugmentation`, ±2 px and ±10°.
    static let augmentation = DigitAugmentation()
    /// `numpy.random.seed` of every draw of the chapter's examples.
    static let seed: UInt32 = 0
    /// The figure's digits (the first of the training set) and variants of each: six rows keep
    /// the figure within two thirds of a page (`PrintRule.maximumPrintCentimetres`).
    static let shownDigits = 6
    static let variants = 6

    // MARK: - The book's trained network

    /// The book's 784-50-100-10 sigmoid network of DLfS 3.6 (`sample_weight.pkl`, from
    /// `$DLFS_WEIGHTS` or the cache) as a `MultiLayerNet`: the same affine and sigmoid layers,
    /// and its scores have the same argmax as the book's softmax outputs.
    ///
    /// It was trained on MNIST as it is, without augmentation: what it loses on augmented digits
    /// shows what the variants add to the training set (row `augment-new-samples`). As a
    /// `MultiLayerNet` it gets `accuracy` and `predict` for free.
    static func bookNetwork() throws -> MultiLayerNet {
        let url = try SampleWeights.ensureFile(explicit: nil)
        // The initial weights are drawn only to be replaced by the book's.
        var unused = RandomState(seed: 0)
        let net = MultiLayerNet(
            inputSize: MNIST.pixelsPerImage, hiddenSizes: [50, 100], outputSize: MNIST.classCount,
            activation: .sigmoid, weightInit: .xavier, random: &unused)
        net.params = try SampleWeights.loadParameters(from: url)
        return net
    }

    /// Every row of `images` transformed by `transform`.
    static func mapRows(_ images: Matrix, _ transform: ([Double]) -> [Double]) -> Matrix {
        Matrix(rows: images.rows, cols: images.cols, storage: (0..<images.rows).flatMap { transform(images.row($0)) })
    }

    /// A flag's number as typed: 10, 7.5.
    static func number(_ x: Double) -> String { general(x) }

    // MARK: - A network that has seen augmented digits

    /// A network trained on augmented digits: every batch rotated and shifted afresh by the
    /// chapter's augmentation. It has learned that a digit moved by two pixels or turned by ten
    /// degrees is the same digit, so what it reads in a transformed digit says whether the
    /// transformation kept the label — a fairer judge than the book's network, which never saw a
    /// shifted digit (row `augment-new-samples`).
    ///
    /// 784-100-100-10 ReLU, He initial weights, Adam (lr 0.001), 1800 batches of 100 (three
    /// epochs of the 60000 training digits) drawn with replacement: weights and batches from
    /// `RandomState(seed: 0)`, the transforms from `RandomState(seed: 1)`.
    enum AugmentedNetwork {
        static let hiddenSizes = [100, 100]
        static let iterations = 1800
        static let batchSize = 100
        static let learningRate = 0.001

        static let architecture = "784-" + hiddenSizes.map(String.init).joined(separator: "-") + "-10"

        static func train(mnist: MNIST) -> MultiLayerNet {
            var batches = RandomState(seed: seed)
            var transforms = RandomState(seed: seed &+ 1)
            let net = MultiLayerNet(
                inputSize: MNIST.pixelsPerImage, hiddenSizes: hiddenSizes, outputSize: MNIST.classCount,
                activation: .relu, weightInit: .he, random: &batches)
            var optimizer = Adam(learningRate: learningRate)
            for _ in 0..<iterations {
                let mask = batches.choice(mnist.trainImages.rows, size: batchSize)
                let x = augmentation.augmented(mnist.trainImages.gathering(rows: mask), random: &transforms)
                net.trainingStep(x, labels: mask.map { mnist.trainLabels[$0] }, optimizer: &optimizer)
            }
            return net
        }
    }

    // MARK: - What the networks read (the rows)

    /// How a network reads the 10000 test digits, as they are and transformed.
    struct Readings: Sendable {
        var originalAccuracy = 0.0
        /// Rotated and shifted by the chapter's augmentation (`RandomState(seed: 0)`).
        var augmentedAccuracy = 0.0
        var mirroredAccuracy = 0.0
        /// Accuracy on the mirrored test digits of each class 0...9.
        var mirroredAccuracyPerClass: [Double] = []
        /// How often each class 0...9 is read in the test 6s turned by 180°, and in the 9s.
        var halfTurnedSixes: [Int] = [], halfTurnedNines: [Int] = []

        init(net: MultiLayerNet, test: TestDigits) {
            let labels = test.labels
            originalAccuracy = net.accuracy(test.images, labels: labels, batchSize: 1000)
            augmentedAccuracy = net.accuracy(test.augmented, labels: labels, batchSize: 1000)
            let mirrored = net.predict(test.mirrored).argmaxPerRow()
            mirroredAccuracy = Self.share(zip(mirrored, labels).map { $0 == $1 })
            mirroredAccuracyPerClass = (0..<MNIST.classCount).map { digit in
                Self.share(zip(mirrored, labels).filter { $0.1 == digit }.map { $0.0 == digit })
            }
            halfTurnedSixes = Self.histogram(net.predict(test.halfTurnedSixes).argmaxPerRow())
            halfTurnedNines = Self.histogram(net.predict(test.halfTurnedNines).argmaxPerRow())
        }

        static func share(_ flags: [Bool]) -> Double { Double(flags.filter { $0 }.count) / Double(max(flags.count, 1)) }

        static func histogram(_ answers: [Int]) -> [Int] {
            answers.reduce(into: [Int](repeating: 0, count: MNIST.classCount)) { $0[$1] += 1 }
        }

        /// The most common reading and its share.
        static func mostCommon(_ counts: [Int]) -> (digit: Int, share: Double) {
            let digit = counts.indices.max { counts[$0] < counts[$1] }!
            return (digit, Double(counts[digit]) / Double(max(counts.reduce(0, +), 1)))
        }
    }

    /// The test digits as they are, augmented, mirrored, and the 6s and 9s turned by 180°.
    struct TestDigits: Sendable {
        var images: Matrix, labels: [Int]
        var augmented: Matrix, mirrored: Matrix
        var halfTurnedSixes: Matrix, halfTurnedNines: Matrix

        init(mnist: MNIST) {
            images = mnist.testImages.matrix()
            labels = mnist.testLabels
            var random = RandomState(seed: seed)
            augmented = augmentation.augmented(images, random: &random)
            mirrored = mapRows(images) { DigitAugmentation.flipped($0) }
            func halfTurned(_ digit: Int) -> Matrix {
                mapRows(
                    mnist.testImages.gathering(rows: mnist.testLabels.indices.filter { mnist.testLabels[$0] == digit })
                ) {
                    DigitAugmentation.rotated($0, degrees: 180)
                }
            }
            halfTurnedSixes = halfTurned(6)
            halfTurnedNines = halfTurned(9)
        }

        /// Ink (the sum of the pixels) after augmentation over ink before, per test digit.
        var inkKept: [Double] { (0..<images.rows).map { augmented.row($0).reduce(0, +) / images.row($0).reduce(0, +) } }
    }

    /// Everything the rows read, measured once per process.
    struct Measurements: Sendable {
        var inkKept: [Double]
        var book: Readings
        var augmentedNet: Readings

        static func measure() throws -> Measurements {
            let mnist = try MNISTData.shared()
            let test = TestDigits(mnist: mnist)
            let book = Readings(net: try bookNetwork(), test: test)
            return Measurements(
                inkKept: test.inkKept, book: book, augmentedNet: Readings(net: try judge.get(), test: test))
        }
    }

    /// The trained judge and the measurements, once per process: the rows and figures share them.
    static let judge = Result { AugmentedNetwork.train(mnist: try MNISTData.shared()) }
    static let measurements = Result { try Measurements.measure() }

    /// "Reasonable" transformations (合理地) keep the digit in the frame: on average the ink stays
    /// (a rotation's interpolation may add or remove a hair), fewer than 5% of the digits lose
    /// more than 1% of it to the frame's edge, and none loses a tenth.
    static func inkKept() -> Finding {
        finding { m in
            let ink = m.inkKept
            let mean = ink.reduce(0, +) / Double(ink.count)
            let cut = ink.filter { $0 < 0.99 }.count
            let worst = 1 - ink.min()!
            let holds = abs(mean - 1) <= 0.005 && cut * 20 < ink.count && worst < 0.1
            return .claim(
                holds: holds,
                detail: "rotated by up to \(number(augmentation.maxDegrees)) deg and shifted by up to "
                    + "\(augmentation.maxShift) px, the \(ink.count) test digits keep \(percent(mean)) of their ink on average; "
                    + "\(cut) lose more than 1%, the worst \(percent(worst))")
        }
    }

    /// The variants are new samples, not copies (增加训练集的样本数量): the book's network, trained
    /// on MNIST as it is, loses more than 10 points of accuracy on augmented test digits; the
    /// network trained on augmented batches loses less than 3.
    static func newSamples() -> Finding {
        finding { m in
            let (b, a) = (m.book, m.augmentedNet)
            let holds =
                b.originalAccuracy - b.augmentedAccuracy > 0.1 && a.originalAccuracy - a.augmentedAccuracy < 0.03
            return .claim(
                holds: holds,
                detail: "test digits as they are -> augmented: the book's network \(percent(b.originalAccuracy)) -> "
                    + "\(percent(b.augmentedAccuracy)); \(AugmentedNetwork.architecture) trained on augmented batches "
                    + "\(percent(a.originalAccuracy)) -> \(percent(a.augmentedAccuracy))")
        }
    }

    /// Flipping (翻转) does not keep a digit's label: the network that knows rotated and shifted
    /// digits reads mirrored ones at least 30 points worse, and most classes are then read right
    /// less than half the time.
    static func flipping() -> Finding {
        finding { m in
            let r = m.augmentedNet
            let survivors = (0..<MNIST.classCount).filter { r.mirroredAccuracyPerClass[$0] >= 0.5 }
            let lost = (0..<MNIST.classCount).filter { r.mirroredAccuracyPerClass[$0] < 0.5 }
            let holds = r.mirroredAccuracy < r.augmentedAccuracy - 0.3 && lost.count * 2 > MNIST.classCount
            return .claim(
                holds: holds,
                detail: "the network trained on augmented digits reads rotated and shifted test digits "
                    + "\(percent(r.augmentedAccuracy)), mirrored \(percent(r.mirroredAccuracy)); mirrored "
                    + lost.map(String.init).joined(separator: ", ") + " are read right less than half the time (kept: "
                    + survivors.map { "\($0) \(percent(r.mirroredAccuracyPerClass[$0]))" }.joined(separator: ", ") + ")"
            )
        }
    }

    /// Not every rotation (旋转) keeps the label: turned by 180°, a 6 is read as a 9 and a 9 as a 6.
    static func halfTurn() -> Finding {
        finding { m in
            let sixes = Readings.mostCommon(m.augmentedNet.halfTurnedSixes)
            let nines = Readings.mostCommon(m.augmentedNet.halfTurnedNines)
            return .claim(
                holds: sixes.digit == 9 && nines.digit == 6,
                detail:
                    "turned by 180 deg, the \(m.augmentedNet.halfTurnedSixes.reduce(0, +)) test 6s are read most often "
                    + "as \(sixes.digit) (\(percent(sixes.share))), the \(m.augmentedNet.halfTurnedNines.reduce(0, +)) 9s "
                    + "as \(nines.digit) (\(percent(nines.share))) by the network trained on augmented digits")
        }
    }

    /// A row's finding from the measurements, or the error (MNIST or the weights missing) as the result.
    static func finding(_ claim: (Measurements) -> Ours) -> Finding {
        .catching { Finding(claim(try measurements.get())) }
    }

    static let rows: [String: () -> Finding] = [
        "augment-ink-kept": inkKept,
        "augment-new-samples": newSamples,
        "augment-flip": flipping,
        "augment-half-turn": halfTurn,
    ]

    // MARK: - Figures

    /// The chapter's figures; none of them if MNIST cannot be found.
    static func figures() throws -> [Figure] {
        guard let mnist = try unlessMNISTIsAbsent({ try MNISTData.shared() }),
            let net = try unlessMNISTIsAbsent({ try judge.get() })
        else { return [] }
        return [
            augmentedDigits(images: mnist.trainImages, labels: mnist.trainLabels).figure,
            unsafeTransforms(images: mnist.trainImages, labels: mnist.trainLabels, net: net).figure,
        ]
    }

    /// Each of the first `count` digits (left) and `variants` augmentations of it, drawn from
    /// `RandomState(seed)` digit after digit, variant after variant — the draws `augmented` makes
    /// for a matrix holding each digit `variants` times. With `flip`, a last column shows each
    /// digit mirrored. Returns the transforms drawn, row by row, and the grid's cells.
    static func augmentedDigits(
        images: some InputRows, labels: [Int], count: Int = shownDigits, variants: Int = variants,
        augmentation: DigitAugmentation = augmentation, seed: UInt32 = seed, flip: Bool = false
    )
        -> (figure: Figure, transforms: [[DigitAugmentation.Transform]], cells: [ImageGrid.Cell])
    {
        var random = RandomState(seed: seed)
        var cells: [ImageGrid.Cell] = []
        var transforms: [[DigitAugmentation.Transform]] = []
        for i in 0..<count {
            let digit = images.row(i)
            cells.append(ImageGrid.Cell(pixels: digit, caption: "label \(labels[i])"))
            let drawn = (0..<variants).map { _ in augmentation.nextTransform(random: &random) }
            transforms.append(drawn)
            for t in drawn {
                cells.append(
                    ImageGrid.Cell(
                        pixels: DigitAugmentation.applying(t, to: digit),
                        caption: String(format: "%+.1f°\\n(%+d, %+d)", t.degrees, t.dx, t.dy)))
            }
            if flip { cells.append(ImageGrid.Cell(pixels: DigitAugmentation.flipped(digit), caption: "mirrored")) }
        }
        var grid = ImageGrid(side: MNIST.imageSide, columns: 1 + variants + (flip ? 1 : 0))
        // Two-line captions a few pixels clear of their tiles; the tiles 4 px smaller to pay for it.
        grid.captionBand = 48
        grid.captionLift = 32
        grid.captionFont = ",12"
        grid.titleBand = 90
        grid.firstColumnGap = 20
        grid.imagePixels = 76
        grid.gap = 10
        // Room for the title however few digits are drawn.
        grid.minimumWidth = 840
        let degrees = number(augmentation.maxDegrees)
        let title =
            "Data augmentation: \(count) MNIST digits (left) and \(variants) random variants of each\\n"
            + "rotated, then shifted; above each variant: the angle, (dx, dy)"
        let figure = grid.figure(
            name: "augmented-digits",
            caption:
                "MNIST digits and their augmented variants: rotation, then shift (seed 004 5.2); angles uniform in "
                + "[−\(degrees)°, \(degrees)°], shifts of −\(augmentation.maxShift) to \(augmentation.maxShift) whole pixels, seed \(seed)",
            title: title, cells: cells)
        return (figure, transforms, cells)
    }

    /// One training digit of each class (the first), as it is, mirrored, and turned by 180°,
    /// each captioned with what `net` reads (the network trained on augmented digits); and those
    /// readings, one row per version.
    static func unsafeTransforms(images: some InputRows, labels: [Int], net: MultiLayerNet) -> (
        figure: Figure, readings: [[Int]]
    ) {
        let firsts = (0..<MNIST.classCount).map { digit in labels.firstIndex(of: digit)! }
        let originals = images.gathering(rows: firsts)
        let versions = [
            originals, mapRows(originals) { DigitAugmentation.flipped($0) },
            mapRows(originals) { DigitAugmentation.rotated($0, degrees: 180) },
        ]
        let readings = versions.map { net.predict($0).argmaxPerRow() }
        var cells: [ImageGrid.Cell] = []
        for (version, answers) in zip(versions, readings) {
            for (index, answer) in answers.enumerated() {
                // Cell `index` is a digit `index`: a reading that is not is marked wrong.
                cells.append(
                    ImageGrid.Cell(
                        pixels: version.row(index), caption: "\(answer)" + (answer == index ? "" : " ✗")))
            }
        }
        var grid = ImageGrid(side: MNIST.imageSide, columns: MNIST.classCount)
        grid.rowTitles = ["original", "mirrored", "turned 180°"]
        grid.rowTitleWidth = 150
        grid.titleBand = 70
        let figure = grid.figure(
            name: "unsafe-augmentations",
            caption:
                "Mirroring and half turns change what a digit is (seed 004 5.2); the readings are a network's trained "
                + "on digits rotated by up to \(number(augmentation.maxDegrees))° and shifted by up to \(augmentation.maxShift) px",
            title: "Flipping and turning by 180° do not keep a digit's label\\n"
                + "above each image: what a network trained on rotated and shifted digits reads (✗: not the digit)",
            cells: cells)
        return (figure, readings)
    }
}

extension AugmentationExamples {
    /// Seed 004 §5.2: data augmentation of MNIST digits.
    struct Augment: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "augment",
            abstract: "Data augmentation (数据增强): random rotations and shifts of MNIST training digits (seed 004 5.2).",
            discussion:
                "Draws each of the first --count training digits beside --variants augmented copies: rotated by an angle "
                + "uniform in [-d, d] (d = --max-degrees), then shifted by whole pixels dx, dy in -s...s (s = --max-shift), "
                + "drawn from numpy.random.seed(--seed). --flip adds each digit mirrored, which is no augmentation for digits. "
                + "--accuracy measures the book's trained network on the 10000 test digits, as they are and augmented. "
                + "--unsafe shows instead why mirroring and half turns are no augmentation for digits.")
        @Option(parsing: .unconditional, help: "The largest shift in pixels, in each direction (0 to 27).")
        var maxShift = 2
        @Option(parsing: .unconditional, help: "The largest rotation in degrees, either way (0 to 180).")
        var maxDegrees = 10.0
        @Option(parsing: .unconditional, help: "How many training digits to augment, the first N (1 to \(maxCount)).")
        var count = AugmentationExamples.shownDigits
        @Option(parsing: .unconditional, help: "Augmented variants of each digit (1 to \(maxVariants)).") var variants =
            AugmentationExamples.variants
        @Option(help: "numpy.random.seed of the draws.") var seed: UInt32 = AugmentationExamples.seed
        @Flag(help: "Also show each digit mirrored (flipping, 翻转), which does not keep a digit's label.") var flip =
            false
        @Flag(help: "Also measure the book's trained network on the 10000 test digits, as they are and augmented.")
        var accuracy = false
        @Flag(
            help:
                "Instead, show one training digit of each class mirrored and turned by 180 deg, and what a network trained on augmented digits reads."
        )
        var unsafe = false
        @OptionGroup var figure: ExampleFigureOptions

        static let maxCount = 20, maxVariants = 9

        func validate() throws {
            try FlagCheck.nonNegative(maxShift, "--max-shift", max: MNIST.imageSide - 1)
            guard maxDegrees.isFinite, (0...180).contains(maxDegrees) else {
                throw ValidationError("--max-degrees must be between 0 and 180, got \(maxDegrees)")
            }
            try FlagCheck.within(count, 1...Self.maxCount, "--count")
            try FlagCheck.within(variants, 1...Self.maxVariants, "--variants")
        }

        func run() throws {
            let mnist = try MNISTData.shared()
            if unsafe { return try showUnsafe(mnist) }
            let augmentation = DigitAugmentation(maxShift: maxShift, maxDegrees: maxDegrees)
            let (drawing, transforms, cells) = AugmentationExamples.augmentedDigits(
                images: mnist.trainImages, labels: mnist.trainLabels, count: count, variants: variants,
                augmentation: augmentation, seed: seed, flip: flip)
            print(
                "rotate by an angle uniform in [-\(AugmentationExamples.number(maxDegrees)), \(AugmentationExamples.number(maxDegrees))] deg, then shift by dx, dy "
                    + "in -\(maxShift)...\(maxShift) px; numpy.random.seed(\(seed))")
            for (i, row) in transforms.enumerated() {
                let digit = mnist.trainImages.row(i)
                let ink = digit.reduce(0, +)
                print("training digit \(i) (label \(mnist.trainLabels[i])):")
                for t in row {
                    let kept = DigitAugmentation.applying(t, to: digit).reduce(0, +) / ink
                    print("  \(t); ink kept \(percent(kept))")
                }
                if flip { print("  mirrored") }
            }
            if accuracy {
                let net = try AugmentationExamples.bookNetwork()
                var random = RandomState(seed: seed)
                let test = mnist.testImages.matrix(), labels = mnist.testLabels
                let augmented = augmentation.augmented(test, random: &random)
                var report =
                    "the book's network on the 10000 test digits: as they are "
                    + percent(net.accuracy(test, labels: labels, batchSize: 1000))
                    + ", augmented " + percent(net.accuracy(augmented, labels: labels, batchSize: 1000))
                if flip {
                    let mirrored = AugmentationExamples.mapRows(test) { DigitAugmentation.flipped($0) }
                    report += ", mirrored " + percent(net.accuracy(mirrored, labels: labels, batchSize: 1000))
                }
                print(report)
            }
            try show(drawing, cells: cells, perLine: min(1 + variants + (flip ? 1 : 0), 4))
        }

        /// One training digit of each class as it is, mirrored and turned by 180 deg, and what the book's network reads.
        func showUnsafe(_ mnist: MNIST) throws {
            let net = try AugmentationExamples.judge.get()
            let (drawing, readings) = AugmentationExamples.unsafeTransforms(
                images: mnist.trainImages, labels: mnist.trainLabels, net: net)
            print(
                "what a network trained on augmented digits (\(AugmentationExamples.AugmentedNetwork.architecture), "
                    + "\(AugmentationExamples.AugmentedNetwork.iterations) batches) reads in the first training digit of each class"
            )
            print("digit\tas is\tmirrored\tturned 180 deg")
            for digit in 0..<MNIST.classCount {
                print("\(digit)\t\(readings[0][digit])\t\(readings[1][digit])\t\(readings[2][digit])")
            }
            let firsts = (0..<MNIST.classCount).map { mnist.trainLabels.firstIndex(of: $0)! }
            let cells = [
                { (x: [Double]) in x }, { DigitAugmentation.flipped($0) },
                { DigitAugmentation.rotated($0, degrees: 180) },
            ]
            .enumerated().flatMap { version, transform in
                firsts.enumerated().map { digit, row in
                    ImageGrid.Cell(
                        pixels: transform(mnist.trainImages.row(row)),
                        caption: "\(digit) reads \(readings[version][digit])")
                }
            }
            try show(drawing, cells: cells, perLine: 5)
        }

        /// The figure as the options ask. gnuplot's text terminal cannot draw images, so the
        /// preview is the digits drawn as text here.
        func show(_ drawing: Figure, cells: [ImageGrid.Cell], perLine: Int) throws {
            var pngOnly = figure
            pngOnly.preview = false
            try pngOnly.show(drawing)
            if figure.preview {
                let oneLine = cells.map {
                    ImageGrid.Cell(pixels: $0.pixels, caption: $0.caption.replacingOccurrences(of: "\\n", with: " "))
                }
                print(ImageGrid.textPreview(oneLine, side: MNIST.imageSide, perLine: perLine))
            }
        }
    }
}
