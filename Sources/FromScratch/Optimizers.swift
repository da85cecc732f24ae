import Foundation

/// The optimizers of DLfS 6.1 (参数的更新) and seed 004 §3.3, as the book's `common/optimizer.py`
/// writes them, behind one interface, plus gradient clipping (梯度裁剪, seed 004 §3.2).
///
/// Parameters and gradients are named matrices ("W1", "b1"... or "x", "y"), like the book's
/// `params` and `grads` dictionaries. Each optimizer keeps its state (velocity, accumulator...)
/// under the same names, created as zeros on the first update. Every element is updated on its
/// own, so the order in which a dictionary lists its keys never changes a result.
///
/// Each update repeats the book's operations in the book's order (`(μ·v) − (lr·g)`, not
/// `μ·v − lr·g` regrouped), so that a run gives NumPy's digits. The loops walk a copy of the
/// keys: walking the dictionary's own key view while writing to it would copy every matrix.
/// The loops over the elements are in `Speed/ParameterUpdates.swift`: `forEachElement` for the
/// steps written per element, and `subtract(_:times:overRootOf:plus:)` for the divided step
/// x −= c·y / (√h + ε) that AdaGrad, RMSprop and Adam share, as the book writes it for whole arrays.

/// Named parameter (or gradient) matrices: the book's `params` / `grads` dictionaries.
public typealias NamedMatrices = [String: Matrix]

/// Anything that updates parameters from their gradients: the interface of the book's
/// optimizer classes, `update(params, grads)`.
public protocol Optimizer {
    /// Moves every parameter one step, in place, using the gradient of the same name.
    mutating func update(_ parameters: inout NamedMatrices, gradients: NamedMatrices)
}

/// The book's optimizers by name, with the defaults of their classes in `common/optimizer.py`.
///
/// Adding an optimizer is a case here; the compiler then asks for its name, rate and constructor
/// below, its colour (`Palette`) and its rate in the path comparison (`OptimizerPaths.entry`).
public enum OptimizerKind: String, CaseIterable, Sendable {
    case sgd, momentum, nesterov, adagrad, rmsprop, adam

    /// The six classes of the book's `common/optimizer.py`, in its order: the committed figures,
    /// tables and recorded fingerprints are theirs, and an added optimizer leaves them as they are.
    public static let fromTheBook: [OptimizerKind] = [.sgd, .momentum, .nesterov, .adagrad, .rmsprop, .adam]

    /// The class name the book uses in legends and dictionaries.
    public var bookName: String {
        switch self {
        case .sgd: return "SGD"
        case .momentum: return "Momentum"
        case .nesterov: return "Nesterov"
        case .adagrad: return "AdaGrad"
        case .rmsprop: return "RMSprop"
        case .adam: return "Adam"
        }
    }

    /// `lr` of the book's constructors: 0.01, except Adam's 0.001.
    public var defaultLearningRate: Double {
        switch self {
        case .sgd, .momentum, .nesterov, .adagrad, .rmsprop: return 0.01
        case .adam: return 0.001
        }
    }

    /// A fresh optimizer (no state yet) with the book's other defaults (μ 0.9, ρ 0.99, β 0.9/0.999).
    public func make(learningRate: Double? = nil) -> any Optimizer {
        let lr = learningRate ?? defaultLearningRate
        switch self {
        case .sgd: return SGD(learningRate: lr)
        case .momentum: return Momentum(learningRate: lr)
        case .nesterov: return Nesterov(learningRate: lr)
        case .adagrad: return AdaGrad(learningRate: lr)
        case .rmsprop: return RMSprop(learningRate: lr)
        case .adam: return Adam(learningRate: lr)
        }
    }
}

/// The small constant the book adds to √h before dividing (seed 004's δ), so that a zero
/// accumulator does not divide by zero.
public let optimizerEpsilon = 1e-7

// MARK: - The optimizers

