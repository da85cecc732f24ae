import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

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
    /// Gets the bytes at a URL, reporting (bytes so far, total if known) as they arrive; stops with
    /// an error once more than `byteLimit` bytes arrive (the files' sizes are known).
    public typealias Fetch = (_ url: URL, _ byteLimit: Int, _ progress: @escaping (Int64, Int64?) -> Void) throws ->
        Data

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
        fetch: @escaping Fetch = { try URLSessionFetcher.fetch($0, byteLimit: $1, progress: $2) },
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
        for source in sources {
            log("downloading \(name) from \(source.absoluteString)")
            let data: Data
            do {
                data = try fetch(source, byteCount, progress)
            } catch {
                attempts.append("\(source.absoluteString): \(Self.describe(error))")
                log("  failed: \(Self.describe(error))")
                continue
            }
            guard data.count == byteCount else {
                attempts.append("\(source.absoluteString): got \(data.count) bytes, expected \(byteCount)")
                log("  rejected: got \(data.count) bytes, expected \(byteCount)")
                continue
            }
            let digest = Checksum.sha256(data)
            guard digest == sha256 else {
                attempts.append("\(source.absoluteString): SHA-256 \(digest) is not the original's \(sha256)")
                log("  rejected: SHA-256 mismatch")
                continue
            }
            try save(data, as: destination)
            log("  saved \(destination.path) (\(data.count) bytes, SHA-256 verified)")
            return
        }
        throw MNISTError.downloadFailed(file: name, attempts: attempts)
    }

    /// Writes to a hidden temporary file beside the target, then renames it into place.
    private func save(_ data: Data, as destination: URL) throws {
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(
                ".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).part")
        do {
            try data.write(to: temporary)
            if FileManager.default.fileExists(atPath: destination.path) {
                try FileManager.default.removeItem(at: destination)
            }
            try FileManager.default.moveItem(at: temporary, to: destination)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw MNISTError.unreadableFile(
                path: destination.path, reason: "cannot save the download: \(error.localizedDescription)")
        }
    }

    /// A network failure in words a reader can act on, with Foundation's code for reference.
    static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else { return "\(error)" }
        let words: String
        switch URLError.Code(rawValue: nsError.code) {
        case .timedOut: words = "no data for \(Int(URLSessionFetcher.idleTimeout)) s: timed out"
        case .cannotFindHost, .dnsLookupFailed: words = "the host name was not found"
        case .cannotConnectToHost: words = "the connection was refused"
        case .networkConnectionLost: words = "the connection was lost"
        case .notConnectedToInternet: words = "there is no network connection"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate:
            words = "the secure (TLS) connection failed"
        case .cancelled: words = "cancelled"
        default: words = nsError.localizedDescription
        }
        return "\(words) (URL error \(nsError.code))"
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

/// The real network fetch: one URLSession data task, waited for synchronously.
public enum URLSessionFetcher {
    /// Seconds without any data before a mirror is given up.
    static let idleTimeout: TimeInterval = 30

    public static func fetch(_ url: URL, byteLimit: Int, progress: @escaping (Int64, Int64?) -> Void) throws -> Data {
        let collector = DownloadCollector(byteLimit: byteLimit, progress: progress)
        let configuration = URLSessionConfiguration.ephemeral
        // No URL cache: nothing is written outside the data folder (Foundation's default cache
        // would create ~/.cache/org.swift.foundation.URLCache/<tool>/).
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.timeoutIntervalForResource = 600
        let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: url).resume()
        collector.finished.wait()
        return try collector.result()
    }
}

/// Gathers a data task's bytes and reports progress; `finished` is signalled at the end.
private final class DownloadCollector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let finished = DispatchSemaphore(value: 0)
    private let progress: (Int64, Int64?) -> Void
    private var data = Data()
    private var expected: Int64?
    private var failure: Error?
    private var status = 0
    private var lastReportedPercent = -1
    private let byteLimit: Int
    private let start = Date()
    /// A mirror that trickles (a byte every few seconds resets the idle timeout each time) is cut
    /// once it has had this long and still averages under `slowestRate` bytes a second.
    static let patience: TimeInterval = 60, slowestRate = 1000.0

    init(byteLimit: Int, progress: @escaping (Int64, Int64?) -> Void) {
        self.byteLimit = byteLimit
        self.progress = progress
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        status = (response as? HTTPURLResponse)?.statusCode ?? 200
        expected = response.expectedContentLength > 0 ? response.expectedContentLength : nil
        if let expected, expected > Int64(byteLimit) {
            failure = DownloadFailure.tooLarge(limit: byteLimit)
            completionHandler(.cancel)
            return
        }
        completionHandler(status == 200 ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive chunk: Data) {
        // A server that sends more than the file holds is cut off: memory stays bounded.
        guard data.count + chunk.count <= byteLimit else {
            if failure == nil { failure = DownloadFailure.tooLarge(limit: byteLimit) }
            dataTask.cancel()
            return
        }
        data.append(chunk)
        let elapsed = Date().timeIntervalSince(start)
        if elapsed > Self.patience, Double(data.count) / elapsed < Self.slowestRate {
            if failure == nil { failure = DownloadFailure.tooSlow(bytes: data.count, seconds: Int(elapsed)) }
            dataTask.cancel()
            return
        }
        // Report whole-percent steps only, so a terminal is not flooded.
        let percent = expected.map { Int(100 * Int64(data.count) / max($0, 1)) } ?? data.count >> 20
        if percent != lastReportedPercent {
            lastReportedPercent = percent
            progress(Int64(data.count), expected)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if failure == nil { failure = error }
        finished.signal()
    }

    func result() throws -> Data {
        if let failure = failure as? DownloadFailure { throw failure }
        if status != 200 && status != 0 { throw DownloadFailure.httpStatus(status) }
        if let failure { throw failure }
        return data
    }
}

enum DownloadFailure: Error, CustomStringConvertible, Equatable {
    case httpStatus(Int)
    case tooLarge(limit: Int)
    case tooSlow(bytes: Int, seconds: Int)
    var description: String {
        switch self {
        case let .httpStatus(code): return "HTTP status \(code)"
        case let .tooLarge(limit): return "the server sent more than the file's \(limit) bytes: stopped"
        case let .tooSlow(bytes, seconds):
            return "the server sent only \(bytes) bytes in \(seconds) s (under 1 kB/s): given up"
        }
    }
}
