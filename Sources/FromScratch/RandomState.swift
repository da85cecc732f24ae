import Foundation

/// NumPy's legacy random generator (`numpy.random.RandomState`, and the global `numpy.random.*`
/// functions after `numpy.random.seed(s)`), reproduced bit for bit.
///
/// The book's examples draw their data and initial weights this way, so with the same seed the
/// same calls in the same order give the same numbers as the Python code, to the last bit.
/// Only the draws the book and its companion code need are here; each follows the algorithm of
/// NumPy's legacy code path, including how many 32-bit words it consumes, because every later
/// draw depends on that.
public struct RandomState: Sendable {
    private var generator: MersenneTwister
    /// The second value of the last polar Box-Muller pair, handed out by the next Gaussian draw
    /// (NumPy's `has_gauss` / `gauss`).
    private var cachedGaussian: Double?

    /// `numpy.random.RandomState(seed)`.
    public init(seed: UInt32) {
        generator = MersenneTwister(seed: seed)
        cachedGaussian = nil
    }

    /// `numpy.random.seed(seed)`: restarts the stream and forgets a cached Gaussian.
    public mutating func seed(_ seed: UInt32) {
        generator.seed(seed)
        cachedGaussian = nil
    }

    /// The next raw 32-bit output of the Mersenne Twister.
    public mutating func nextUInt32() -> UInt32 { generator.next32() }

    // MARK: - Uniform floats

    /// One `numpy.random.random_sample()`: a double in [0, 1).
    public mutating func randomSample() -> Double { generator.nextDouble() }

    /// `numpy.random.rand(count)`.
    public mutating func rand(_ count: Int) -> [Double] {
        precondition(count >= 0, "rand: negative count \(count)")
        return (0..<count).map { _ in generator.nextDouble() }
    }

