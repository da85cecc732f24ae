import ArgumentParser
import BookChecks
import ChapterCommandLine
import Figures
import Foundation
import FromScratch

/// seed 002's statements about its 4-layer sigmoid net, checked on the moons of seed 001:
/// the δ of the output layer, the sigmoid's slope, the δ recursion against a numerical gradient,
/// zero against random initialisation, and the slips in its forward-propagation formulas.
enum SigmoidNetExamples: RunnableExample {
    static let rows: [String: () -> Finding] = [
        "sigmoid-net-a2": secondActivation, "sigmoid-net-z3": thirdInput, "sigmoid-net-output-delta": outputDelta,
        "sigmoid-slope": sigmoidSlope, "sigmoid-net-backprop": backpropagation,
        "sigmoid-net-zero-init": zeroInitialisation, "sigmoid-net-random-init": randomInitialisation,
    ]
    static let commands: [any ParsableCommand.Type] = [SigmoidNetCommand.self]

    /// A 2-5-4-2 net: 2 inputs (the moons' coordinates), two hidden layers, K = 2 outputs.
    static let layerSizes = [2, 5, 4, 2]
    static let lambda = 0.01
    static let seed: UInt32 = 0
    /// Training for the symmetry demonstration: full-batch gradient descent on J(Θ).
    static let rate = 2.0, steps = 1000

    /// The first 100 of seed 001's moons (47 of class 0, 53 of class 1). On all 200, 100 per class,
    /// Θ = 0 is a stationary point of J: every gradient is exactly 0 and nothing would move.
    static let examples = 100

    static func data(examples: Int = examples) -> (x: Matrix, y: Matrix, labels: [Int]) {
        let moons = MoonsData.moons()
        let labels = Array(moons.y.prefix(examples))
        return (
            Matrix(rows: examples, cols: 2, storage: Array(moons.x.storage.prefix(2 * examples))),
            SigmoidNet.oneHot(labels, classes: 2), labels
        )
    }

    static var randomNet: SigmoidNet { SigmoidNet.random(layerSizes: layerSizes, seed: seed) }

    // MARK: - The δ recursion

    /// The largest |difference| between backprop and numerical gradients, relative to the largest
    /// |gradient|: central differences with h = 1e-4 are good to ~h²·|J'''| ≈ 1e-9 relative here.
    static func gradientCheck(_ net: SigmoidNet, x: Matrix, y: Matrix, lambda: Double) -> Double {
        let backprop = net.gradients(x, y, lambda: lambda).gradients
        let numerical = net.numericalGradients(x, y, lambda: lambda)
        let difference = zip(backprop, numerical).flatMap { zip($0.storage, $1.storage).map { abs($0 - $1) } }.max()!
        let scale = backprop.flatMap(\.storage).map(abs).max()!
        return difference / scale
    }

    static let gradientCheckBound = 1e-7

    static func backpropagation() -> Finding {
        let error = gradientCheck(randomNet, x: data().x, y: data().y, lambda: lambda)
        return Finding(
            .claim(
                holds: error <= gradientCheckBound,
                detail: String(
                    format:
                        "δ recursion vs numerical gradient of J(Θ), 2-5-4-2 net, λ = %g, %d moons: max difference %.1e of the largest gradient (bound %.0e)",
                    lambda, examples, error, gradientCheckBound)))
    }

    /// δ^(4) = ∂/∂z^(4) of one example's bracketed cost, numerically, against a^(4) − y.
    static func outputDelta() -> Finding {
        let (x, y, _) = data()
        let net = randomNet
        let a = net.forward(x)
        let z4 = referenceMatmul(SigmoidNet.withBias(a[2]), net.thetas[2].transposed)
        var worst = 0.0
        for example in 0..<x.rows {
            for k in 0..<2 {
                let target = y[example, k]
                let bracket: (Double) -> Double = { z in
                    let g = Activation.sigmoid(z)
                    return -target * log(g) - (1 - target) * log(1 - g)
                }
                let numerical = numericalDerivative(bracket, at: z4[example, k])
                worst = max(worst, abs(numerical - (a[3][example, k] - target)))
            }
        }
        return Finding(
            .claim(
                holds: worst <= 1e-8,
                detail: String(
                    format:
                        "∂/∂z⁽⁴⁾ of -y log g(z) - (1-y) log(1-g(z)), numerically, equals a⁽⁴⁾ - y at all %d outputs (max difference %.1e)",
                    2 * x.rows, worst)))
    }

