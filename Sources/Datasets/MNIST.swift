import Foundation
import FromScratch

/// The four files of MNIST, with the facts that identify the original copies.
public enum MNISTFile: String, CaseIterable, Sendable {
    case trainImages = "train-images-idx3-ubyte.gz"
    case trainLabels = "train-labels-idx1-ubyte.gz"
    case testImages = "t10k-images-idx3-ubyte.gz"
    case testLabels = "t10k-labels-idx1-ubyte.gz"

    public var fileName: String { rawValue }

    /// Size in bytes of the original gzip file.
    public var byteCount: Int {
        switch self {
        case .trainImages: return 9_912_422
        case .trainLabels: return 28_881
        case .testImages: return 1_648_877
        case .testLabels: return 4_542
        }
    }

    /// SHA-256 of the original gzip file, lowercase hex.
    public var sha256: String {
        switch self {
        case .trainImages: return "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"
        case .trainLabels: return "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"
        case .testImages: return "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"
        case .testLabels: return "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"
        }
    }

    public var split: MNISTSplit {
        switch self {
        case .trainImages, .trainLabels: return .train
        case .testImages, .testLabels: return .test
        }
    }

    public var holdsImages: Bool { self == .trainImages || self == .testImages }

    /// Images or labels in the file.
    public var itemCount: Int { split.count }

    public func url(in directory: URL) -> URL { directory.appendingPathComponent(fileName) }

    /// Checks that the file in `directory` exists and has the original size and SHA-256.
    /// The size is checked first, so a cut-off download is reported as such without hashing.
    public func verify(in directory: URL) throws {
        let url = url(in: directory)
        let size = try Self.size(of: url)
        guard size == byteCount else {
            throw MNISTError.wrongSize(path: url.path, expected: byteCount, found: size)
        }
        let digest: String
        do {
            digest = try Checksum.sha256(ofFileAt: url)
        } catch {
            throw MNISTError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        guard digest == sha256 else {
            throw MNISTError.checksumMismatch(path: url.path, expected: sha256, found: digest)
        }
    }

    static func size(of url: URL) throws -> Int {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            try requireSearchable(url.deletingLastPathComponent())
            throw MNISTError.missingFile(path: url.path)
        }
        guard !isFolder.boolValue else {
            throw MNISTError.unreadableFile(path: url.path, reason: "it is a folder, not a file")
        }
        do {
            // Follow symbolic links: a linked copy counts by the size of what it points to.
            let attributes = try FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
            return (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw MNISTError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
    }
}

extension MNISTFile {
    /// A folder that exists but may not be read is a permission problem, not four missing files.
    public static func requireSearchable(_ folder: URL) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue,
            access(folder.path, R_OK | X_OK) != 0
        else { return }
        throw MNISTError.unreadableFile(
            path: folder.path, reason: "permission denied: the folder's files cannot be listed or opened")
    }
}

/// MNIST's training set (60000 digits) or test set (10000 digits).
public enum MNISTSplit: String, CaseIterable, Sendable {
    case train, test

    public var count: Int { self == .train ? 60_000 : 10_000 }
    public var imagesFile: MNISTFile { self == .train ? .trainImages : .testImages }
    public var labelsFile: MNISTFile { self == .train ? .trainLabels : .testLabels }
}

/// Images with their labels: one row of 784 pixels per digit.
public struct LabeledImages: Sendable {
    /// N x 784: each 28 x 28 image flattened row by row (the book's `flatten=True`), held as its
    /// nonzero pixels (a mini-batch gathered from it is a dense `Matrix`).
    public let images: CompressedMatrix
    /// The digit 0-9 of each image.
    public let labels: [Int]
}

/// MNIST loaded as the book's `load_mnist(normalize=True, flatten=True, one_hot_label=False)`:
/// pixels scaled to [0, 1] as `pixel / 255` in single precision, images flattened to 784 columns,
/// labels as digits.
///
/// The book converts the pixels to float32 before dividing, so each pixel is the float nearest
/// k/255; NumPy then widens those floats exactly when they meet the float64 weights. We hold the
/// same floats (the nonzero ones), and a batch widens them exactly: `Double(Float(k) / 255)`. Dividing in double precision instead moves a
/// pixel by up to 3e-8: the first loss of the book's optimizer comparison then changes in its 11th
/// digit, and after 150 iterations AdaGrad's in its 3rd.
public struct MNIST: Sendable {
    public static let imageSide = 28
    public static let pixelsPerImage = 784
    public static let classCount = 10

    public let trainImages: CompressedMatrix
    public let trainLabels: [Int]
    public let testImages: CompressedMatrix
    public let testLabels: [Int]

    public init(train: LabeledImages, test: LabeledImages) {
        trainImages = train.images
        trainLabels = train.labels
        testImages = test.images
        testLabels = test.labels
    }

