import Foundation
import XCTest

@testable import Datasets

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
                fetch: { url, _, progress in
                    self.requests.append(url)
                    guard let response = self.responses[url.absoluteString] else {
                        throw URLError(.notConnectedToInternet)
                    }
                    let data = try response.get()
                    progress(Int64(data.count), Int64(data.count))
                    return data
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
            XCTAssertTrue(message.contains("there is no network connection (URL error -1009)"), message)
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

/// The real fetcher against a local server (loopback only) that never stops sending: the
/// download stops once it holds more than the file's size, instead of growing without bound.
final class EndlessMirrorTests: XCTestCase {
    func testAnEndlessResponseIsCutOffAtTheFilesSize() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            throw XCTSkip("no python3 for the server")
        }
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        // Listens on a free loopback port, prints it, answers each GET with an endless body.
        server.arguments = [
            "-c",
            """
            import http.server, socketserver, sys
            class Endless(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200); self.end_headers()
                    try:
                        for _ in range(100000): self.wfile.write(b"x" * 65536)
                    except Exception: pass
                def log_message(self, *a): pass
            s = socketserver.TCPServer(("127.0.0.1", 0), Endless)
            print(s.server_address[1], flush=True)
            s.handle_request()
            """,
        ]
        let out = Pipe()
        server.standardOutput = out
        try server.run()
        defer { server.terminate() }
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        let port = try XCTUnwrap(Int(line.trimmingCharacters(in: .whitespacesAndNewlines)))
        let url = try XCTUnwrap(URL(string: "http://127.0.0.1:\(port)/train-images-idx3-ubyte.gz"))
        XCTAssertThrowsError(try URLSessionFetcher.fetch(url, byteLimit: 1_000_000) { _, _ in }) { error in
            XCTAssertEqual(error as? DownloadFailure, .tooLarge(limit: 1_000_000), "\(error)")
        }
    }
}
