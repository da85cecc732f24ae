import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// A run of an optimizer on a function of two variables: the points it visits.
public struct OptimizerPath: Sendable {
    /// The start, then the point after each update.
    public var points: [(x: Double, y: Double)]
    public var end: (x: Double, y: Double) { points[points.count - 1] }
    public var steps: Int { points.count - 1 }
}

/// The core's `descend` for a function of two numbers, x and y (one 1×2 parameter inside).
public func descend<O: Optimizer>(
    _ optimizer: inout O, from start: (x: Double, y: Double), steps: Int,
    gradient: (Double, Double) -> (Double, Double)
) -> OptimizerPath {
    let path = descend(&optimizer, from: Matrix(row: [start.x, start.y]), steps: steps) { point in
        let (gx, gy) = gradient(point[flat: 0], point[flat: 1])
        return Matrix(row: [gx, gy])
    }
    return OptimizerPath(points: path.points.map { ($0[flat: 0], $0[flat: 1]) })
}

/// DLfS 6.1.2-6.1.7 (figs 6-3 to 6-8): every optimizer on f(x, y) = x²/20 + y² from (−7, 2),
/// 30 updates, the book's `optimizer_compare_naive.py`.
///
/// The function is 20 times flatter along x than along y (an anisotropic valley, 非均向), so a
/// gradient points mostly across the valley rather than towards the minimum at (0, 0): the
/// case where plain SGD is inefficient.
public enum OptimizerPaths: RunnableExample {
    public static let commands: [any ParsableCommand.Type] = [Compare.self]
    public static func figures() -> [Figure] {
        [bowlSurface(), bowlFigure(), figure(paths: entries.map { ($0, path($0.kind)) })]
    }

    /// DLfS fig 6-1, left: f(x, y) = x²/20 + y² over [−10, 10]², a trough rather than a bowl.
    /// Along y it climbs to 100, along x only to 5.
    public static func bowlSurface() -> Figure {
        var figure = Figure(
            name: "bowl-surface", caption: "f(x, y) = x²/20 + y² as a surface (DLfS fig 6-1, left)",
            width: 900, height: 680)
        let axis = arange(-10, 10.25, 0.5)
        figure.surface("f", xs: axis, ys: axis, f)
        figure.gnuplot(
            "set title \"f(x, y) = x²/20 + y²: along x it rises to 5, along y to 100\"",
            "set xlabel \"x\" offset 0,-1", "set ylabel \"y\" offset 0,-1", "set zlabel \"f\" rotate by 0",
            "set xrange [-10:10]", "set yrange [-10:10]", "set zrange [0:105]",
            "set xtics 5", "set ytics 5", "set ztics 25,25,100",
            "set view 55, 30",
            Figure.surfacePlot("f"))
        return figure
    }

    /// DLfS figs 6-1 and 6-2 in one: the contours of x²/20 + y², stretched 4.5 : 1 along x, and
    /// the field of −∇f over them. Away from the x axis the arrows point mostly along y, not at
    /// the minimum: the direction SGD follows is not the way to the minimum.
    public static func bowlFigure() -> Figure {
        var figure = Figure(
            name: "bowl-gradient", caption: "Contours and −∇f of f(x, y) = x²/20 + y² (DLfS figs 6-1 and 6-2)",
            width: 1000, height: 500)
        figure.contours("contours", levels: comparisonLevels, a: 1.0 / 20, b: 1)
        // Arrows scaled so that the longest (|∇f| ≈ 6 at y = ±3) stays shorter than the spacing, 1.
        let scale = 0.14
        let field = stride(from: -10.0, through: 10.0, by: 2).flatMap { x in
            stride(from: -3.0, through: 3.0, by: 1).map { y -> [Double] in
                let (gx, gy) = gradient(x, y)
                return [x, y, -scale * gx, -scale * gy]
            }
        }
        figure.data("field", rows: field)
        figure.gnuplot(
            "set title \"f(x, y) = x²/20 + y²: contours f = 0.5, 1, 2, …, 7 and −∇f (arrows × \(general(scale)))\"",
            "set size ratio -1",
            "set xrange [-10.5:10.5]", "set yrange [-3.6:3.6]",
            "set xlabel \"x\"", "set ylabel \"y\"",
            "set xtics 2", "set ytics 1",
            "set style arrow 1 head filled size screen 0.01,20 linecolor rgb \"#333333\" linewidth 1.5",
            "set key below",
            "plot $contours using 1:2 with lines linestyle 9 title \"contours of f\", \\",
            "     $field using 1:2:3:4 with vectors arrowstyle 1 title \"−∇f\"")
        return figure
    }

