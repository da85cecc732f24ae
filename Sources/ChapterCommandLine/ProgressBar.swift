import BookChecks
import Foundation

/// A one-line progress bar on standard error for long runs: drawn in place on a terminal,
/// and as a line every tenth of the way when stderr is a file (CI logs stay short).
public struct ProgressBar {
    public let label: String
    public let total: Int
    private let start = Date()
    private var lastTenth = -1
    private let interactive = isatty(STDERR_FILENO) != 0

    public init(_ label: String, total: Int) {
        self.label = label
        self.total = max(total, 1)
    }

    /// Reports that `done` of `total` steps are finished, with an optional note (a loss, say).
    public mutating func update(_ done: Int, note: String = "") {
        let fraction = Double(done) / Double(total)
        let elapsed = Date().timeIntervalSince(start)
        let eta = done > 0 ? elapsed / fraction - elapsed : 0
        let timing = String(format: "%.0fs elapsed, %.0fs left", elapsed, eta)
        if interactive {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            // Cut to the terminal, so that a long note never wraps the line the next update overwrites.
            let columns = Terminal.writing(to: STDERR_FILENO).width ?? Terminal.narrowest
            let line = "\r" + Terminal.cut("\(label) [\(bar)] \(done)/\(total) \(note) \(timing)", to: columns - 1)
            FileHandle.standardError.write(Data((line + "\u{1B}[K" + (done >= total ? "\n" : "")).utf8))
        } else {
            let tenth = Int(fraction * 10)
            guard tenth != lastTenth else { return }
            lastTenth = tenth
            FileHandle.standardError.write(Data("\(label): \(done)/\(total) \(note) \(timing)\n".utf8))
        }
    }
}

/// A progress bar that several threads advance together (parallel runs of one experiment).
public final class SharedProgressBar: @unchecked Sendable {
    private var bar: ProgressBar
    private var done = 0
    private let lock = NSLock()
    private let every: Int

    /// `every`: redraw after this many steps (drawing is the slow part).
    public init(_ label: String, total: Int, every: Int = 1) {
        bar = ProgressBar(label, total: total)
        self.every = max(every, 1)
    }

    /// Counts `steps` more steps as finished.
    public func advance(by steps: Int = 1, note: String = "") {
        lock.withLock {
            let before = done
            done += steps
            if done / every != before / every || done >= bar.total { bar.update(min(done, bar.total), note: note) }
        }
    }
}