    /// g'(z) = a(1 − a) against a numerical derivative of the sigmoid on z ∈ [−8, 8].
    static func sigmoidSlope() -> Finding {
        let zs = arange(-8, 8.001, 0.25)
        let worst = zs.map { z in
            let a = Activation.sigmoid(z)
            return abs(
                numericalDerivative({ Activation.sigmoid($0) }, at: z)
                    - SigmoidNet.sigmoidSlope(fromOutput: Matrix(row: [a]))[flat: 0])
        }.max()!
        return Finding(
            .claim(
                holds: worst <= 1e-9,
                detail: String(
                    format:
                        "a(1-a) equals the central-difference slope of g at %d points in [-8, 8] (max difference %.1e)",
                    zs.count, worst)))
    }

    // MARK: - Initialisation

    /// How far apart the units of each hidden layer are: for every hidden layer, the smallest
    /// (over pairs of units) largest |difference| of their incoming weights.
    static func closestUnits(_ net: SigmoidNet) -> [Double] {
        (0..<(net.thetas.count - 1)).map { l in
            let theta = net.thetas[l]
            var closest = Double.infinity
            for u in 0..<theta.rows {
                for v in (u + 1)..<theta.rows {
                    closest = min(closest, zip(theta.row(u), theta.row(v)).map { abs($0 - $1) }.max()!)
                }
            }
            return closest
        }
    }

    /// Whether every hidden unit of a layer holds the same incoming and outgoing weights and
    /// computes the same activation for every example: compared with ==, not a tolerance.
    static func unitsIdentical(_ net: SigmoidNet, x: Matrix) -> Bool {
        let a = net.forward(x)
        for layer in 1..<(net.layerSizes.count - 1) {
            let incoming = net.thetas[layer - 1], outgoing = net.thetas[layer]
            for unit in 1..<net.layerSizes[layer] {
                guard incoming.row(unit) == incoming.row(0) else { return false }
                guard (0..<outgoing.rows).allSatisfy({ outgoing[$0, unit + 1] == outgoing[$0, 1] }) else {
                    return false
                }
                guard (0..<x.rows).allSatisfy({ a[layer][$0, unit] == a[layer][$0, 0] }) else { return false }
            }
        }
        return true
    }

    static let zeroTrained: SigmoidNet = {
        let (x, y, _) = data()
        return SigmoidNet.zeros(layerSizes: layerSizes).trained(x, y, lambda: lambda, rate: rate, steps: steps)
    }()

    static let randomTrained: SigmoidNet = {
        let (x, y, _) = data()
        return randomNet.trained(x, y, lambda: lambda, rate: rate, steps: steps)
    }()

    static func zeroInitialisation() -> Finding {
        let net = zeroTrained
        let moved = net.thetas.allSatisfy { $0.storage.contains { $0 != 0 } }
        return Finding(
            .claim(
                holds: moved && unitsIdentical(net, x: data().x),
                detail:
                    "after \(steps) gradient-descent steps from Θ = 0 every weight matrix has moved, yet the 5 units of layer 2 "
                    + "and the 4 of layer 3 still hold identical weights and activations (compared with ==)"))
    }

    static func correct(_ net: SigmoidNet) -> Int {
        let (x, _, labels) = data()
        return zip(net.forward(x).last!.argmaxPerRow(), labels).filter { $0 == $1 }.count
    }

    static func randomInitialisation() -> Finding {
        let closest = closestUnits(randomTrained)
        let (x, y, _) = data()
        let costs = [randomTrained, zeroTrained].map { $0.cost(x, y, lambda: lambda) }
        return Finding(
            .claim(
                holds: closest.allSatisfy { $0 > 1e-3 } && costs[0] < costs[1],
                detail: String(
                    format:
                        "from uniform(-ε, ε), ε = √6/√(s_l + s_(l+1)), the closest two units differ by %.3f (layer 2) and %.3f (layer 3) "
                        + "after %d steps; J = %.4f (%d of %d right) against %.4f (%d) from Θ = 0",
                    closest[0], closest[1], steps, costs[0], correct(randomTrained), examples, costs[1],
                    correct(zeroTrained))))
    }

    // MARK: - The forward formulas as printed

    /// One line of seed 002's forward propagation: `a^(l) = ...` or `z^(l) = ...`.
    struct Line: CustomStringConvertible {
        enum Right { case input, product(theta: Int, a: Int), sigmoid(z: Int) }
        let kind: Character, layer: Int, right: Right

        var description: String {
            switch right {
            case .input: return "a(\(layer)) = x"
            case let .product(theta, a): return "z(\(layer)) = Θ(\(theta)) a(\(a))"
            case let .sigmoid(z): return "a(\(layer)) = g(z(\(z)))"
            }
        }
    }