    public static let start = (x: -7.0, y: 2.0)
    public static let steps = 30

    /// `x**2 / 20.0 + y**2`.
    public static func f(_ x: Double, _ y: Double) -> Double { x * x / 20.0 + y * y }

    /// The book's `df`: (x / 10.0, 2.0*y).
    public static func gradient(_ x: Double, _ y: Double) -> (Double, Double) { (x / 10.0, 2.0 * y) }

    /// One optimizer of the comparison and its learning rate.
    public struct Entry: Sendable {
        public let kind: OptimizerKind
        public let learningRate: Double
        /// Whose rate it is ("the book's", or why we chose it).
        public let origin: String
    }

    /// The book's four rates (SGD 0.95, Momentum 0.1, AdaGrad 1.5, Adam 0.3), and two of ours:
    /// Nesterov at Momentum's 0.1, so the two momentum methods compare directly, and RMSprop at
    /// Adam's 0.3, so that the effect of Adam's momentum and bias correction shows.
    /// A switch, so that an optimizer added to `OptimizerKind` does not compile until it has a rate here.
    public static func entry(_ kind: OptimizerKind) -> Entry {
        switch kind {
        case .sgd: return Entry(kind: .sgd, learningRate: 0.95, origin: "the book's")
        case .momentum: return Entry(kind: .momentum, learningRate: 0.1, origin: "the book's")
        case .nesterov: return Entry(kind: .nesterov, learningRate: 0.1, origin: "ours: Momentum's")
        case .adagrad: return Entry(kind: .adagrad, learningRate: 1.5, origin: "the book's")
        case .rmsprop: return Entry(kind: .rmsprop, learningRate: 0.3, origin: "ours: Adam's")
        case .adam: return Entry(kind: .adam, learningRate: 0.3, origin: "the book's")
        }
    }

    /// The optimizers of the committed figure: the book's six. Any other is drawn on request
    /// (`optimizers paths --optimizer NAME`).
    public static let entries = OptimizerKind.fromTheBook.map(entry)

    public static func path(
        _ kind: OptimizerKind, learningRate: Double? = nil, from start: (x: Double, y: Double) = start,
        steps: Int = steps
    ) -> OptimizerPath {
        var optimizer = kind.make(learningRate: learningRate ?? entry(kind).learningRate)
        return descend(&optimizer, from: start, steps: steps, gradient: gradient)
    }

    // MARK: - The book's descriptions, checked

    /// Times y changes sign along the path: each is one crossing of the valley floor.
    static func crossings(_ path: OptimizerPath) -> Int {
        zip(path.points, path.points.dropFirst()).filter { $0.0.y * $0.1.y < 0 }.count
    }

    /// The largest |y| after the path first crosses y = 0: how far it swings up the far wall.
    static func overshoot(_ path: OptimizerPath) -> Double {
        guard
            let first = path.points.indices.dropLast().first(where: { path.points[$0].y * path.points[$0 + 1].y <= 0 })
        else { return 0 }
        return path.points[(first + 1)...].map { abs($0.y) }.max() ?? 0
    }

    static func describe(_ p: (x: Double, y: Double)) -> String {
        "(" + String(format: "%.4g", p.x) + ", " + String(format: "%.4g", p.y) + ")"
    }

    /// SGD with lr 0.95: x ← 0.905·x and y ← −0.9·y, so the end point has a closed form.
    static func sgdEndPoint() -> Finding {
        let end = path(.sgd).end
        return .values([end.x, end.y])
    }

    /// SGD moves in a zigzag (之字形): y changes sign at every update.
    static func sgdZigzag() -> Finding {
        let p = path(.sgd)
        let n = crossings(p)
        return Finding(
            .claim(
                holds: n == p.steps,
                detail:
                    "y changes sign at \(n) of \(p.steps) updates (y <- -0.9y); x creeps from -7 to \(String(format: "%.3f", p.end.x))"
            ))
    }

