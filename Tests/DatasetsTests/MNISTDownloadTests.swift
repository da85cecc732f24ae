import Foundation
import XCTest

@testable import Datasets

#if canImport(Glibc)
    import Glibc
#endif

/// Where MNIST is looked for, and the downloader with a fake network: offline, wrong bytes
/// from some mirrors, success from another. No test touches the real network.
final class MNISTDownloadTests: XCTestCase {
    // MARK: - Location

    func testExplicitFlagWinsOverEnvironmentAndCache() {
        let environment = ["MNIST_DIR": "/data/from-env", "HOME": "/home/reader"]
        let flag = MNISTLocation.locate(explicit: "/data/from-flag", environment: environment)
        XCTAssertEqual(flag.directory.path, "/data/from-flag")
        XCTAssertEqual(flag.source, .flag)
        let fromEnvironment = MNISTLocation.locate(explicit: nil, environment: environment)
        XCTAssertEqual(fromEnvironment.directory.path, "/data/from-env")
        XCTAssertEqual(fromEnvironment.source, .environment)
        XCTAssertEqual(MNISTLocation.resolve(explicit: nil, environment: environment).path, "/data/from-env")
    }

    func testUserCacheFollowsXDGThenHome() {
        let home = ["HOME": "/home/reader"]
        XCTAssertEqual(
            MNISTLocation.resolve(explicit: nil, environment: home).path,
            "/home/reader/.cache/deep-learning-from-scratch/mnist")
        XCTAssertEqual(MNISTLocation.locate(explicit: nil, environment: home).source, .userCache)
        XCTAssertEqual(
            MNISTLocation.resolve(
                explicit: nil, environment: home.merging(["XDG_CACHE_HOME": "/var/cache/reader"]) { $1 }
            ).path,
            "/var/cache/reader/deep-learning-from-scratch/mnist")
        // A relative XDG_CACHE_HOME is ignored, as the XDG spec says; so is an empty MNIST_DIR.
        XCTAssertEqual(
            MNISTLocation.resolve(
                explicit: "", environment: home.merging(["XDG_CACHE_HOME": "cache", "MNIST_DIR": ""]) { $1 }
            ).path,
            "/home/reader/.cache/deep-learning-from-scratch/mnist")
    }

    func testRelativeAndTildePathsAreMadeAbsolute() {
        let relative = MNISTLocation.resolve(explicit: "../shared/data/mnist", environment: [:])
        XCTAssertTrue(relative.path.hasPrefix("/"))
        XCTAssertTrue(relative.path.hasSuffix("shared/data/mnist"))
        XCTAssertFalse(relative.path.contains(".."))
        let tilde = MNISTLocation.resolve(explicit: "~/mnist", environment: [:])
        XCTAssertFalse(tilde.path.contains("~"))
    }

    // MARK: - Downloader

    /// A downloader over a fake network that records what was asked for.
    final class FakeNetwork: @unchecked Sendable {
        var requests: [URL] = []
        var responses: [String: Result<Data, Error>] = [:]
        var logLines: [String] = []
        var progressReports = 0

        func downloader(mirrors: [String]) -> MNISTDownloader {
            MNISTDownloader(
                mirrors: mirrors.map { URL(string: $0)! },
                fetch: { url, destination, _, progress in
                    self.requests.append(url)
                    guard let response = self.responses[url.absoluteString] else { throw DownloadFailure.noHost }
                    let data = try response.get()
                    try data.write(to: destination)
                    progress(Int64(data.count), Int64(data.count))
                },
                log: { self.logLines.append($0) },
                progress: { _, _, _ in self.progressReports += 1 })
        }
    }

    static let mirrors = [
        "https://first.example/mnist/", "https://second.example/mnist/", "http://third.example/mnist/",
    ]

