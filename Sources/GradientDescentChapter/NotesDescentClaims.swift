import BookChecks
import Figures
import Foundation
import FromScratch

/// What seed 000 §4.3 says around its gradient-descent listing, checked on the listing's own run
/// (lr 0.2, 100 steps from (−3, 4), numerical gradients): what `x_history` holds, how long a step
/// is, whether gradient descent finds the minimum, and how many parts the listing has.
enum NotesDescentClaims: WorkedExample {
    static let rows: [String: () -> Finding] = [
        "notes-000-history-points": historyPoints, "notes-000-lr-step-length": stepLength,
        "notes-000-gd-reaches-minimum": reachesMinimum, "notes-000-listing-parts": listingParts,
        "notes-000-contour-comment": contourComment,
    ]

    /// The plotting loop `for i in range(6): plt.contour(x1, y1, x1**2 + y1**2, [3*i],)` carries the
    /// comment `#x**2 + y**2 = 9 的圆形` ("the circle x² + y² = 9"): it draws six levels.
    static func contourComment() -> Finding {
        let levels = (0..<6).map { 3 * $0 }
        return Finding(
            .claim(
                holds: levels == [9],
                detail: "the loop draws the levels " + levels.map(String.init).joined(separator: ", ")
                    + " (radii 0 to 3.87), not one circle"),
            erratum: Erratum(
                reproducedBy: "reading it of one pass of the loop",
                reproduction: .claim(
                    holds: levels.firstIndex(of: 9) == 3,
                    detail: "x² + y² = 9 is the fourth level, i = 3"),
                why: "The comment describes one contour of the six the loop draws, plausibly written for a single "
                    + "call before the loop was added."))
    }

    /// `gradient_decent1`'s history: the point before each of the 100 steps.
    static var history: [Matrix] { Array(GradientDescentRuns.path(learningRate: 0.2).points.dropLast()) }

    static func gradient(_ x: Matrix) -> Matrix { numericalGradient(BookFunctions.function2, at: x) }

    static func vector(_ x: Matrix) -> String { "(" + x.storage.map(shortest).joined(separator: ", ") + ")" }

    /// "获取历史梯度信息": x_history appends `x.copy()`, the points, not the gradients.
    static func historyPoints() -> Finding {
        let points = history
        let gradients = points.map(gradient)
        let isGradients = zip(points, gradients).allSatisfy { $0.storage == $1.storage }
        var x = GradientDescentRuns.start
        var iterates: [Matrix] = []
        for _ in 0..<GradientDescentRuns.steps {
            iterates.append(x)
            x = x - 0.2 * gradient(x)
        }
        let isPoints = zip(points, iterates).allSatisfy { $0.storage == $1.storage }
        return Finding(
            .claim(
                holds: isGradients,
                detail: "x_history[0] is \(vector(points[0])), x_history[1] \(vector(points[1])); the gradients there "
                    + "are \(vector(gradients[0])), \(vector(gradients[1]))"),
            erratum: Erratum(
                reproducedBy: "reading it as the history of the points",
                reproduction: .claim(
                    holds: isPoints,
                    detail: "all 100 entries are the iterates x_k of x_(k+1) = x_k - 0.2 grad f(x_k), to the bit"),
                why:
                    "gradient_decent1 appends x.copy() before each step, and the plot draws those points as the path "
                    + "to the minimum, which the task asks for. The note's text and three comments of the listing call "
                    + "them the history of gradients; for x0² + x1² the gradient is twice the point, and starts outside "
                    + "the plot's window."))
    }

    /// "以多大的位移向下降速度最快的方向移动": η as the length of each move. The move is η·|∇f|.
    static func stepLength() -> Finding {
        let points = GradientDescentRuns.path(learningRate: 0.2).points
        let lengths = zip(points, points.dropFirst()).map { a, b in
            zip(a.storage, b.storage).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        }
        let scaled = points.dropLast().map { p in 0.2 * gradient(p).storage.map { $0 * $0 }.reduce(0, +).squareRoot() }
        let stillFrom = (lengths.firstIndex { $0 == 0 } ?? lengths.count) + 1
        return Finding(
            .claim(
                holds: lengths.allSatisfy { abs($0 - 0.2) < 1e-12 },
                detail: "the lr 0.2 run's steps are " + lengths.prefix(4).map(shortest).joined(separator: ", ")
                    + ", ... long, and 0 from step \(stillFrom) on: not 0.2"),
            erratum: Erratum(
                reproducedBy: "the length η·|grad f| of each step",
                reproduction: .claim(
                    holds: zip(lengths, scaled).allSatisfy { abs($0 - $1) <= 1e-12 * max($1, 1e-300) },
                    detail: "every step is η times the gradient's length (within 1e-12 of it)"),
                why:
                    "x <- x - η grad f moves x by η|grad f|: η scales the gradient, so the same rate takes long steps "
                    + "far from the minimum and short ones near it. 步长 is a common name for η; 'how large a "
                    + "displacement' is what it is not."))
    }

    /// "通过梯度下降法能够求得目标函数的最小值": only with a suitable rate, even on the note's bowl.
    static func reachesMinimum() -> Finding {
        let ends = [0.2, 1, 10].map { ($0, GradientDescentRuns.path(learningRate: $0).end) }
        let distance: (Matrix) -> Double = { $0.storage.map { $0 * $0 }.reduce(0, +).squareRoot() }
        let reached = ends.map { ($0.0, distance($0.1) < 1e-6) }
        return Finding(
            .claim(
                holds: reached.allSatisfy(\.1),
                detail: "100 steps from (-3, 4) on x0² + x1² end at distance "
                    + ends.map { "\(shortest(distance($0.1))) (lr \(GradientDescentRuns.label($0.0)))" }
                    .joined(separator: ", ") + " from the minimum"),
            erratum: Erratum(
                reproducedBy: "adding the note's own condition, a suitable learning rate (§4.3.3)",
                reproduction: .claim(
                    holds: reached[0].1 && !reached[1].1 && !reached[2].1,
                    detail: "lr 0.2 reaches the minimum; lr 1 jumps between (-3, 4) and (3, -4); lr 10 runs away"),
                why:
                    "Stated without conditions the sentence is false for the note's own 'too large' rate: gradient "
                    + "descent finds the minimum only with a suitable rate, and on other functions it can stop at any "
                    + "point where the gradient vanishes (a saddle, a local minimum; DLfS 4.4.1)."))
    }

    /// "下面这串代码有点长,主要有一下四部分": the note then lists three parts, and the listing's
    /// `'''`-headed sections are three.
    static let listedParts = ["1 .库的申明部分", "2 .子函数的定义", "3 .主函数部分"]
    static let listingSections = ["库的申明", "子函数的定义", "主函数"]

    static func listingParts() -> Finding {
        Finding(
            .claim(
                holds: listedParts.count == 4 || listingSections.count == 4,
                detail:
                    "the note lists \(listedParts.count) parts and the listing has \(listingSections.count) sections ("
                    + listingSections.joined(separator: ", ") + ")"),
            erratum: Erratum(
                reproducedBy: "counting the parts the note names",
                reproduction: .claim(
                    holds: listedParts.count == 3 && listingSections.count == 3,
                    detail: "three, in the list and in the listing"),
                why: "The note announces four parts and gives three; the listing has the three it names. Plotting, "
                    + "which a reader might take for the fourth, is inside the third by the note's own description."))
    }
}
