/// The 32-bit Mersenne Twister (MT19937) as NumPy's legacy `RandomState` runs it.
///
/// Matsumoto and Nishimura's generator: 624 words of state, regenerated all at once ("twist")
/// when used up, each word tempered on the way out. Seeding an integer uses the reference
/// `init_genrand` recurrence, which is what `numpy.random.seed(s)` does for an integer `s`
/// (NumPy uses `init_by_array` only when the seed is an array).
public struct MersenneTwister: Sendable {
    static let stateSize = 624
    static let shift = 397
    static let twistMatrix: UInt32 = 0x9908_B0DF
    static let upperBit: UInt32 = 0x8000_0000
    static let lowerBits: UInt32 = 0x7FFF_FFFF

    private var words: [UInt32]
    /// Index of the next word to hand out; `stateSize` means "twist first".
    private var position: Int

    public init(seed: UInt32) {
        words = Array(repeating: 0, count: Self.stateSize)
        position = Self.stateSize
        self.seed(seed)
    }

    /// Knuth's multiplicative recurrence from the reference `init_genrand`.
    public mutating func seed(_ seed: UInt32) {
        var value = seed
        for index in 0..<Self.stateSize {
            words[index] = value
            value = 1_812_433_253 &* (value ^ (value >> 30)) &+ UInt32(index + 1)
        }
        position = Self.stateSize
    }

    /// The next tempered 32-bit output.
    public mutating func next32() -> UInt32 {
        if position == Self.stateSize { twist() }
        var y = words[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Two outputs joined, the first one in the high half (NumPy's `mt19937_next64`).
    public mutating func next64() -> UInt64 {
        let high = UInt64(next32())
        let low = UInt64(next32())
        return high << 32 | low
    }

    /// A double in [0, 1) with 53 random bits: 27 bits of one output and 26 of the next, as
    /// NumPy's `random_sample` builds it.
    public mutating func nextDouble() -> Double {
        let high = Double(next32() >> 5)
        let low = Double(next32() >> 6)
        return (high * 67_108_864.0 + low) / 9_007_199_254_740_992.0
    }

    /// Regenerates all 624 words from the previous ones.
    private mutating func twist() {
        let n = Self.stateSize, m = Self.shift
        for index in 0..<n {
            let joined = (words[index] & Self.upperBit) | (words[(index + 1) % n] & Self.lowerBits)
            let mixed = (joined >> 1) ^ (joined & 1 == 0 ? 0 : Self.twistMatrix)
            words[index] = words[(index + m) % n] ^ mixed
        }
        position = 0
    }
}
