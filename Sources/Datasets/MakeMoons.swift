import Foundation
import FromScratch

/// scikit-learn's `make_moons` as it draws with `random_state=None` after
/// `numpy.random.seed(s)`: two interleaving half circles, labels 0 (outer) and 1 (inner).
///
/// Pass a `RandomState` seeded like NumPy's global generator; it is advanced exactly as
/// scikit-learn advances it (one shuffle of `samples` indices, then one normal per coordinate),
/// so code that goes on drawing from the same state keeps matching the Python code.
///
/// - Parameters:
///   - samples: total points; the outer moon gets `samples / 2`, the inner one the rest.
///   - noise: standard deviation of the Gaussian noise added to every coordinate, or nil.
///   - shuffle: whether to shuffle the points (otherwise all outer points come first).
/// - Returns: `x`, a samples x 2 matrix, and the labels `y`.
public func makeMoons(
    samples: Int = 100, noise: Double? = nil, shuffle: Bool = true,
    random: inout RandomState
) -> (x: Matrix, y: [Int]) {
    precondition(samples >= 0, "makeMoons: samples must be non-negative, got \(samples)")
    if let noise { precondition(noise >= 0 && noise.isFinite, "makeMoons: noise must be >= 0, got \(noise)") }
    let outerCount = samples / 2
    let innerCount = samples - outerCount

    let outerAngles = linspace(0, .pi, outerCount)
    let innerAngles = linspace(0, .pi, innerCount)
    // Rows as sklearn stacks them: the outer moon, then the inner one shifted right and down.
    var points: [(Double, Double)] = outerAngles.map { (cos($0), sin($0)) }
    points += innerAngles.map { (1 - cos($0), 1 - sin($0) - 0.5) }
    var labels = Array(repeating: 0, count: outerCount) + Array(repeating: 1, count: innerCount)

    if shuffle {
        // sklearn.utils.shuffle -> resample(replace=False): shuffles arange(n) in place and
        // takes the rows in that order.
        var order = Array(0..<samples)
        random.shuffle(&order)
        points = order.map { points[$0] }
        labels = order.map { labels[$0] }
    }

    var x = Matrix(rows: samples, cols: 2, storage: points.flatMap { [$0.0, $0.1] })
    if let noise {
        // X += normal(scale=noise, size=X.shape): one draw per element, row by row.
        let jitter = random.normal(loc: 0, scale: noise, count: samples * 2)
        for index in 0..<x.storage.count { x.storage[index] += jitter[index] }
    }
    return (x, labels)
}
