import Foundation

/// The programs the site is made with (cmark-gfm, gnuplot, tools/vector-figures), run one way:
/// found on PATH before they are started, fed their input from another thread, their output and
/// their complaints both read to the end, and a failure reported with what they wrote.
enum Program {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The full path of `name` on PATH. Looked up here: through /usr/bin/env a missing program
    /// would only be env's status 127.
    static func find(_ name: String, installedBy package: String) throws -> URL {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        guard let path = paths.map({ "\($0)/\(name)" }).first(where: FileManager.default.isExecutableFile) else {
            throw Failure(description: "\(name) is not installed (Debian's \(package); make deps installs it)")
        }
        return URL(fileURLWithPath: path)
    }

    /// Runs `program` with `arguments` in `folder`, feeding it `input`; returns its standard output.
    @discardableResult
    static func run(_ program: URL, _ arguments: [String], input: Data? = nil, in folder: URL? = nil) throws -> Data {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        (process.standardInput, process.standardOutput, process.standardError) = (stdin, stdout, stderr)
        let name = program.lastPathComponent
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run \(program.path): \(error)")
        }
        // Fed and drained on other threads, so that a long page cannot fill a pipe and stall.
        let complaints = Collected()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            // If the program dies, its status below says so; a broken pipe here must not crash us.
            if let input { try? stdin.fileHandleForWriting.write(contentsOf: input) }
            try? stdin.fileHandleForWriting.close()
        }
        DispatchQueue.global().async(group: group) {
            complaints.data = stderr.fileHandleForReading.readDataToEndOfFile()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: complaints.data, as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            throw Failure(
                description: "\(name) \(arguments.first ?? "") failed (status \(process.terminationStatus))"
                    + (message.isEmpty ? "" : ": \(message)"))
        }
        return output
    }

    /// What a reading thread hands back; read only after the group has finished.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }
}
