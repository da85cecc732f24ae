import ArgumentParser
import BookChecks
import ChapterCommandLine
import Datasets
import Foundation

/// `datasets mnist`: where MNIST is, whether its files are the originals, what they hold;
/// optionally downloads it and draws digits.
public struct MNISTCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mnist",
        abstract: "Check (or download) MNIST, print its class counts, and optionally draw test digits.",
        discussion: """
            The folder is --dir if given, else $MNIST_DIR, else the user cache \
            (~/.cache/deep-learning-from-scratch/mnist, or under $XDG_CACHE_HOME). \
            --download fills that folder from the public mirrors, verifying every file's SHA-256.
            Examples: datasets mnist --download; datasets mnist --show 20 --figure digits.png
            """)

    @Option(help: ArgumentHelp("The folder holding the four MNIST .gz files.", valueName: "folder"))
    public var dir: String?

    @Flag(
        help:
            "Download missing or damaged files into the folder (the user cache unless --dir or MNIST_DIR says otherwise)."
    )
    public var download = false

    @Option(
        name: .customLong("mirror"),
        help: ArgumentHelp(
            "With --download: fetch from this base URL instead of the standard mirrors (repeatable).", valueName: "url")
    )
    public var mirrors: [String] = []

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Draw the first N test digits (1 to \(MNISTCommand.maximumShown)): as text, and/or as a PNG with --figure.",
            valueName: "N"))
    public var show: Int?

    @Flag(help: "Print only the folder's path, after checking its four files (for scripts such as make bench).")
    public var printFolder = false

    @OptionGroup public var figure: ExampleFigureOptions

    public static let maximumShown = 100

    public init() {}

    public func validate() throws {
        if let show { try FlagCheck.within(show, 1...Self.maximumShown, "--show") }
        if show == nil && (figure.figurePath != nil || figure.preview) {
            throw ValidationError("--figure and --preview draw digits: add --show N (for example --show 10)")
        }
        if printFolder && (show != nil || download) {
            throw ValidationError("--print-folder prints the folder only: drop --show and --download")
        }
        if !mirrors.isEmpty && !download {
            throw ValidationError("--mirror only applies to --download")
        }
        for mirror in mirrors {
            // The downloader speaks HTTP only; a local copy is used with --dir or MNIST_DIR instead.
            guard let url = URL(string: mirror), let scheme = url.scheme, ["http", "https"].contains(scheme),
                url.host != nil
            else {
                throw ValidationError(
                    "--mirror must be an http:// or https:// URL, got '\(mirror)' "
                        + "(for files already on disk use --dir or MNIST_DIR)")
            }
        }
        if let dir, dir.isEmpty { throw ValidationError("--dir must name a folder") }
    }

    public func run() throws {
        let location = MNISTLocation.locate(explicit: dir)
        if download {
            var downloader = MNISTDownloader()
            if !mirrors.isEmpty {
                downloader.mirrors = mirrors.compactMap { URL(string: $0.hasSuffix("/") ? $0 : $0 + "/") }
            }
            let fetched = try downloader.ensureFiles(in: location.directory)
            print(
                fetched.isEmpty
                    ? "MNIST was already complete in \(location.directory.path)"
                    : "downloaded \(fetched.map(\.fileName).joined(separator: ", "))")
        } else if show != nil && location.source == .userCache {
            // Drawing needs the data: the user cache is filled on first use, as for the chapters.
            try MNISTLocation.ensureFiles(explicit: nil)
        }
        let report = MNISTReport.make(directory: location.directory, source: location.source)
        if printFolder {
            guard report.filesAreGood else {
                FileHandle.standardError.write(Data(report.text.utf8))
                throw ExitCode(1)
            }
            print(location.directory.path)
            return
        }
        print(report.text, terminator: "")
        guard report.filesAreGood else { throw ExitCode(1) }
        if let show {
            // The files were verified just above.
            let test = try MNIST.loadSplit(.test, from: location.directory, verify: false)
            if figure.figurePath != nil {
                var pngOnly = figure
                pngOnly.preview = false
                try pngOnly.show(
                    DigitFigure.figure(images: test.images, labels: test.labels, count: show, setName: "test"))
            }
            // gnuplot's text terminal cannot draw images, so the preview is drawn here; it is
            // also what --show alone prints.
            if figure.preview || figure.figurePath == nil {
                print(DigitFigure.textPreview(images: test.images, labels: test.labels, count: show))
            }
        }
    }
}

/// The text `datasets mnist` prints: the folder, each file's checks, and the class counts.
public enum MNISTReport {
    public static func make(directory: URL, source: MNISTLocation.Source) -> (text: String, filesAreGood: Bool) {
        var text = "MNIST folder: \(directory.path) (chosen by \(source.rawValue))\n"
        var allGood = true
        var anyMissing = false
        do {
            try MNISTFile.requireSearchable(directory)
        } catch {
            text +=
                "  \(error)\nAllow yourself to read the folder (chmod u+rx \(directory.path)), or name another with --dir.\n"
            return (text, false)
        }
        let nameWidth = MNISTFile.allCases.map(\.fileName.count).max() ?? 0
        for file in MNISTFile.allCases {
            let name = file.fileName.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            do {
                try file.verify(in: directory)
                text += "  \(name)  \(file.byteCount) bytes: size ok, sha256 ok\n"
            } catch let error as MNISTError {
                allGood = false
                switch error {
                case .missingFile:
                    anyMissing = true
                    text += "  \(name)  missing\n"
                case let .wrongSize(_, expected, found):
                    text += "  \(name)  \(found) bytes: size WRONG (expected \(expected)), sha256 not checked\n"
                case let .checksumMismatch(_, _, found):
                    text += "  \(name)  \(file.byteCount) bytes: size ok, sha256 WRONG (\(found))\n"
                default:
                    text += "  \(name)  \(error)\n"
                }
            } catch {
                allGood = false
                text += "  \(name)  \(error)\n"
            }
        }
        guard allGood else {
            if anyMissing && source == .userCache {
                text +=
                    "MNIST is not complete here: run `datasets mnist --download`, "
                    + "or set \(MNISTLocation.environmentVariable) to a folder holding the four files.\n"
            } else {
                text +=
                    "Some files are missing or damaged: replace them (`datasets mnist --download --dir \(directory.path)` "
                    + "fetches and verifies them).\n"
            }
            return (text, false)
        }
        do {
            let counts = try MNISTSplit.allCases.map { split in
                (split, MNIST.classCounts(try MNIST.loadLabels(split, from: directory, verify: false)))
            }
            text += "class counts   " + (0..<MNIST.classCount).map { pad("\($0)") }.joined() + "\n"
            for (split, perClass) in counts {
                let title = "\(split.rawValue) (\(split.count))".padding(toLength: 14, withPad: " ", startingAt: 0)
                text += title + " " + perClass.map { pad("\($0)") }.joined() + "\n"
            }
        } catch {
            text += "cannot read the labels: \(error)\n"
            return (text, false)
        }
        return (text, true)
    }

    private static func pad(_ value: String) -> String {
        String(repeating: " ", count: max(0, 6 - value.count)) + value
    }
}
