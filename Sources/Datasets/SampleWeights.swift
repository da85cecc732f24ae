import Foundation
import FromScratch

/// The book's trained weights, `sample_weight.pkl` (ch03 of the book's official code): a pickle of
/// float32 arrays W1 (784x50), W2 (50x100), W3 (100x10), b1, b2, b3.
///
/// Found, in order, at a path given explicitly, at `$DLFS_WEIGHTS`, or in the user cache beside
/// MNIST, where it is downloaded on first use from the book's repository. Whatever the source,
/// the file must have the original's size and SHA-256.
public enum SampleWeights {
    public static let fileName = "sample_weight.pkl"
    public static let byteCount = 181_853
    public static let sha256 = "b7f55a27988ba34c3777b0f1bbd464817c8a4db855723e6ff26f703501917a13"
    public static let sources = [
        URL(string: "https://github.com/oreilly-japan/deep-learning-from-scratch/raw/master/ch03/sample_weight.pkl")!
    ]
    public static let environmentVariable = "DLFS_WEIGHTS"

    public static func userCache(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        MNISTLocation.userCache(environment: environment).deletingLastPathComponent().appendingPathComponent(fileName)
    }

    /// The verified weight file, downloading it into the user cache if that is where it belongs.
    public static func ensureFile(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        downloader: MNISTDownloader = MNISTDownloader()
    ) throws -> URL {
        let named =
            explicit.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let named {
            let url = URL(fileURLWithPath: (named as NSString).expandingTildeInPath)
            try verify(url)
            return url
        }
        let cached = userCache(environment: environment)
        if (try? verify(cached)) == nil {
            do {
                try downloader.downloadVerified(
                    name: fileName, byteCount: byteCount, sha256: sha256, from: sources,
                    to: cached
                ) { _, _ in }
            } catch MNISTError.downloadFailed(_, let attempts) {
                throw SampleWeightsError(
                    path: cached.path,
                    problem: "could not download it: \(attempts.joined(separator: "; ")); "
                        + "set \(environmentVariable) to a copy of \(fileName)")
            }
        }
        return cached
    }

    /// Checks size and SHA-256, naming the file and what is wrong with it.
    public static func verify(_ url: URL) throws {
        // The size first, from the file system: a wrong file of gigabytes is refused unread.
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size != byteCount {
            throw SampleWeightsError(
                path: url.path, problem: "\(size) bytes, but the book's \(fileName) has \(byteCount)")
        }
        guard let data = try? Data(contentsOf: url) else {
            throw SampleWeightsError(
                path: url.path, problem: "missing or unreadable; set \(environmentVariable) to the book's \(fileName)")
        }
        guard data.count == byteCount else {
            throw SampleWeightsError(
                path: url.path, problem: "\(data.count) bytes, but the book's \(fileName) has \(byteCount)")
        }
        let digest = Checksum.sha256(data)
        guard digest == sha256 else {
            throw SampleWeightsError(path: url.path, problem: "SHA-256 \(digest) is not the book's \(sha256)")
        }
    }
}

public struct SampleWeightsError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let problem: String
    public var description: String { "\(path): \(problem)" }
}

extension SampleWeights {
    /// The book's trained network (DLfS 3.6.2): 784-50-100-10, the shape of each of its six arrays.
    public static let shapes: [String: [Int]] = [
        "W1": [784, 50], "W2": [50, 100], "W3": [100, 10], "b1": [50], "b2": [100], "b3": [10],
    ]

    /// The six arrays of the book's pickle at `url` as matrices (biases as 1 x n rows, float32
    /// values computed in double), each checked for its name and shape, so that a wrong or
    /// damaged file is named rather than silently misread.
    public static func loadParameters(from url: URL) throws -> [String: Matrix] {
        let arrays = try NumPyPickle.loadArrays(from: url)
        var parameters: [String: Matrix] = [:]
        for (name, shape) in shapes.sorted(by: { $0.key < $1.key }) {
            guard let found = arrays[name] else {
                throw PickleError(file: url.path, problem: "no array named '\(name)' (found \(arrays.keys.sorted()))")
            }
            guard found.shape == shape else {
                throw PickleError(file: url.path, problem: "'\(name)' has shape \(found.shape), expected \(shape)")
            }
            parameters[name] = found.matrix
        }
        return parameters
    }
}