    /// Momentum: the zigzag is milder, and x keeps speeding up in one direction.
    static func momentumMilderZigzag() -> Finding {
        let sgd = path(.sgd), momentum = path(.momentum)
        let xs = momentum.points.map(\.x)
        let steps = zip(xs, xs.dropFirst()).map { $1 - $0 }
        // How many of the first updates each move x further than the one before.
        let accelerating = zip(steps, steps.dropFirst()).prefix { $1 > $0 }.count + 1
        let monotone = steps.allSatisfy { $0 > 0 }
        let holds = crossings(momentum) < crossings(sgd) / 2 && monotone && accelerating >= 5
        return Finding(
            .claim(
                holds: holds,
                detail: "y changes sign \(crossings(momentum)) times (SGD: \(crossings(sgd))); "
                    + "x moves right at every update, faster and faster for the first \(accelerating)"))
    }

    /// AdaGrad: big early moves in y, then ever smaller ones, so the zigzag dies out.
    static func adagradShrinkingSteps() -> Finding {
        let p = path(.adagrad)
        let dy = zip(p.points, p.points.dropFirst()).map { abs($1.y - $0.y) }
        let shrinking = zip(dy, dy.dropFirst()).allSatisfy { $1 < $0 || $1 == 0 }
        return Finding(
            .claim(
                holds: shrinking && crossings(p) == 0,
                detail: String(
                    format: "|dy| = %.3g, %.3g, %.3g, ... shrinks at every update; y never crosses 0", dy[0], dy[1],
                    dy[2])))
    }

    /// Adam: a ball in a bowl like Momentum, but it swings less from side to side.
    static func adamSwingsLess() -> Finding {
        let adam = overshoot(path(.adam)), momentum = overshoot(path(.momentum))
        return Finding(
            .claim(
                holds: adam < momentum / 2,
                detail: String(
                    format: "largest |y| after first crossing y = 0: Adam %.3f, Momentum %.3f", adam, momentum)))
    }

    /// "Judged by this figure alone, AdaGrad looks best": of the book's four, AdaGrad ends lowest.
    static func adagradEndsLowest() -> Finding {
        let book: [OptimizerKind] = [.sgd, .momentum, .adagrad, .adam]
        let values = book.map { kind -> (OptimizerKind, Double) in
            let end = path(kind).end
            return (kind, f(end.x, end.y))
        }
        let best = values.min { $0.1 < $1.1 }!.0
        return Finding(
            .claim(
                holds: best == .adagrad,
                detail: "f after 30 updates: "
                    + values.map { "\($0.0.bookName) \(String(format: "%.2g", $0.1))" }.joined(separator: ", ")))
    }

    public static let rows: [String: () -> Finding] = [
        "compare-sgd-end": sgdEndPoint,
        "compare-sgd-zigzag": sgdZigzag,
        "compare-momentum": momentumMilderZigzag,
        "compare-adagrad": adagradShrinkingSteps,
        "compare-adam": adamSwingsLess,
        "compare-adagrad-best": adagradEndsLowest,
    ]
}

extension OptimizerPaths {
    /// Contour levels of x²/20 + y² drawn behind the paths (the start lies at f = 6.45).
    public static let comparisonLevels = [0.5, 1, 2, 3, 4, 5, 6, 7.0]