    /// The lines as seed 002 prints them, a⁽²⁾ = g(z⁽¹⁾) and z⁽³⁾ = Θ⁽²⁾a⁽¹⁾ included.
    static let printedLines: [Line] = [
        Line(kind: "a", layer: 1, right: .input), Line(kind: "z", layer: 2, right: .product(theta: 1, a: 1)),
        Line(kind: "a", layer: 2, right: .sigmoid(z: 1)), Line(kind: "z", layer: 3, right: .product(theta: 2, a: 1)),
        Line(kind: "a", layer: 3, right: .sigmoid(z: 3)), Line(kind: "z", layer: 4, right: .product(theta: 3, a: 3)),
        Line(kind: "a", layer: 4, right: .sigmoid(z: 4)),
    ]

    /// The printed lines with the slips at `layers` (2 for a⁽²⁾'s, 3 for z⁽³⁾'s) corrected.
    static func lines(correcting layers: Set<Int>) -> [Line] {
        printedLines.map { line in
            switch (line.kind, line.layer) {
            case ("a", 2) where layers.contains(2): return Line(kind: "a", layer: 2, right: .sigmoid(z: 2))
            case ("z", 3) where layers.contains(3): return Line(kind: "z", layer: 3, right: .product(theta: 2, a: 2))
            default: return line
            }
        }
    }

    struct FormulaError: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs the lines in order for the examples `x`, as a program would: a quantity must be computed
    /// before it is used, and Θ^(l) (s_(l+1) × (s_l + 1)) must meet an a with s_l units.
    static func evaluate(_ lines: [Line], net: SigmoidNet, x: Matrix) throws -> Matrix {
        var values: [String: Matrix] = [:]
        func lookup(_ kind: Character, _ layer: Int) throws -> Matrix {
            guard let value = values["\(kind)\(layer)"] else {
                throw FormulaError(
                    description:
                        "\(kind)(\(layer)) is used before anything computes it: layer 1 is the input and has no z, "
                        + "the lines so far computed \(values.keys.sorted().joined(separator: ", "))")
            }
            return value
        }
        for line in lines {
            let value: Matrix
            switch line.right {
            case .input: value = x
            case let .sigmoid(z): value = SigmoidNet.g(try lookup("z", z))
            case let .product(theta, a):
                let weights = net.thetas[theta - 1], units = try lookup("a", a)
                guard weights.cols == units.cols + 1 else {
                    throw FormulaError(
                        description:
                            "Θ(\(theta)) is \(weights.rows)×\(weights.cols) (it expects the \(weights.cols - 1) units of "
                            + "layer \(theta) plus the bias), but a(\(a)) has \(units.cols) units: the product is undefined"
                    )
                }
                value = referenceMatmul(SigmoidNet.withBias(units), weights.transposed)
            }
            values["\(line.kind)\(line.layer)"] = value
        }
        return try lookup("a", 4)
    }

    /// What the corrected lines give, against the network whose gradient the δ recursion computes.
    static func correctedReproduces() -> Ours {
        let net = randomNet
        let x = data().x
        let corrected = (try? evaluate(lines(correcting: [2, 3]), net: net, x: x)) ?? Matrix.zeros(0, 0)
        let same = corrected == net.forward(x).last!
        let error = gradientCheck(net, x: x, y: data().y, lambda: lambda)
        return .claim(
            holds: same && error <= gradientCheckBound,
            detail: String(
                format:
                    "with a(2) = g(z(2)) and z(3) = Θ(2)a(2) the lines compute h_Θ(x) of the net whose gradient the δ recursion gives "
                    + "(same output on all %d examples; gradient check %.1e)", examples, error))
    }

    static func printedOutcome(_ lines: [Line]) -> Ours {
        do {
            let h = try evaluate(lines, net: randomNet, x: data().x)
            return .values(h.storage)
        } catch {
            return .error("\(error)")
        }
    }

    static func secondActivation() -> Finding {
        Finding(
            printedOutcome(printedLines),
            erratum: Erratum(
                reproducedBy: "a(2) = g(z(2))",
                reproduction: correctedReproduces(),
                why:
                    "Each a^(l) is g of the z^(l) of its own layer, as a^(3) = g(z^(3)) and a^(4) = g(z^(4)) in the next lines "
                    + "say; z^(1) does not exist (layer 1 is the input x)."))
    }

    static func thirdInput() -> Finding {
        Finding(
            printedOutcome(lines(correcting: [2])),
            erratum: Erratum(
                reproducedBy: "z(3) = Θ(2)a(2)",
                reproduction: correctedReproduces(),
                why:
                    "Θ^(2) maps layer 2 to layer 3, so it multiplies a^(2); with a^(1) = x the second layer would be skipped "
                    + "(and the shapes only fit when layers 1 and 2 have equally many units)."))
    }
}