    /// Loads the four files from `directory`.
    ///
    /// - Parameters:
    ///   - verify: check each file's size and SHA-256 first (about a second); turn off only for
    ///     files already verified.
    ///   - normalize: divide pixels by 255 in float32 (the book's default); otherwise keep 0-255.
    public static func load(from directory: URL, verify: Bool = true, normalize: Bool = true) throws -> MNIST {
        try requireAllFiles(in: directory)
        return MNIST(
            train: try loadSplit(.train, from: directory, verify: verify, normalize: normalize),
            test: try loadSplit(.test, from: directory, verify: verify, normalize: normalize))
    }

    /// Loads one split (e.g. only the 10000 test digits, for a quick look).
    public static func loadSplit(
        _ split: MNISTSplit, from directory: URL, verify: Bool = true,
        normalize: Bool = true
    ) throws -> LabeledImages {
        if verify {
            try split.imagesFile.verify(in: directory)
            try split.labelsFile.verify(in: directory)
        }
        return try read(
            images: split.imagesFile.url(in: directory), labels: split.labelsFile.url(in: directory),
            expectedCount: split.count, normalize: normalize)
    }

    /// A split for a figure of the book's images, from where the tools find MNIST: nil when MNIST
    /// is not there and cannot be fetched (the rows that need it say so); a file that is there but
    /// damaged is an error, never a figure quietly left out.
    public static func splitIfAvailable(_ split: MNISTSplit) throws -> LabeledImages? {
        try unlessMNISTIsAbsent { try loadSplit(split, from: MNISTLocation.ensureFiles(explicit: nil)) }
    }

    /// Only the labels of a split: cheap, for class counts.
    public static func loadLabels(_ split: MNISTSplit, from directory: URL, verify: Bool = true) throws -> [Int] {
        if verify { try split.labelsFile.verify(in: directory) }
        return try readLabels(at: split.labelsFile.url(in: directory), expectedCount: split.count)
    }

    /// Reads an image file and a label file that belong together, checking their headers,
    /// their counts (against each other, and against `expectedCount` if given) and the labels.
    public static func read(
        images imagesURL: URL, labels labelsURL: URL, expectedCount: Int? = nil,
        normalize: Bool = true
    ) throws -> LabeledImages {
        let images = try readImages(at: imagesURL, expectedCount: expectedCount, normalize: normalize)
        let labels = try readLabels(at: labelsURL, expectedCount: expectedCount)
        guard images.rows == labels.count else {
            throw MNISTError.countMismatch(
                imagesPath: imagesURL.path, imageCount: images.rows,
                labelsPath: labelsURL.path, labelCount: labels.count)
        }
        return LabeledImages(images: images, labels: labels)
    }

    /// Reads a gzip'd IDX image file into an N x 784 matrix.
    public static func readImages(
        at url: URL, expectedCount: Int? = nil, normalize: Bool = true
    ) throws -> CompressedMatrix {
        let array = try IDXReader.read(gzipFile: url, expectedMagic: IDXReader.magic(axes: 3))
        let count = array.dimensions[0]
        if let expectedCount, count != expectedCount {
            throw MNISTError.wrongItemCount(path: url.path, expected: expectedCount, found: count)
        }
        let expectedShape = [count, imageSide, imageSide]
        guard array.dimensions == expectedShape else {
            throw MNISTError.wrongDimensions(path: url.path, expected: expectedShape, found: array.dimensions)
        }
        // The 256 values a pixel can take, as the book's float32 division gives them. About 81%
        // of the pixels are 0: only the others are kept, and products with the images skip the rest.
        let levels = (0...255).map { normalize ? Float($0) / Float(255) : Float($0) }
        return array.bytes.withUnsafeBufferPointer { bytes in
            CompressedMatrix(rows: count, cols: pixelsPerImage) { levels[Int(bytes[$0])] }
        }
    }

    /// Reads a gzip'd IDX label file; every label must be a digit 0-9.
    public static func readLabels(at url: URL, expectedCount: Int? = nil) throws -> [Int] {
        let array = try IDXReader.read(gzipFile: url, expectedMagic: IDXReader.magic(axes: 1))
        let count = array.dimensions[0]
        if let expectedCount, count != expectedCount {
            throw MNISTError.wrongItemCount(path: url.path, expected: expectedCount, found: count)
        }
        if let bad = array.bytes.firstIndex(where: { Int($0) >= classCount }) {
            throw MNISTError.badLabel(path: url.path, index: bad, value: Int(array.bytes[bad]))
        }
        return array.bytes.map { Int($0) }
    }

    /// Labels as one-hot rows (the book's `one_hot_label=True`): N x `classes`, a 1 in the
    /// label's column.
    public static func oneHot(_ labels: [Int], classes: Int = classCount) -> Matrix {
        var matrix = Matrix(rows: labels.count, cols: classes)
        for (row, label) in labels.enumerated() {
            precondition((0..<classes).contains(label), "oneHot: label \(label) is not in 0..<\(classes)")
            matrix[row, label] = 1
        }
        return matrix
    }

