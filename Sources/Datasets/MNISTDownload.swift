import CDownload
import Foundation
import TemporaryFiles

/// Where MNIST lives on this machine.
public enum MNISTLocation {
    public static let environmentVariable = "MNIST_DIR"

    /// Which rule chose the folder.
    public enum Source: String, Sendable {
        case flag = "--dir"
        case environment = "MNIST_DIR"
        case userCache = "the user cache"
    }

    /// The folder to use: an explicit flag, else `$MNIST_DIR`, else the user cache
    /// (`$XDG_CACHE_HOME/deep-learning-from-scratch/mnist` or
    /// `~/.cache/deep-learning-from-scratch/mnist`).
    public static func resolve(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL {
        locate(explicit: explicit, environment: environment).directory
    }

    /// Like `resolve`, also telling which rule applied (only the user cache is filled
    /// automatically; folders the user names are never written to unasked).
    public static func locate(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> (directory: URL, source: Source)
    {
        if let explicit, !explicit.isEmpty { return (folder(explicit), .flag) }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            return (folder(fromEnvironment), .environment)
        }
        return (userCache(environment: environment), .userCache)
    }

    /// The folder to load MNIST from, made ready: the user cache is filled on first use
    /// (downloading and verifying what is missing or damaged); a folder named by the flag or
    /// `$MNIST_DIR` is never written to, only required to hold the four files.
    @discardableResult
    public static func ensureFiles(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        downloader: MNISTDownloader = MNISTDownloader()
    ) throws -> URL {
        let (directory, source) = locate(explicit: explicit, environment: environment)
        if source == .userCache {
            try downloader.ensureFiles(in: directory)
        } else {
            try MNIST.requireAllFiles(in: directory)
        }
        return directory
    }

    /// The per-user cache folder for MNIST.
    public static func userCache(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base: URL
        // The XDG spec says to ignore a relative XDG_CACHE_HOME.
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home =
                environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? FileManager.default.homeDirectoryForCurrentUser.path
            base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache")
        }
        return base.appendingPathComponent("deep-learning-from-scratch").appendingPathComponent("mnist")
    }

    private static func folder(_ path: String) -> URL {
        URL(fileURLWithPath: (path as NSString).expandingTildeInPath, isDirectory: true).standardizedFileURL
    }
}

/// Fetches MNIST files from public mirrors, trying each in turn, and keeps a file only when
/// its size and SHA-256 are those of the original.
///
/// A file is written to a temporary name in the target folder and renamed into place once
/// verified, so an interrupted download never leaves a half file under the real name.
public struct MNISTDownloader {
    /// Writes the body at `url` into the file at `destination` (created), reporting (bytes so
    /// far, total if known) as they arrive; stops with an error once more than `byteLimit` bytes
    /// would arrive (the files' sizes are known).
    public typealias Fetch = (
        _ url: URL, _ destination: URL, _ byteLimit: Int, _ progress: @escaping (Int64, Int64?) -> Void
    ) throws -> Void

    /// Mirrors serving the original files, most reliable first.
    public static let standardMirrors: [URL] = [
        URL(string: "https://ossci-datasets.s3.amazonaws.com/mnist/")!,
        URL(string: "https://storage.googleapis.com/cvdf-datasets/mnist/")!,
        URL(string: "http://yann.lecun.com/exdb/mnist/")!,
    ]

    public var mirrors: [URL]
    public var fetch: Fetch
    /// Receives one line per event (which mirror, what failed, what was saved).
    public var log: (String) -> Void
    /// Receives download progress; the default draws a percentage on a terminal's stderr.
    public var progress: (MNISTFile, Int64, Int64?) -> Void

    public init(
        mirrors: [URL] = MNISTDownloader.standardMirrors,
        fetch: @escaping Fetch = { try CurlFetcher.fetch($0, into: $1, byteLimit: $2, progress: $3) },
        log: @escaping (String) -> Void = MNISTDownloader.printToStandardError,
        progress: @escaping (MNISTFile, Int64, Int64?) -> Void = MNISTDownloader.drawProgress
    ) {
        self.mirrors = mirrors
        self.fetch = fetch
        self.log = log
        self.progress = progress
    }