    func testOfflineFailureNamesTheFileEveryMirrorAndTheWayOut() throws {
        let folder = try TestData.temporaryFolder(self)
        let network = FakeNetwork()
        let file = MNISTFile.trainImages
        XCTAssertThrowsError(try network.downloader(mirrors: Self.mirrors).download(file, into: folder)) { error in
            guard case let .downloadFailed(name, attempts)? = error as? MNISTError else {
                return XCTFail("expected downloadFailed, got \(error)")
            }
            XCTAssertEqual(name, file.fileName)
            XCTAssertEqual(attempts.count, 3)
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("could not download train-images-idx3-ubyte.gz from any mirror: "), message)
            XCTAssertTrue(message.contains("set MNIST_DIR to a folder holding the four files"), message)
            for mirror in Self.mirrors { XCTAssertTrue(message.contains(mirror + file.fileName), message) }
            XCTAssertTrue(message.contains("the host name was not found"), message)
        }
        XCTAssertEqual(network.requests.map(\.absoluteString), Self.mirrors.map { $0 + file.fileName })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "nothing written")
    }

    func testWrongBytesAreRejectedAndTheNextMirrorTried() throws {
        let directory = try TestData.requireMNIST()
        let folder = try TestData.temporaryFolder(self)
        let file = MNISTFile.testLabels
        let original = try Data(contentsOf: file.url(in: directory))
        let network = FakeNetwork()
        // Right size, wrong bytes.
        network.responses[Self.mirrors[0] + file.fileName] = .success(Data(count: file.byteCount))
        network.responses[Self.mirrors[1] + file.fileName] = .success(original.prefix(1000))  // cut short
        network.responses[Self.mirrors[2] + file.fileName] = .success(original)

        try network.downloader(mirrors: Self.mirrors).download(file, into: folder)

        XCTAssertEqual(network.requests.count, 3)
        XCTAssertEqual(try Data(contentsOf: file.url(in: folder)), original)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder.path), [file.fileName], "no temporary file left")
        XCTAssertTrue(network.logLines.contains { $0.contains("SHA-256 mismatch") }, "\(network.logLines)")
        XCTAssertTrue(network.logLines.contains { $0.contains("got 1000 bytes") }, "\(network.logLines)")
        XCTAssertGreaterThan(network.progressReports, 0)
        XCTAssertNoThrow(try file.verify(in: folder))
    }

    func testChecksumFailureEverywhereIsAnError() throws {
        let folder = try TestData.temporaryFolder(self)
        let file = MNISTFile.testLabels
        let network = FakeNetwork()
        for mirror in Self.mirrors { network.responses[mirror + file.fileName] = .success(Data(count: file.byteCount)) }
        XCTAssertThrowsError(try network.downloader(mirrors: Self.mirrors).download(file, into: folder)) { error in
            guard case let .downloadFailed(_, attempts)? = error as? MNISTError else {
                return XCTFail("expected downloadFailed, got \(error)")
            }
            XCTAssertTrue(attempts.allSatisfy { $0.contains("SHA-256") && $0.contains(file.sha256) }, "\(attempts)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.url(in: folder).path))
    }

    func testEnsureFilesFetchesOnlyWhatIsMissingOrDamaged() throws {
        let directory = try TestData.requireMNIST()
        let folder = try TestData.temporaryFolder(self)
        // Link the two image files (large) and damage the train labels; leave the test labels out.
        for file in [MNISTFile.trainImages, .testImages] {
            try FileManager.default.createSymbolicLink(
                at: file.url(in: folder), withDestinationURL: file.url(in: directory))
        }
        try TestData.write([1, 2, 3], to: MNISTFile.trainLabels.url(in: folder))
        let network = FakeNetwork()
        for file in [MNISTFile.trainLabels, .testLabels] {
            network.responses[Self.mirrors[0] + file.fileName] = .success(try Data(contentsOf: file.url(in: directory)))
        }
        let fetched = try network.downloader(mirrors: Self.mirrors).ensureFiles(in: folder)
        XCTAssertEqual(fetched, [.trainLabels, .testLabels])
        XCTAssertEqual(
            network.requests.map(\.lastPathComponent), [MNISTFile.trainLabels.fileName, MNISTFile.testLabels.fileName])
        XCTAssertTrue(
            network.logLines.contains { $0.contains("train-labels-idx1-ubyte.gz") && $0.contains("bytes, expected") },
            "\(network.logLines)")
        // Now complete: a second pass fetches nothing.
        network.requests = []
        XCTAssertEqual(try network.downloader(mirrors: Self.mirrors).ensureFiles(in: folder), [])
        XCTAssertEqual(network.requests, [])
    }

    func testDownloadCreatesTheCacheFolder() throws {
        let folder = try TestData.temporaryFolder(self).appendingPathComponent("a/b/mnist")
        let network = FakeNetwork()
        XCTAssertThrowsError(try network.downloader(mirrors: [Self.mirrors[0]]).download(.testLabels, into: folder))
        var isDirectory: ObjCBool = false
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }
}

/// The real fetcher (libcurl) against a server on the loopback interface that misbehaves as a
/// broken or hostile mirror would: it never stops sending, trickles, says nothing, or announces
/// more than the file holds.
final class MisbehavingMirrorTests: XCTestCase {
    func testAnEndlessResponseIsCutOffAtTheFilesSizeWithMemoryBounded() throws {
        let server = try LoopbackServer { connection in
            connection.send("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
            let piece = [UInt8](repeating: 0, count: 1 << 16)
            while connection.send(piece) {}  // as fast as the socket takes it, until cut off
        }
        let limit = 64 << 20
        // Peak memory is reset, then measured: a buffered download would hold at least the 64 MiB.
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        let before = Self.peakResidentBytes()
        let file = try TestData.temporaryFolder(self).appendingPathComponent("endless")
        XCTAssertThrowsError(try CurlFetcher.fetch(server.url, into: file, byteLimit: limit) { _, _ in }) { error in
            XCTAssertEqual(error as? DownloadFailure, .tooLarge(limit: limit), "\(error)")
        }
        let written = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        XCTAssertLessThanOrEqual(written, limit)
        XCTAssertGreaterThan(written, limit / 2, "the data streamed into the file")
        XCTAssertLessThan(Self.peakResidentBytes() - before, 16 << 20, "memory stays near libcurl's buffer")
        // The measurement itself can fail: holding the 64 MiB the server sent shows in the peak.
        let held = [UInt8](repeating: 1, count: limit)
        XCTAssertGreaterThan(Self.peakResidentBytes() - before, limit / 2, "peak \(held.count) bytes held")
    }

    func testAnAnnouncedSizeAboveTheFilesIsRefusedBeforeTheBody() throws {
        let server = try LoopbackServer { connection in
            connection.send("HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\n")
            _ = connection.send([UInt8](repeating: 0, count: 1000))
        }
        let file = try TestData.temporaryFolder(self).appendingPathComponent("huge")
        XCTAssertThrowsError(try CurlFetcher.fetch(server.url, into: file, byteLimit: 10_000) { _, _ in }) { error in
            XCTAssertEqual(error as? DownloadFailure, .tooLarge(limit: 10_000), "\(error)")
        }
    }

    func testATricklingMirrorIsGivenUp() throws {
        let server = try LoopbackServer { connection in
            connection.send("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n")
            while connection.send([0]) { usleep(200_000) }  // 5 bytes a second
        }
        try expectGivenUp(server)
    }

    func testASilentMirrorIsGivenUp() throws {
        let server = try LoopbackServer { _ in sleep(30) }  // accepts, then never answers
        try expectGivenUp(server)
    }

    func testAnHTTPErrorIsNamed() throws {
        let server = try LoopbackServer { connection in
            connection.send("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        }
        let file = try TestData.temporaryFolder(self).appendingPathComponent("missing")
        XCTAssertThrowsError(try CurlFetcher.fetch(server.url, into: file, byteLimit: 10_000) { _, _ in }) { error in
            XCTAssertEqual("\(error)", "HTTP status 404")
        }
    }

    /// With a patience of 2 s instead of 30, so that the test is quick.
    private func expectGivenUp(_ server: LoopbackServer) throws {
        var limits = CurlFetcher.Limits()
        limits.patience = 2
        let file = try TestData.temporaryFolder(self).appendingPathComponent("slow")
        let start = Date()
        XCTAssertThrowsError(
            try CurlFetcher.fetch(server.url, into: file, byteLimit: 100_000, limits: limits) { _, _ in }
        ) { error in
            XCTAssertEqual(error as? DownloadFailure, .tooSlow(rate: 1000, seconds: 2), "\(error)")
            XCTAssertEqual("\(error)", "under 1000 bytes a second (or no answer) for 2 s: given up")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }

    private static func peakResidentBytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }
}

/// A one-connection HTTP server on 127.0.0.1 whose behaviour is a closure over the connection.
final class LoopbackServer: @unchecked Sendable {
    let url: URL
    private let listener: Int32

    struct Connection {
        let socket: Int32
        /// Sends all of `bytes`; false once the client has gone.
        @discardableResult
        func send(_ bytes: [UInt8]) -> Bool {
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes {
                    Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                if n <= 0 { return false }
                sent += n
            }
            return true
        }
        @discardableResult
        func send(_ text: String) -> Bool { send(Array(text.utf8)) }
    }

    init(behaviour: @escaping @Sendable (Connection) -> Void) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 1) == 0
                    && getsockname(listener, $0, &length) == 0
            }
        }
        guard listener >= 0, bound else { throw POSIXError(.EADDRNOTAVAIL) }
        url = URL(string: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/file.gz")!
        Thread.detachNewThread {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            var request = [UInt8](repeating: 0, count: 4096)
            _ = recv(client, &request, request.count, 0)  // the GET; its details do not matter
            behaviour(Connection(socket: client))
            close(client)
        }
    }

    deinit { close(listener) }
}
