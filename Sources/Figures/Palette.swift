import FromScratch

/// The house colours: one colour per concept, the same in every figure, so that a reader who has
/// learnt "ReLU is green" or "the test set is red" in one chapter can trust it in the next.
/// Colours from the Tableau 10 set, which stays distinguishable in print and for most colour-blind
/// readers; within one figure no two concepts share a colour.
public enum Palette {
    /// An activation function's colour (step red, sigmoid blue, tanh orange, ReLU green, leaky
    /// ReLU purple).
    public static func color(_ activation: Activation) -> String {
        switch activation {
        case .step: return red
        case .sigmoid: return blue
        case .tanh: return orange
        case .relu: return green
        case .leakyRelu: return purple
        }
    }

    /// An optimizer's colour (SGD blue, Momentum orange, Nesterov brown, AdaGrad green, RMSprop
    /// purple, Adam red), in the optimizer-path panels, the accumulators and the MNIST curves alike.
    public static func color(_ optimizer: OptimizerKind) -> String {
        switch optimizer {
        case .sgd: return blue
        case .momentum: return orange
        case .nesterov: return brown
        case .adagrad: return green
        case .rmsprop: return purple
        case .adam: return red
        }
    }

    /// The training set (and the training accuracy) is blue, the test set red, in every learning curve.
    public static let train = blue
    public static let test = red
    /// The test curve is also dashed: blue and red print as almost the same grey (luminance 0.167
    /// against 0.159), so in grey and for a reader who cannot tell them apart, the dash tells.
    public static let trainLine = line(train)
    public static let testLine = line(test) + " " + dash(1)

    /// The k-th series' dash pattern, for figures whose series differ by colour alone: solid,
    /// dashed, dotted, dash-dot, long dashes, sparse dots.
    public static func dash(_ k: Int) -> String {
        let patterns = ["solid", "(6,3)", "(1.5,2.5)", "(8,3,1.5,3)", "(14,4)", "(1.5,6)"]
        return "dashtype " + patterns[k % patterns.count]
    }

    /// `linecolor rgb "#…"` for a gnuplot plot clause.
    public static func line(_ color: String) -> String { "linecolor rgb \"\(color)\"" }

    /// The colours themselves; the numbered line styles every script defines (`FigureStyle`)
    /// are these too, so a figure that uses `linestyle 1` draws in the palette's blue.
    static let blue = "#1f77b4", orange = "#ff7f0e", green = "#2ca02c", red = "#d62728", purple = "#9467bd",
        brown = "#8c564b"
}
