import BookChecks
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Peak memory of whole MNIST runs: each of ours beside a NumPy program that holds and reads the
/// data as the book's script does (`numpy_reference.py --peak-memory`), each run as a child
/// process whose own peak resident set the kernel reports when it ends (`wait4`).
///
/// The runs are shortened (fewer iterations, epochs or trials): the peak comes from the data a
/// run holds and the largest products it makes, which the first evaluation already reaches.
enum PeakMemory {
    /// A workload: our tool's command line and the reference's workload name.
    struct Run {
        let name: String
        let ours: [String]
    }

    static let runs = [
        Run(name: "chapter 4 run", ours: ["gradient-descent", "train-mnist", "--iterations", "1200"]),
        Run(name: "chapter 5 run", ours: ["backprop", "train-mnist", "--iterations", "1200"]),
        Run(name: "optimizer comparison", ours: ["optimizers", "mnist", "--iterations", "100"]),
        Run(name: "weight-init comparison", ours: ["regularization", "init-mnist", "--iterations", "100"]),
        Run(name: "batch-norm comparison", ours: ["regularization", "batchnorm-mnist", "--epochs", "2"]),
        Run(name: "overfitting", ours: ["regularization", "overfit", "--epochs", "3"]),
        Run(name: "random search", ours: ["regularization", "search", "--trials", "2", "--epochs", "2"]),
    ]

    /// Measures every run, ours then the reference's, and returns name -> [ours, reference] in
    /// KiB (the reference's is absent without NumPy).
    static func measureAll(toolFolder: String, mnist: String, withNumPy: Bool) throws -> [String: [Double]] {
        // The reference by its place in the project, so that bench runs from any folder in it.
        let reference = try Repository.root().appendingPathComponent("bench/numpy_reference.py").path
        var result: [String: [Double]] = [:]
        for run in runs {
            FileHandle.standardError.write(Data("peak memory: \(run.name)...\n".utf8))
            let ours = try peakKiB([toolFolder + "/" + run.ours[0]] + run.ours.dropFirst())
            let theirs =
                withNumPy ? try peakKiB(["python3", reference, mnist, "--peak-memory", run.name]) : nil
            result[run.name] = [ours] + (theirs.map { [$0] } ?? [])
        }
        return result
    }

    /// The table of `measureAll`'s JSON: ours, the book's way, and their ratio, in MiB.
    static func printTable(file: String) {
        guard let data = FileManager.default.contents(atPath: file),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: [Double]]
        else {
            print("bench: cannot read \(file)")
            exit(1)
        }
        print("| peak memory (whole run, shortened) | Swift | NumPy, the book's way | ratio |")
        print("|---|---|---|---|")
        for run in runs {
            guard let peaks = object[run.name], let ours = peaks.first else { continue }
            let mib = { (kib: Double) in String(format: "%.0f MiB", kib / 1024) }
            let theirs = peaks.count > 1 ? "\(mib(peaks[1])) | " + String(format: "%.2fx", peaks[1] / ours) : "— | —"
            print("| \(run.name): `\(run.ours.joined(separator: " "))` | \(mib(ours)) | \(theirs) |")
        }
        print(
            "\nratio: the book's way over ours. The book's way: its `load_mnist` (float32 images, the "
                + "training and test sets), and each evaluation in one call over a whole set, as its scripts do.")
    }

    /// Runs `command` (its output discarded, its complaints kept for the error; `MNIST_DIR` as the
    /// caller has it) and returns its peak resident set in KiB, or throws if it cannot start or fails.
    static func peakKiB(_ command: [String]) throws -> Double {
        let complaints = FileManager.default.temporaryDirectory
            .appendingPathComponent("bench-stderr-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: complaints) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, complaints, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, nil, &arguments, environ)
        guard spawned == 0 else {
            throw BenchError("cannot start \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else {
                throw BenchError("waiting for \(command[0]): \(String(cString: strerror(errno)))")
            }
        }
        // Exited normally with status 0: the low 7 bits (signal) and the exit code both zero.
        guard status == 0 else {
            let said = (try? String(contentsOfFile: complaints, encoding: .utf8)) ?? ""
            let last = said.split(separator: "\n").suffix(10).joined(separator: "\n")
            throw BenchError(
                "\(command.joined(separator: " ")) failed (wait status \(status))" + (last.isEmpty ? "" : ":\n\(last)"))
        }
        return Double(usage.ru_maxrss)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
