/// The book's `smooth_curve` (`common/util.py`), which draws the noisy mini-batch losses of
/// DLfS figs 6-9 and 6-15 as smooth lines: a moving average weighted by a Kaiser window.
///
/// The series is extended at both ends by its mirror image (10 values each side, the end value
/// itself not repeated), convolved with an 11-point Kaiser window (β = 2) scaled to sum 1, and
/// the `valid` part is cut back to the series' length. Each smoothed value is thus a weighted
/// mean of 11 neighbours, heaviest in the middle.
public enum LossSmoothing {
    /// The book's window length.
    public static let windowLength = 11
    /// The book's Kaiser β.
    public static let beta = 2.0

    /// `smooth_curve(x)`: as many values as `values`, which needs at least 11.
    public static func smoothCurve(_ values: [Double]) -> [Double] {
        let n = values.count, half = windowLength / 2
        precondition(n >= windowLength, "smoothCurve: needs at least \(windowLength) values, got \(n)")
        // np.r_[x[window_len-1:0:-1], x, x[-1:-window_len:-1]]
        let extended =
            Array(values[1..<windowLength].reversed()) + values
            + Array(values[(n - windowLength + 1)...].reversed())
        let window = kaiserWindow(windowLength, beta: beta)
        let total = pairwiseSum(window[...])
        let weights = window.map { $0 / total }
        // np.convolve(w, s, mode='valid') gives extended.count - 10 values; [5:len-5] keeps n.
        // The window is symmetric, so convolving equals sliding it along.
        return (0..<n).map { i in
            let first = i + half
            var sum = 0.0
            for j in 0..<windowLength { sum += weights[j] * extended[first + j] }
            return sum
        }
    }

    /// `np.kaiser(m, beta)`: I0(β·√(1 − ((k − α)/α)²)) / I0(β), α = (m − 1)/2, k = 0…m−1.
    public static func kaiserWindow(_ m: Int, beta: Double) -> [Double] {
        precondition(m >= 2, "kaiserWindow: needs at least 2 points, got \(m)")
        let alpha = Double(m - 1) / 2
        return (0..<m).map { k in
            let r = (Double(k) - alpha) / alpha
            return besselI0(beta * (1 - r * r).squareRoot()) / besselI0(beta)
        }
    }

    /// The modified Bessel function I0(x) = Σ ((x/2)^k / k!)², summed until the terms no longer
    /// change the sum (for the book's |x| ≤ 2 that is about 15 terms).
    public static func besselI0(_ x: Double) -> Double {
        let quarterSquare = x * x / 4
        var term = 1.0, sum = 1.0, k = 1.0
        while true {
            term *= quarterSquare / (k * k)
            let next = sum + term
            if next == sum { return sum }
            sum = next
            k += 1
        }
    }
}
