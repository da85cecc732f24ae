/// Arithmetic done in the order NumPy does it, where the book's printed digits depend on it.

/// `np.sum` of a contiguous run of doubles, in NumPy's pairwise order.
///
/// NumPy adds fewer than 8 numbers left to right; up to 128 it keeps 8 running sums and combines
/// them as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) before adding the leftovers; beyond 128 it splits
/// the run in two (at a multiple of 8) and recurses. The result can differ from a left-to-right
/// sum in the last digits, and the book prints those digits.
public func pairwiseSum(_ values: ArraySlice<Double>) -> Double {
    let n = values.count
    let start = values.startIndex
    if n < 8 {
        var sum = -0.0  // NumPy's additive identity for floats keeps the sign of -0.0
        for v in values { sum += v }
        return sum
    }
    if n <= 128 {
        var r = (0..<8).map { values[start + $0] }
        var i = 8
        while i < n - n % 8 {
            for j in 0..<8 { r[j] += values[start + i + j] }
            i += 8
        }
        var sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n {
            sum += values[start + i]
            i += 1
        }
        return sum
    }
    var half = n / 2
    half -= half % 8
    return pairwiseSum(values[start..<(start + half)]) + pairwiseSum(values[(start + half)...])
}

/// `np.arange(start, stop, step)` for floats, element for element.
///
/// NumPy does not compute `start + i * step`: it takes `delta = (start + step) - start` and fills
/// `start + i * delta`, so `np.arange(-5, 5, 0.1)[50]` is about -1.8e-14, not 0.
public func arange(_ start: Double, _ stop: Double, _ step: Double) -> [Double] {
    precondition(step != 0, "arange: step must not be zero")
    let length = Int(((stop - start) / step).rounded(.up))
    guard length > 0 else { return [] }
    let delta = (start + step) - start
    return (0..<length).map { start + Double($0) * delta }
}

/// `np.linspace(start, stop, num)`, element for element.
///
/// NumPy fills `i * step + start` with `step = (stop - start) / (num - 1)`, and then sets the
/// last point to `stop` itself, which `(num - 1) * step + start` may miss by an ulp.
public func linspace(_ start: Double, _ stop: Double, _ num: Int) -> [Double] {
    precondition(num >= 0, "linspace: the number of samples must not be negative, got \(num)")
    guard num > 1 else { return num == 1 ? [start] : [] }
    let step = (stop - start) / Double(num - 1)
    var points = (0..<num).map { Double($0) * step + start }
    points[num - 1] = stop
    return points
}