/// Stochastic gradient descent (SGD): x ← x − lr·g.
public struct SGD: Optimizer {
    public var learningRate: Double

    public init(learningRate: Double = 0.01) { self.learningRate = learningRate }

    public mutating func update(_ parameters: inout NamedMatrices, gradients: NamedMatrices) {
        for key in Array(parameters.keys) {
            let g = gradient(key, of: parameters, in: gradients)
            parameters[key]!.subtractScaled(g, by: learningRate)  // params[key] -= lr * grads[key]
        }
    }
}

/// Momentum (动量法): a velocity that remembers past gradients, like a ball rolling downhill.
///
/// The book (DLfS 6.1.4) keeps v = μ·v − lr·g and steps x ← x + v. Seed 004 §3.3.1 keeps the
/// sum of gradients instead, v = μ·v + g, and steps x ← x − lr·v. The two are the same method
/// (the book's v is −lr times the notes' v) and give the same path up to rounding.
public struct Momentum: Optimizer {
    public enum Form: String, Sendable {
        /// DLfS: v ← μv − lr·g, x ← x + v.
        case book
        /// Seed 004 §3.3.1: v ← μv + g, x ← x − lr·v.
        case notes
    }

    public var learningRate: Double
    /// μ, the share of the velocity kept from one step to the next (friction is 1 − μ).
    public var momentum: Double
    public let form: Form
    /// v per parameter, as the chosen form defines it.
    public private(set) var velocity: NamedMatrices = [:]

    public init(learningRate: Double = 0.01, momentum: Double = 0.9, form: Form = .book) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.form = form
    }

    public mutating func update(_ parameters: inout NamedMatrices, gradients: NamedMatrices) {
        let (lr, mu, form) = (learningRate, momentum, form)
        forEachElement(of: &parameters, gradients, state: &velocity) { x, g, v in
            switch form {
            case .book:
                v = mu * v - lr * g
                x += v
            case .notes:
                v = mu * v + g
                x -= lr * v
            }
        }
    }
}

/// Nesterov's accelerated gradient (NAG), which takes the gradient one momentum step ahead and
/// so damps plain momentum's overshoot. It tracks the look-ahead point Θ = x + μ·v, as eq. 7 of
/// Bengio et al. (arXiv:1212.0901), which the book's class cites, writes it:
/// Θ ← Θ + μ²·v − (1 + μ)·lr·g, then v ← μv − lr·g.
///
/// This is the book's `Nesterov` class at the pinned commit. Its first version (2016–2021)
/// updated v first; the repository's commit 89eadd0 ("Fix Nesterov update function") moved the
/// parameter update first, to eq. 7.
public struct Nesterov: Optimizer {
    public var learningRate: Double
    public var momentum: Double
    public private(set) var velocity: NamedMatrices = [:]

    public init(learningRate: Double = 0.01, momentum: Double = 0.9) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public mutating func update(_ parameters: inout NamedMatrices, gradients: NamedMatrices) {
        let (lr, mu) = (learningRate, momentum)
        forEachElement(of: &parameters, gradients, state: &velocity) { x, g, v in
            x += mu * mu * v
            x -= (1 + mu) * lr * g
            v *= mu
            v -= lr * g
        }
    }
}

/// AdaGrad (自适应梯度): each element's step is divided by the root of its summed squared
/// gradients, h ← h + g², x ← x − lr·g / (√h + 1e-7). Steep directions slow down early; but h
/// only grows, so every step shrinks for ever (seed 004 §3.3.2's 缺陷).
public struct AdaGrad: Optimizer {
    public var learningRate: Double
    /// h, the running sum of squared gradients (seed 004's r).
    public private(set) var accumulator: NamedMatrices = [:]

    public init(learningRate: Double = 0.01) { self.learningRate = learningRate }