    /// `numpy.random.rand(rows, cols)`, filled row by row as NumPy does.
    public mutating func rand(_ rows: Int, _ cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: rand(rows * cols))
    }

    /// `numpy.random.uniform(low, high, count)`: `low + (high - low) * random_sample()`.
    public mutating func uniform(low: Double = 0, high: Double = 1, count: Int) -> [Double] {
        let range = high - low
        precondition(range.isFinite, "uniform: range \(low)..<\(high) exceeds valid bounds")
        precondition(count >= 0, "uniform: negative count \(count)")
        return (0..<count).map { _ in low + range * generator.nextDouble() }
    }

    // MARK: - Gaussians

    /// One `numpy.random.standard_normal()`, by the legacy polar Box-Muller method.
    ///
    /// Each accepted point (x1, x2) of the unit disc yields two normals; the one from x2 is
    /// returned and the one from x1 is kept for the next call, exactly as NumPy does.
    public mutating func standardNormal() -> Double {
        if let cached = cachedGaussian {
            cachedGaussian = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, radiusSquared = 0.0
        repeat {
            x1 = 2.0 * generator.nextDouble() - 1.0
            x2 = 2.0 * generator.nextDouble() - 1.0
            radiusSquared = x1 * x1 + x2 * x2
        } while radiusSquared >= 1.0 || radiusSquared == 0.0
        let factor = (-2.0 * log(radiusSquared) / radiusSquared).squareRoot()
        cachedGaussian = factor * x1
        return factor * x2
    }

    /// `numpy.random.randn(count)`.
    public mutating func randn(_ count: Int) -> [Double] {
        precondition(count >= 0, "randn: negative count \(count)")
        return (0..<count).map { _ in standardNormal() }
    }

    /// `numpy.random.randn(rows, cols)`, filled row by row.
    public mutating func randn(_ rows: Int, _ cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: randn(rows * cols))
    }

    /// `numpy.random.normal(loc, scale, count)`: `loc + scale * standard_normal()`.
    public mutating func normal(loc: Double = 0, scale: Double = 1, count: Int) -> [Double] {
        precondition(scale >= 0, "normal: scale must be non-negative, got \(scale)")
        precondition(count >= 0, "normal: negative count \(count)")
        return (0..<count).map { _ in loc + scale * standardNormal() }
    }

    /// `numpy.random.normal(loc, scale, size=(rows, cols))`, filled row by row.
    public mutating func normal(loc: Double = 0, scale: Double = 1, rows: Int, cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: normal(loc: loc, scale: scale, count: rows * cols))
    }

    // MARK: - Integers

    /// `numpy.random.randint(low, high, count)` with the default 64-bit integers: values in
    /// `low..<high`.
    ///
    /// NumPy draws `off + v` with `v` in the closed range 0...(high - 1 - low) by masked
    /// rejection: draw, keep only the bits of the smallest all-ones mask covering the range,
    /// retry while too large. Ranges that fit 32 bits draw 32-bit words, wider ones 64-bit
    /// words, and a range of one value draws nothing.
    public mutating func randint(_ low: Int, _ high: Int, count: Int) -> [Int] {
        precondition(count >= 0, "randint: negative count \(count)")
        if count == 0 { return [] }  // NumPy returns before checking the bounds
        precondition(low < high, "randint: low >= high (\(low) >= \(high))")
        let closedRange = UInt64(bitPattern: Int64(high - 1)) &- UInt64(bitPattern: Int64(low))
        let offset = UInt64(bitPattern: Int64(low))
        return (0..<count).map { _ in
            Int(Int64(bitPattern: offset &+ boundedDraw(closedRange)))
        }
    }

    /// `numpy.random.randint(high, size=count)`: values in `0..<high`.
    public mutating func randint(_ high: Int, count: Int) -> [Int] {
        randint(0, high, count: count)
    }

    /// A value in 0...range by masked rejection (NumPy's `random_bounded_uint64_fill` with
    /// `use_masked`).
    private mutating func boundedDraw(_ range: UInt64) -> UInt64 {
        if range == 0 { return 0 }
        let mask = Self.smallestMask(covering: range)
        if range <= UInt64(UInt32.max) {
            while true {
                let value = UInt64(generator.next32() & UInt32(truncatingIfNeeded: mask))
                if value <= range { return value }
            }
        }
        if range == UInt64.max { return generator.next64() }
        while true {
            let value = generator.next64() & mask
            if value <= range { return value }
        }
    }

    /// A value in 0...max as NumPy's `random_interval` draws it for shuffling; the same masked
    /// rejection as `randint`, with 32-bit words while `max` fits them.
    public mutating func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        let mask = Self.smallestMask(covering: max)
        while true {
            let value =
                max <= UInt64(UInt32.max)
                ? UInt64(generator.next32()) & mask
                : generator.next64() & mask
            if value <= max { return value }
        }
    }

    /// The smallest 2^k - 1 that is >= `value`.
    static func smallestMask(covering value: UInt64) -> UInt64 {
        var mask = value
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        mask |= mask >> 32
        return mask
    }

    // MARK: - Permutations and sampling

    /// `numpy.random.shuffle(array)` for a 1-D array: Fisher-Yates from the last element down,
    /// swapping element i with one drawn from 0...i.
    public mutating func shuffle<Element>(_ array: inout [Element]) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, through: 1, by: -1) {
            let other = Int(interval(UInt64(index)))
            array.swapAt(index, other)
        }
    }

    /// `numpy.random.permutation(n)`: `arange(n)`, shuffled.
    public mutating func permutation(_ n: Int) -> [Int] {
        precondition(n >= 0, "permutation: negative n \(n)")
        var values = Array(0..<n)
        shuffle(&values)
        return values
    }

    /// `numpy.random.choice(n, size, replace)` without probabilities: with replacement it is
    /// `randint(0, n, size)`; without, the first `size` entries of `permutation(n)` (so it
    /// consumes a full shuffle of n, as NumPy's legacy code does).
    public mutating func choice(_ n: Int, size: Int, replace: Bool = true) -> [Int] {
        precondition(size >= 0, "choice: negative size \(size)")
        precondition(n > 0 || size == 0, "choice: n must be greater than 0 unless no samples are taken")
        if replace { return randint(0, n, count: size) }
        precondition(
            size <= n, "choice: cannot take a larger sample (\(size)) than the population (\(n)) when replace is false")
        return Array(permutation(n).prefix(size))
    }
}