    /// Makes sure the four files in `directory` are the originals, downloading those that are
    /// missing or fail the checks. Returns the files it downloaded.
    @discardableResult
    public func ensureFiles(in directory: URL) throws -> [MNISTFile] {
        var downloaded: [MNISTFile] = []
        for file in MNISTFile.allCases {
            do {
                try file.verify(in: directory)
                continue
            } catch MNISTError.missingFile {
                log("\(file.fileName): not in \(directory.path) yet")
            } catch let problem as MNISTError {
                log("\(file.fileName): \(problem); downloading it again")
            }
            try download(file, into: directory)
            downloaded.append(file)
        }
        return downloaded
    }

    /// Downloads `file` into `directory` from the first mirror that serves the original bytes.
    public func download(_ file: MNISTFile, into directory: URL) throws {
        try downloadVerified(
            name: file.fileName, byteCount: file.byteCount, sha256: file.sha256,
            from: mirrors.map { $0.appendingPathComponent(file.fileName) },
            to: file.url(in: directory)
        ) { received, total in progress(file, received, total) }
    }

    /// Downloads a file from the first of `sources` that serves exactly the expected bytes
    /// (size and SHA-256), saving it as `destination` through a temporary file. Any data file
    /// of the project (MNIST, the book's weights) comes through here.
    public func downloadVerified(
        name: String, byteCount: Int, sha256: String, from sources: [URL], to destination: URL,
        progress: @escaping (Int64, Int64?) -> Void
    ) throws {
        let directory = destination.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw MNISTError.unreadableFile(
                path: directory.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        var attempts: [String] = []
        // The download streams into a hidden file beside the target, renamed into place once its
        // size and SHA-256 are the original's; a signal or a failure removes it.
        let temporary = directory.appendingPathComponent(
            ".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).part")
        try TemporaryFiles.removingOnExit([temporary]) {
            for source in sources {
                log("downloading \(name) from \(source.absoluteString)")
                let rejection: String
                do {
                    try fetch(source, temporary, byteCount, progress)
                    rejection = try Self.rejection(of: temporary, byteCount: byteCount, sha256: sha256)
                } catch let failure as MNISTError {
                    throw failure  // the folder, not the mirror, is at fault: no other mirror helps
                } catch {
                    rejection = "\(error)"
                }
                if rejection.isEmpty {
                    try moveIntoPlace(temporary, as: destination)
                    log("  saved \(destination.path) (\(byteCount) bytes, SHA-256 verified)")
                    return
                }
                attempts.append("\(source.absoluteString): \(rejection)")
                log("  rejected: \(rejection)")
            }
            throw MNISTError.downloadFailed(file: name, attempts: attempts)
        }
    }

    /// Why a downloaded file is not the original, or "" when its size and SHA-256 match.
    private static func rejection(of file: URL, byteCount: Int, sha256: String) throws -> String {
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? -1
        guard size == byteCount else { return "got \(size) bytes, expected \(byteCount)" }
        let digest = try Checksum.sha256(ofFileAt: file)
        return digest == sha256 ? "" : "SHA-256 \(digest) is not the original's \(sha256) (SHA-256 mismatch)"
    }

    private func moveIntoPlace(_ temporary: URL, as destination: URL) throws {
        do {
            if FileManager.default.fileExists(atPath: destination.path) {
                try FileManager.default.removeItem(at: destination)
            }
            try FileManager.default.moveItem(at: temporary, to: destination)
        } catch {
            throw MNISTError.unreadableFile(
                path: destination.path, reason: "cannot save the download: \(error.localizedDescription)")
        }
    }

    public static func printToStandardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Draws "  42% of 9.9 MB" in place on a terminal; stays silent when stderr is a file.
    public static func drawProgress(_ file: MNISTFile, _ received: Int64, _ total: Int64?) {
        guard isatty(STDERR_FILENO) != 0 else { return }
        let expected = total ?? Int64(file.byteCount)
        let percent = expected > 0 ? Int(100 * received / expected) : 0
        let megabytes = String(format: "%.1f", Double(expected) / 1_000_000)
        let end = received >= expected ? "\n" : ""
        FileHandle.standardError.write(Data("\r  \(percent)% of \(megabytes) MB\(end)".utf8))
    }
}

/// The real network fetch: libcurl writing straight into the file, so that memory stays at its
/// buffer's size whatever a server sends, with libcurl's own limits on size, speed and time.
public enum CurlFetcher {
    /// A transfer slower than `slowestRate` bytes a second for `patience` seconds is given up;
    /// silence (no answer, or a stalled transfer) counts as slow.
    public struct Limits: Sendable {
        public var slowestRate = 1000
        public var patience = 30
        public var connectSeconds = 30
        public var totalSeconds = 600
        public init() {}
    }