/// `notes-networks sigmoid-net`: seed 002's sigmoid network on the moons, its gradient check and training.
struct SigmoidNetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sigmoid-net",
        abstract: "seed 002's sigmoid network on the moons: gradient check of the δ recursion, then gradient descent.",
        discussion: """
            Prints the largest difference between the δ recursion's gradient and a numerical one, then trains and \
            reports J(Θ), the training accuracy and how far apart the hidden units are. With --zero-init every unit \
            of a hidden layer stays identical to the others.
            """)

    @Option(help: "Units per layer, input first, output last (the input must be 2, the output 2).")
    var layers = NumberList(SigmoidNetExamples.layerSizes.map(Double.init))
    @Option(name: .customLong("lambda"), help: "The weight λ of the penalty in J(Θ).") var lambda = SigmoidNetExamples
        .lambda
    @Option(help: "numpy.random.seed before the weights are drawn.") var seed = Int(SigmoidNetExamples.seed)
    @Option(
        name: .customLong("init-epsilon"),
        help: "Weights start uniform in [-ε, ε] (default: ε = √6/√(s_l + s_(l+1)) per layer).")
    var initEpsilon: Double?
    @Flag(name: .customLong("zero-init"), help: "Start from Θ = 0 instead.") var zeroInit = false
    @Option(parsing: .unconditional, help: "The learning rate of gradient descent.") var lr = SigmoidNetExamples.rate
    @Option(help: "Gradient-descent steps.") var steps = SigmoidNetExamples.steps
    @Option(
        help: "Train on the first this many of the 200 moons (with all 200, 100 per class, Θ = 0 does not move at all)."
    )
    var examples = SigmoidNetExamples.examples

    var sizes: [Int] { layers.values.map { Int($0) } }

    func validate() throws {
        guard layers.values.allSatisfy({ $0 == $0.rounded() && $0 >= 1 && $0 <= 100 }), sizes.count >= 3 else {
            throw ValidationError(
                "--layers needs at least 3 whole numbers between 1 and 100 (input, hidden..., output), got \(layers)")
        }
        guard sizes.first == 2, sizes.last == 2 else {
            throw ValidationError(
                "--layers must start with 2 (the moons' coordinates) and end with 2 (the classes), got \(layers)")
        }
        guard lambda.isFinite, lambda >= 0 else {
            throw ValidationError("--lambda must be a number >= 0, got \(lambda)")
        }
        guard (0...Int(UInt32.max)).contains(seed) else {
            throw ValidationError("--seed must be between 0 and 4294967295 (numpy.random.seed's range), got \(seed)")
        }
        if let initEpsilon {
            try FlagCheck.positive(initEpsilon, "--init-epsilon")
            guard !zeroInit else {
                throw ValidationError("--init-epsilon and --zero-init exclude each other: Θ = 0 draws nothing")
            }
        }
        try FlagCheck.positive(lr, "--lr")
        try FlagCheck.nonNegative(steps, "--steps", max: 1_000_000)
        guard (1...MoonsData.samples).contains(examples) else {
            throw ValidationError("--examples must be between 1 and \(MoonsData.samples), got \(examples)")
        }
    }

    func run() throws {
        let (x, y, labels) = SigmoidNetExamples.data(examples: examples)
        let start =
            zeroInit
            ? SigmoidNet.zeros(layerSizes: sizes)
            : SigmoidNet.random(layerSizes: sizes, epsilon: initEpsilon, seed: UInt32(seed))
        print(
            "layers \(sizes), λ = \(lambda), \(zeroInit ? "Θ = 0" : "Θ uniform in [-ε, ε] with ε = \(initEpsilon.map { "\($0)" } ?? "√6/√(s_l + s_(l+1))"), seed \(seed)")"
        )
        print(
            String(
                format: "gradient check at the start: max |backprop - numerical| / max |gradient| = %.2e",
                SigmoidNetExamples.gradientCheck(start, x: x, y: y, lambda: lambda)))
        let trained = start.trained(x, y, lambda: lambda, rate: lr, steps: steps)
        let accuracy = zip(trained.forward(x).last!.argmaxPerRow(), labels).filter { $0 == $1 }.count
        print(
            String(
                format: "after %d steps (lr %g): J = %.6f, training accuracy %d/%d", steps, lr,
                trained.cost(x, y, lambda: lambda), accuracy, examples))
        for (layer, distance) in SigmoidNetExamples.closestUnits(trained).enumerated() where sizes[layer + 1] > 1 {
            print("layer \(layer + 2): the two closest units' weights differ by at most \(distance)")
        }
        print("hidden units identical (==): \(SigmoidNetExamples.unitsIdentical(trained, x: x) ? "yes" : "no")")
    }
}
