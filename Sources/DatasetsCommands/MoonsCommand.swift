import ArgumentParser
import BookChecks
import ChapterCommandLine
import Datasets
import Figures
import FromScratch

/// `datasets moons`: the two moons as CSV, the same numbers as
/// `numpy.random.seed(seed); sklearn.datasets.make_moons(samples, noise=noise)`.
public struct MoonsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "moons",
        abstract: "Print make_moons as CSV (x0,x1,label), drawn as scikit-learn draws it after numpy.random.seed.",
        discussion: "Example: datasets moons --samples 200 --noise 0.2 --seed 0")

    @Option(parsing: .unconditional, help: "Number of points (the outer moon gets half, rounded down).")
    public var samples = 100

    @Option(
        parsing: .unconditional,
        help: "Standard deviation of the Gaussian noise added to each coordinate (omit for none).")
    public var noise: Double?

    @Option(parsing: .unconditional, help: "The seed given to numpy.random.seed, 0 to 4294967295.")
    public var seed = 0

    @Flag(name: .customLong("no-shuffle"), help: "Keep the outer moon first, as make_moons(shuffle=False).")
    public var noShuffle = false

    @OptionGroup public var figure: ExampleFigureOptions

    public init() {}

    public func validate() throws {
        try FlagCheck.nonNegative(samples, "--samples", max: 1_000_000)
        if let noise {
            // The moons have radius 1: noise beyond 10 hides them completely, and near 1e308 the
            // coordinates overflow to infinity.
            try FlagCheck.between(noise, 0...10, "--noise", why: "the moons' radius is 1")
        }
        guard (0...Int(UInt32.max)).contains(seed) else {
            throw ValidationError("--seed must be between 0 and 4294967295 (numpy.random.seed's range), got \(seed)")
        }
    }

    public func run() throws {
        let moons = draw()
        print(Self.csv(x: moons.x, y: moons.y), terminator: "")
        guard samples > 0 else { return }
        try figure.show(
            Self.figure(
                x: moons.x, y: moons.y,
                title: "make_moons(\(samples), noise=\(noise.map { "\($0)" } ?? "None")), seed \(seed)"))
    }

    func draw() -> (x: Matrix, y: [Int]) {
        var random = RandomState(seed: UInt32(seed))
        return makeMoons(samples: samples, noise: noise, shuffle: !noShuffle, random: &random)
    }

    /// One line per point; doubles in Swift's shortest form that reads back to the same value.
    public static func csv(x: Matrix, y: [Int]) -> String {
        var text = "x0,x1,label\n"
        for row in 0..<x.rows {
            text += "\(x[row, 0]),\(x[row, 1]),\(y[row])\n"
        }
        return text
    }

    /// A scatter plot of the two classes (classes without points are left out of the plot).
    public static func figure(x: Matrix, y: [Int], title: String) -> Figure {
        var figure = Figure(
            name: "moons", caption: "Two moons (make_moons), one color per class", width: 760, height: 560)
        let colors = ["#1f77b4", "#d62728"]
        var plots: [String] = []
        for label in 0...1 {
            let rows = (0..<x.rows).filter { y[$0] == label }.map { [x[$0, 0], x[$0, 1]] }
            guard !rows.isEmpty else { continue }
            let block = figure.data("moon\(label)", rows: rows)
            plots.append(
                "\(block) using 1:2 with points pointtype 7 pointsize 0.8 linecolor rgb \"\(colors[label])\" title \"label \(label)\""
            )
        }
        figure.gnuplot(
            "set title \"\(title)\" noenhanced",
            "set xlabel \"x_0\"",
            "set ylabel \"x_1\"",
            "set size ratio -1",
            "set key top right",
            "plot " + plots.joined(separator: ", \\\n     "))
        return figure
    }
}
