import CInterrupts
import Foundation

/// Files that exist only while a figure or a download is being made: removed on every way out of
/// `removingOnExit`, a thrown error and SIGINT, SIGTERM, SIGHUP or SIGQUIT included, so that an
/// interrupted run leaves nothing half-written behind.
public enum TemporaryFiles {
    public static func removingOnExit<Result>(_ files: [URL], _ body: () throws -> Result) rethrows -> Result {
        for file in files { interrupts_track_temporary(file.path) }
        defer {
            for file in files {
                try? FileManager.default.removeItem(at: file)
                interrupts_untrack_temporary(file.path)
            }
        }
        return try body()
    }

    /// The process's signal handling: SIGINT, SIGTERM, SIGHUP and SIGQUIT remove the temporary
    /// files and stop child processes (gnuplot) before ending it; a file-size limit is a write
    /// error instead of a kill.
    public static func installSignalHandlers() { interrupts_install_handlers() }
}