    /// How many labels fall in each class 0..<classes.
    public static func classCounts(_ labels: [Int], classes: Int = classCount) -> [Int] {
        var counts = [Int](repeating: 0, count: classes)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// Fails with one error listing every missing file, so the reader fixes all at once.
    static func requireAllFiles(in directory: URL) throws {
        try MNISTFile.requireSearchable(directory)
        let missing = MNISTFile.allCases.filter { !FileManager.default.fileExists(atPath: $0.url(in: directory).path) }
        guard missing.isEmpty else {
            throw MNISTError.missingFiles(directory: directory.path, names: missing.map(\.fileName))
        }
    }
}

/// `body`'s result, or nil when it failed only because MNIST is not there and cannot be fetched:
/// for a figure, whose rows already report the missing data. Any other failure (a damaged file)
/// is rethrown.
public func unlessMNISTIsAbsent<T>(_ body: () throws -> T) throws -> T? {
    do {
        return try body()
    } catch let error as MNISTError {
        switch error {
        case .missingFile, .missingFiles, .downloadFailed: return nil
        default: throw error
        }
    }
}

/// Everything that can go wrong while finding, checking, reading or downloading MNIST; each
/// case names the file concerned.
public enum MNISTError: Error, Equatable, CustomStringConvertible, Sendable {
    case missingFile(path: String)
    case missingFiles(directory: String, names: [String])
    case unreadableFile(path: String, reason: String)
    case wrongSize(path: String, expected: Int, found: Int)
    case checksumMismatch(path: String, expected: String, found: String)
    case notGzip(path: String)
    case truncatedGzip(path: String)
    case corruptGzip(path: String, reason: String)
    case wrongMagic(path: String, expected: UInt32, found: UInt32)
    case wrongLength(path: String, expectedBytes: Int, foundBytes: Int)
    case wrongItemCount(path: String, expected: Int, found: Int)
    case wrongDimensions(path: String, expected: [Int], found: [Int])
    case countMismatch(imagesPath: String, imageCount: Int, labelsPath: String, labelCount: Int)
    case badLabel(path: String, index: Int, value: Int)
    case downloadFailed(file: String, attempts: [String])

    static let remedy =
        "set \(MNISTLocation.environmentVariable) to a folder holding the four files, "
        + "or run `datasets mnist --download`"

    public var description: String {
        switch self {
        case let .missingFile(path):
            return "MNIST file not found: \(path); \(Self.remedy)"
        case let .missingFiles(directory, names):
            return "MNIST files missing in \(directory): \(names.joined(separator: ", ")); \(Self.remedy)"
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .wrongSize(path, expected, found):
            let hint =
                found < expected ? "shorter than the original (cut off, or another file)" : "larger than the original"
            return "\(path) is \(found) bytes, expected \(expected): the file is \(hint); "
                + "delete it and download it again"
        case let .checksumMismatch(path, expected, found):
            return "\(path) has SHA-256 \(found), expected \(expected): it is not the original MNIST file; "
                + "delete it and download it again"
        case let .notGzip(path):
            return "\(path) is not a gzip file (it does not start with the bytes 1f 8b)"
        case let .truncatedGzip(path):
            return "\(path) is truncated: its gzip stream ends early"
        case let .corruptGzip(path, reason):
            return "\(path) is not a valid gzip file: \(reason)"
        case let .wrongMagic(path, expected, found):
            return "\(path) has magic number 0x\(hex(found)), expected 0x\(hex(expected)) "
                + "(\(expected == IDXReader.magic(axes: 3) ? "an IDX image file" : "an IDX label file"))"
        case let .wrongLength(path, expectedBytes, foundBytes):
            let how = foundBytes < expectedBytes ? "truncated" : "longer than its header says"
            return
                "\(path) is \(how): it holds \(foundBytes) bytes once decompressed, its header describes \(expectedBytes)"
        case let .wrongItemCount(path, expected, found):
            return "\(path) holds \(found) items, expected \(expected)"
        case let .wrongDimensions(path, expected, found):
            return "\(path) has dimensions \(found.map(String.init).joined(separator: "x")), "
                + "expected \(expected.map(String.init).joined(separator: "x"))"
        case let .countMismatch(imagesPath, imageCount, labelsPath, labelCount):
            return "\(imagesPath) holds \(imageCount) images but \(labelsPath) holds \(labelCount) labels"
        case let .badLabel(path, index, value):
            return "\(path): label \(index) is \(value), not a digit 0-9"
        case let .downloadFailed(file, attempts):
            return "could not download \(file) from any mirror: \(attempts.joined(separator: "; ")); "
                + "set \(MNISTLocation.environmentVariable) to a folder holding the four files"
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