    public mutating func update(_ parameters: inout NamedMatrices, gradients: NamedMatrices) {
        for key in Array(parameters.keys) {
            let g = gradient(key, of: parameters, in: gradients)
            accumulator[key, default: .zeros(like: g)].combineInPlace(with: g) { h, g in h + g * g }  // h += g * g
            parameters[key]!.subtract(learningRate, times: g, overRootOf: accumulator[key]!, plus: optimizerEpsilon)
        }
    }
}

/// RMSprop: AdaGrad with a leaky accumulator, h ← ρh + (1 − ρ)·g², so old gradients are
/// forgotten at rate ρ (the book's `decay_rate`, 0.99) and h stays near the recent mean of g².
public struct RMSprop: Optimizer {
    public var learningRate: Double
    /// ρ: 0 < ρ < 1.
    public var decayRate: Double
    public private(set) var accumulator: NamedMatrices = [:]

    public init(learningRate: Double = 0.01, decayRate: Double = 0.99) {
        precondition(decayRate > 0 && decayRate < 1, "RMSprop: the decay rate must lie in (0, 1), got \(decayRate)")
        self.learningRate = learningRate
        self.decayRate = decayRate
    }

    public mutating func update(_ parameters: inout NamedMatrices, gradients: NamedMatrices) {
        let rho = decayRate
        for key in Array(parameters.keys) {
            let g = gradient(key, of: parameters, in: gradients)
            // h *= ρ, then h += (1 − ρ)·g·g
            accumulator[key, default: .zeros(like: g)].combineInPlace(with: g) { h, g in h * rho + (1 - rho) * g * g }
            parameters[key]!.subtract(learningRate, times: g, overRootOf: accumulator[key]!, plus: optimizerEpsilon)
        }
    }
}

/// Adam: momentum (m, the mean of g) and RMSprop (v, the mean of g²) together, with bias
/// correction, as the book's `Adam` class: m ← m + (1 − β1)(g − m), v ← v + (1 − β2)(g² − v),
/// x ← x − lr_t·m / (√v + 1e-7) with lr_t = lr·√(1 − β2ᵗ) / (1 − β1ᵗ).
///
/// m and v start at 0 and so are too small in the first steps (冷启动); lr_t undoes that, so
/// the first step is lr·g/|g| ≈ ±lr in every coordinate.
public struct Adam: Optimizer {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    /// t, the number of updates so far (the book's `iter`).
    public private(set) var iteration = 0
    public private(set) var firstMoment: NamedMatrices = [:]
    public private(set) var secondMoment: NamedMatrices = [:]

    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
    }

    /// lr_t after `iteration` updates: the bias-corrected learning rate.
    public func correctedLearningRate(at iteration: Int) -> Double {
        learningRate * (1.0 - pow(beta2, Double(iteration))).squareRoot() / (1.0 - pow(beta1, Double(iteration)))
    }

    public mutating func update(_ parameters: inout NamedMatrices, gradients: NamedMatrices) {
        iteration += 1
        let lrT = correctedLearningRate(at: iteration)
        let (b1, b2) = (beta1, beta2)
        for key in Array(parameters.keys) {
            let g = gradient(key, of: parameters, in: gradients)
            firstMoment[key, default: .zeros(like: g)].combineInPlace(with: g) { m, g in m + (1 - b1) * (g - m) }
            secondMoment[key, default: .zeros(like: g)].combineInPlace(with: g) { v, g in v + (1 - b2) * (g * g - v) }
            parameters[key]!.subtract(
                lrT, times: firstMoment[key]!, overRootOf: secondMoment[key]!, plus: optimizerEpsilon)
        }
    }
}

// MARK: - Gradient clipping

