import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import FromScratch

/// The activation functions drawn as the book draws them (DLfS figs 3-6 to 3-9, seed 003 §二,
/// seed 004 §1.3), on the book's grid `np.arange(-5.0, 5.0, 0.1)`.
public enum ActivationFunctions: RunnableExample {
    public static let rows: [String: () -> Finding] = ["sigmoid-values": sigmoidValues]
    public static let commands: [any ParsableCommand.Type] = [Apply.self, Plot.self]

    /// DLfS 3.2.4: sigmoid of a NumPy array, element by element.
    static func sigmoidValues() -> Finding { .values(Activation.sigmoid(Matrix(row: [-1, 1, 2])).storage) }

    public static func figures() -> [Figure] { [stepVersusSigmoid(), relu(), allActivations(), derivatives()] }

    static let grid = arange(-5.0, 5.0, 0.1)

    /// The book's grid stops at 4.9; the figures draw to the right edge of their frame at 5.
    static let drawnGrid = grid + [5.0]

    static func table(_ functions: [(Double) -> Double], over xs: [Double] = drawnGrid) -> [[Double]] {
        xs.map { x in [x] + functions.map { $0(x) } }
    }

    /// A function that jumps at 0, drawn as its two flat pieces joined by a vertical line at 0
    /// (sampled on the grid, the jump would be drawn slanted, from the last point left of 0 to the
    /// first right of it).
    static func jumpAtZero(left: Double, right: Double) -> [[Double]] {
        [[-5, left], [0, left], [0, right], [5, right]]
    }

    /// Step against sigmoid on one axis: the same shape, one jumping, one smooth (seed 003 对比).
    public static func stepVersusSigmoid() -> Figure {
        var figure = Figure(
            name: "step-vs-sigmoid", caption: "Step function and sigmoid on one axis (seed 003, DLfS fig 3-8)")
        figure.data("f", rows: table([Activation.sigmoid.callAsFunction]))
        figure.data("step", rows: jumpAtZero(left: Activation.step(-1), right: Activation.step(1)))
        figure.gnuplot(
            "set title \"Step function and sigmoid\"",
            "set xlabel \"x\"", "set ylabel \"h(x)\"",
            "set xrange [-5:5]", "set yrange [-0.1:1.1]",
            "set key top left",
            "plot $f using 1:2 with lines \(Palette.line(Palette.color(.sigmoid))) linewidth 2 title \"sigmoid 1/(1+e^{−x})\", \\",
            "     $step using 1:2 with lines \(Palette.line(Palette.color(.step))) linewidth 2 \(Palette.dash(1)) title \"step: 1 if x > 0, else 0\""
        )
        return figure
    }

    /// ReLU, max(0, x) (DLfS fig 3-9).
    public static func relu() -> Figure {
        var figure = Figure(name: "relu", caption: "ReLU, max(0, x) (DLfS fig 3-9)")
        figure.data("f", rows: table([Activation.relu.callAsFunction]))
        figure.gnuplot(
            "set title \"ReLU: max(0, x)\"",
            "set xlabel \"x\"", "set ylabel \"h(x)\"",
            "set xrange [-5:5]", "set yrange [-1:5.5]",
            "unset key",
            "plot $f using 1:2 with lines \(Palette.line(Palette.color(.relu))) linewidth 2")
        return figure
    }

    /// The four smooth-or-not choices of seed 004 §1.3 side by side.
    public static func allActivations() -> Figure {
        var figure = Figure(
            name: "activations", caption: "Sigmoid, tanh, ReLU and leaky ReLU (seed 004 §1.3)",
            width: 1000, height: 760)
        let functions: [Activation] = [.sigmoid, .tanh, .relu, .leakyRelu]
        figure.data("f", rows: table(functions.map { f in { f($0) } }))
        figure.data("leaky", rows: table([{ Activation.leakyRelu($0) }], over: arange(-5.0, 1.05, 0.05)))
        // Each panel's title names its function, so no key; the letters are the text's.
        figure.gnuplot(
            "set multiplot layout 2,2 title \"Activation functions\" font \",15\"",
            "set xlabel \"x\"", "set ylabel \"h(x)\"", "set xrange [-5:5]", "unset key",
            "set title \"\(panelLetter(0)) sigmoid: (0, 1), not centred\"", "set yrange [-0.1:1.1]",
            "plot $f using 1:2 with lines \(Palette.line(Palette.color(.sigmoid))) linewidth 2",
            "set title \"\(panelLetter(1)) tanh: (−1, 1), centred on 0\"", "set yrange [-1.1:1.1]",
            "plot $f using 1:3 with lines \(Palette.line(Palette.color(.tanh))) linewidth 2",
            "set title \"\(panelLetter(2)) ReLU: max(0, x)\"", "set yrange [-1:5.5]",
            "plot $f using 1:4 with lines \(Palette.line(Palette.color(.relu))) linewidth 2",
            "set title \"\(panelLetter(3)) leaky ReLU: max(ax, x), a = \(Activation.leakySlope)\"",
            // Up to x = 0.2, where the slope-1 branch meets the top of the enlarged frame.
            "set xrange [-5:0.2]", "set yrange [-0.06:0.2]",
            "plot $leaky using 1:2 with lines \(Palette.line(Palette.color(.leakyRelu))) linewidth 2",
            "unset multiplot")
        return figure
    }