    public static func fetch(
        _ url: URL, into destination: URL, byteLimit: Int, limits: Limits = Limits(),
        progress: @escaping (Int64, Int64?) -> Void
    ) throws {
        let fd = open(destination.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw MNISTError.unreadableFile(path: destination.path, reason: String(cString: strerror(errno)))
        }
        var report = fsdl_report()
        let reporter = ProgressReporter(progress)
        let outcome = withExtendedLifetime(reporter) {
            fsdl_fetch(
                url.absoluteString, fd,
                fsdl_limits(
                    maximumBytes: Int64(byteLimit), slowestBytesPerSecond: limits.slowestRate,
                    slowSeconds: limits.patience, connectSeconds: limits.connectSeconds,
                    totalSeconds: limits.totalSeconds),
                { context, received, total in
                    Unmanaged<ProgressReporter>.fromOpaque(context!).takeUnretainedValue().report(received, total)
                    return 0
                }, Unmanaged.passUnretained(reporter).toOpaque(), &report)
        }
        let synced = fsync(fd) == 0 ? 0 : errno
        close(fd)
        if outcome == FSDL_WRITE_FAILED || (outcome == FSDL_OK && synced != 0) {
            let code = outcome == FSDL_OK ? synced : report.writeErrno
            throw MNISTError.unreadableFile(
                path: destination.path, reason: "cannot save the download: \(String(cString: strerror(code)))")
        }
        if let failure = DownloadFailure(outcome, report, limits: limits, byteLimit: byteLimit) { throw failure }
    }

    /// Carries the Swift progress closure through libcurl's C callback, whole percents only.
    private final class ProgressReporter {
        let progress: (Int64, Int64?) -> Void
        var lastStep = -1
        init(_ progress: @escaping (Int64, Int64?) -> Void) { self.progress = progress }
        func report(_ received: Int64, _ total: Int64) {
            let step = total > 0 ? Int(100 * received / total) : Int(received >> 20)
            guard received > 0, step != lastStep else { return }
            lastStep = step
            progress(received, total > 0 ? total : nil)
        }
    }
}

/// Why a mirror's transfer failed, in the reader's terms.
enum DownloadFailure: Error, CustomStringConvertible, Equatable {
    case httpStatus(Int)
    case tooLarge(limit: Int)
    case tooSlow(rate: Int, seconds: Int)
    case tooLong(seconds: Int)
    case noHost, refused, insecure, interrupted
    case other(String)

    init?(_ outcome: fsdl_outcome, _ report: fsdl_report, limits: CurlFetcher.Limits, byteLimit: Int) {
        var copy = report
        let words = withUnsafeBytes(of: &copy.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        switch outcome {
        case FSDL_OK: return nil
        case FSDL_TOO_LARGE: self = .tooLarge(limit: byteLimit)
        case FSDL_TOO_SLOW: self = .tooSlow(rate: limits.slowestRate, seconds: limits.patience)
        case FSDL_TOO_LONG: self = .tooLong(seconds: limits.totalSeconds)
        case FSDL_HTTP_STATUS: self = .httpStatus(report.httpStatus)
        case FSDL_NO_HOST: self = .noHost
        case FSDL_REFUSED: self = .refused
        case FSDL_TLS: self = .insecure
        case FSDL_INTERRUPTED: self = .interrupted
        default: self = .other(words)
        }
    }

    var description: String {
        switch self {
        case let .httpStatus(code): return "HTTP status \(code)"
        case let .tooLarge(limit): return "the server sent more than the file's \(limit) bytes: stopped"
        case let .tooSlow(rate, seconds):
            return "under \(rate) bytes a second (or no answer) for \(seconds) s: given up"
        case let .tooLong(seconds): return "not finished after \(seconds) s: given up"
        case .noHost: return "the host name was not found"
        case .refused: return "the connection was refused (or the server could not be reached)"
        case .insecure: return "the secure (TLS) connection failed"
        case .interrupted: return "interrupted"
        case let .other(words): return words
        }
    }
}