/// Gradient clipping (梯度裁剪, seed 004 §3.2): a guard against exploding gradients (梯度爆炸)
/// applied to the gradients before the optimizer sees them.
public enum GradientClipping: Equatable, Sendable {
    /// Every element to [−threshold, threshold]. Cheap, but changes the gradient's direction.
    case byValue(Double)
    /// All gradients together scaled by maxNorm/‖g‖ when their global norm ‖g‖ (the root of
    /// every squared element of every parameter) exceeds maxNorm: the direction is kept and the
    /// length becomes exactly maxNorm, as the notes describe (使其绝对数等于阈值).
    case byGlobalNorm(Double)

    /// ‖g‖ over all the named gradients, adding the parameters in the order of their names so
    /// that the result does not depend on a dictionary's order.
    ///
    /// Where the squares overflow (gradients near 1e155 and up) or all underflow, the sum is taken
    /// over the gradients divided by the largest, as `hypot` does, so that the norm is still right.
    public static func globalNorm(_ gradients: NamedMatrices) -> Double {
        let values = gradients.keys.sorted().flatMap { gradients[$0]!.storage }
        let sumOfSquares = values.reduce(0) { $0 + $1 * $1 }
        let largest = values.map(abs).max() ?? 0
        guard sumOfSquares.isInfinite || (sumOfSquares == 0 && largest > 0), largest.isFinite else {
            return sumOfSquares.squareRoot()
        }
        return largest * values.reduce(0) { $0 + ($1 / largest) * ($1 / largest) }.squareRoot()
    }

    public func apply(to gradients: inout NamedMatrices) {
        switch self {
        case let .byValue(threshold):
            precondition(threshold > 0, "GradientClipping.byValue: the threshold must be positive, got \(threshold)")
            for key in Array(gradients.keys) {
                gradients[key] = gradients[key]!.map { Swift.min(Swift.max($0, -threshold), threshold) }
            }
        case let .byGlobalNorm(maxNorm):
            precondition(maxNorm > 0, "GradientClipping.byGlobalNorm: the norm must be positive, got \(maxNorm)")
            let norm = Self.globalNorm(gradients)
            guard norm > maxNorm else { return }
            let rate = maxNorm / norm
            for key in Array(gradients.keys) { gradients[key] = gradients[key]! * rate }
        }
    }

    public func applied(to gradients: NamedMatrices) -> NamedMatrices {
        var clipped = gradients
        apply(to: &clipped)
        return clipped
    }
}

/// An optimizer that clips the gradients first: any optimizer, with a guard against explosion.
public struct Clipped<Base: Optimizer>: Optimizer {
    public var base: Base
    public let clipping: GradientClipping

    public init(_ base: Base, clipping: GradientClipping) {
        self.base = base
        self.clipping = clipping
    }

    public mutating func update(_ parameters: inout NamedMatrices, gradients: NamedMatrices) {
        base.update(&parameters, gradients: clipping.applied(to: gradients))
    }
}

// MARK: - Walking the named parameters

/// The gradient named `key`, which must have the parameter's shape (the book would fail with a
/// KeyError or a broadcasting error).
private func gradient(_ key: String, of parameters: NamedMatrices, in gradients: NamedMatrices) -> Matrix {
    guard let g = gradients[key] else { preconditionFailure("optimizer: no gradient for the parameter '\(key)'") }
    let p = parameters[key]!
    precondition(
        p.rows == g.rows && p.cols == g.cols,
        "optimizer: gradient of '\(key)' has shape \(g.shapeDescription), the parameter \(p.shapeDescription)")
    return g
}

/// `step(&x, g, &s)` for every element x of every parameter, g of its gradient and s of its
/// matrix in `state` (zeros the first time): one optimizer statement after the other, as the
/// book writes them for whole arrays, done per element.
private func forEachElement(
    of parameters: inout NamedMatrices, _ gradients: NamedMatrices,
    state: inout NamedMatrices, _ step: (inout Double, Double, inout Double) -> Void
) {
    for key in Array(parameters.keys) {
        let g = gradient(key, of: parameters, in: gradients)
        parameters[key]!.updateElements(along: g, state: &state[key, default: .zeros(like: g)], step)
    }
}