    /// The derivatives backpropagation multiplies by: sigmoid's never exceeds 0.25, which is
    /// why deep sigmoid networks lose their gradient (梯度消失, seed 004 §3.2).
    public static func derivatives() -> Figure {
        var figure = Figure(
            name: "activation-derivatives",
            caption: "Derivatives of sigmoid, tanh, ReLU and leaky ReLU (used in chapter 5)")
        let functions: [Activation] = [.sigmoid, .tanh, .relu, .leakyRelu]
        figure.data("d", rows: table(functions.prefix(2).map { f in { f.derivative($0) } }))
        figure.data(
            "relu", rows: jumpAtZero(left: Activation.relu.derivative(-1), right: Activation.relu.derivative(1)))
        figure.data(
            "leaky",
            rows: jumpAtZero(left: Activation.leakyRelu.derivative(-1), right: Activation.leakyRelu.derivative(1)))
        // Leaky ReLU's slope left of 0 is 0.01, a line's width above ReLU's 0: an inset zooms in
        // on x < 0, where the two are told apart in any print.
        let relu = "$relu using 1:2 with lines \(Palette.line(Palette.color(.relu))) \(Palette.dash(3))"
        let leaky = "$leaky using 1:2 with lines \(Palette.line(Palette.color(.leakyRelu))) \(Palette.dash(2))"
        // The inset's frame, in screen fractions: left of x = -1.4 and above dh/dx = 0.3, where
        // no curve passes; its white ground starts right of the main y axis.
        let (left, bottom, right, top) = (0.215, 0.44, 0.41, 0.61)
        figure.gnuplot(
            "set multiplot",
            "set title \"Derivatives of the activation functions\"",
            "set xlabel \"x\"", "set ylabel \"dh/dx\"",
            "set xrange [-5:5]", "set yrange [-0.1:1.15]",
            "set key top left",
            "set object 1 rectangle from screen 0.135,\(bottom - 0.075) to screen \(right + 0.012),\(top + 0.07) "
                + "fillcolor rgb \"white\" fillstyle solid noborder front",
            "plot $d using 1:2 with lines \(Palette.line(Palette.color(.sigmoid))) linewidth 2 title \"sigmoid′ = y(1 − y)\", \\",
            "     $d using 1:3 with lines \(Palette.line(Palette.color(.tanh))) linewidth 2 \(Palette.dash(1)) title \"tanh′ = 1 − y²\", \\",
            "     \(relu) linewidth 4 title \"ReLU′\", \\",
            "     \(leaky) linewidth 3 title \"leaky ReLU′\"",
            "unset object 1",
            "set lmargin at screen \(left)", "set rmargin at screen \(right)",
            "set bmargin at screen \(bottom)", "set tmargin at screen \(top)",
            "set title \"x < 0, enlarged\" offset 0,-0.6", "unset xlabel", "unset ylabel", "unset key", "unset grid",
            // No y tics: the labels name both levels, and tics would stand beside the main axis's.
            "set xrange [-5:-1]", "set yrange [-0.004:0.017]", "set xtics 2", "unset ytics",
            "set label 1 \"leaky ReLU′ = \(Activation.leakySlope)\" at -4.8,0.0135 left",
            "set label 2 \"ReLU′ = 0\" at -4.8,0.0035 left",
            "plot \(relu) linewidth 4, \(leaky) linewidth 3",
            "unset multiplot"
        )
        return figure
    }
}

extension ActivationFunctions {
    /// `activations apply`: the functions on numbers of the reader's choice.
    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply an activation (and its derivative) to numbers: step, sigmoid, relu, tanh, leaky-relu.")
        @Argument(help: "step | sigmoid | relu | tanh | leaky-relu") var function: Activation
        @Option(help: "The inputs, comma-separated.") var x = NumberList([-1, 1, 2])

        func run() {
            print("x:     \(x.values)")
            print("h(x):  \(function(Matrix(row: x.values)).storage)")
            print("h'(x): \(function.derivative(Matrix(row: x.values)).storage)")
        }
    }

    /// `activations plot`: one of the figures, drawn where the reader says.
    struct Plot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw one of the chapter's figures (with --figure file.png and/or --preview).")
        @Argument(help: "step-vs-sigmoid | relu | activations | activation-derivatives")
        var name = "step-vs-sigmoid"
        @OptionGroup var figure: ExampleFigureOptions

        func validate() throws {
            let names = ActivationFunctions.figures().map(\.name)
            guard names.contains(name) else {
                throw ValidationError("no figure '\(name)'; choose one of \(names.joined(separator: ", "))")
            }
        }

        func run() throws {
            try figure.show(ActivationFunctions.figures().first { $0.name == name }!)
        }
    }
}