    /// Every optimizer's 30 updates on x²/20 + y² from (−7, 2), one panel each (DLfS fig 6-8).
    ///
    /// The book draws the point before each of its 30 updates (its loop records, then updates),
    /// so its panels stop one update short; these show all 30 updates, at one scale on both axes,
    /// in the window [−8, 2] × [−2.5, 2.5] that the paths fill (the book's [−10, 10]² leaves them a
    /// thin band in the middle of a square, and the zigzags too small to see).
    public static func figure(paths: [(entry: OptimizerPaths.Entry, path: OptimizerPath)]) -> Figure {
        let radii = Figure.contourRadii(levels: comparisonLevels, a: 1.0 / 20, b: 1)
        let panels = paths.map { entry, path in
            PathPanels.Panel(
                title: "\(entry.kind.bookName), lr \(shortest(entry.learningRate)): "
                    + "f = \(figureValue(OptimizerPaths.f(path.end.x, path.end.y)))",
                points: path.points, color: Palette.color(entry.kind), contours: radii,
                xRange: -8...2, yRange: -2.5...2.5)
        }
        // Three panels a row: the wide, flat window suits a short row better than the book's 2 x 2.
        var grid = PathPanels(panels: panels, columns: 3)
        grid.mark = (0, 0)
        grid.ticStep = 2
        (grid.panelWidth, grid.panelHeight) = paths.count == 1 ? (600, 400) : (400, 320)
        let start = paths.first.map { $0.path.points[0] } ?? OptimizerPaths.start
        let steps = paths.first?.path.steps ?? OptimizerPaths.steps
        return grid.figure(
            name: "optimizer-paths",
            caption: "Optimizer paths on f(x, y) = x^2/20 + y^2 from (-7, 2) (DLfS 6.1, fig 6-8)",
            title: "\(steps) updates from (\(general(start.x)), \(general(start.y))) on f(x, y) = x²/20 + y²\\n"
                + "f: its value at the end; grey: contours f = 0.5, 1, 2, …, 7;  +: the minimum;  □: the start")
    }
}

extension OptimizerPaths {
    /// DLfS 6.1.7: the optimizers on x²/20 + y².
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Optimizers on f(x, y) = x^2/20 + y^2 from (-7, 2), as optimizer_compare_naive.py (DLfS 6.1.7).",
            discussion: "Without --optimizer: all six with the chapter's rates (SGD 0.95, Momentum 0.1, Nesterov 0.1, "
                + "AdaGrad 1.5, RMSprop 0.3, Adam 0.3). With one --optimizer, --lr sets its rate.")
        @Option(help: "Only this optimizer: \(OptimizerKind.allValueStrings.joined(separator: ", ")).") var optimizer:
            OptimizerKind?
        @Option(parsing: .unconditional, help: "The learning rate (学习率) of the one --optimizer.") var lr: Double?
        @Option(help: "Number of updates.") var steps = OptimizerPaths.steps
        @Option(help: "The start point x,y.") var start = NumberList([OptimizerPaths.start.x, OptimizerPaths.start.y])
        @Flag(help: "Print every point, not only the end point.") var history = false
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            if let lr {
                guard optimizer != nil else {
                    throw ValidationError("--lr needs --optimizer (each optimizer has its own rate)")
                }
                try FlagCheck.positive(lr, "--lr")
            }
            try FlagCheck.nonNegative(steps, "--steps", max: 100_000)
            guard start.values.count == 2 else { throw ValidationError("--start needs two numbers x,y, got \(start)") }
        }

        func run() throws {
            let entries =
                optimizer.map { kind in
                    [
                        lr.map { OptimizerPaths.Entry(kind: kind, learningRate: $0, origin: "") }
                            ?? OptimizerPaths.entry(kind)
                    ]
                } ?? OptimizerPaths.entries
            let from = (x: start.values[0], y: start.values[1])
            var paths: [(entry: OptimizerPaths.Entry, path: OptimizerPath)] = []
            for entry in entries {
                let path = OptimizerPaths.path(entry.kind, learningRate: entry.learningRate, from: from, steps: steps)
                paths.append((entry, path))
                if history {
                    for (step, p) in path.points.enumerated() {
                        print("\(entry.kind.bookName)\t\(step)\t\(p.x)\t\(p.y)")
                    }
                }
                let origin = entry.origin.isEmpty ? "" : ", \(entry.origin)"
                let (before, after) = (OptimizerPaths.f(from.x, from.y), OptimizerPaths.f(path.end.x, path.end.y))
                print(
                    "\(entry.kind.bookName) (lr \(shortest(entry.learningRate))\(origin)): after \(steps) updates "
                        + "(\(path.end.x), \(path.end.y)), f = \(after)")
                if after > before {
                    FileHandle.standardError.write(
                        Data(
                            ("\(entry.kind.bookName) diverged: f grew from \(shortest(before)) to \(significant(after)); "
                                + "try a smaller --lr\n").utf8))
                }
            }
            try figure.show(OptimizerPaths.figure(paths: paths))
        }
    }
}
