/// The functions DLfS 4.3-4.4 differentiates and descends, written in the book's evaluation order: the printed
/// digits depend on it (Python's `0.01*x**2` is `0.01*(x*x)`, not `(0.01*x)*x`).
public enum BookFunctions {
    /// function_1, f(x) = 0.01x² + 0.1x.
    public static func function1(_ x: Double) -> Double { 0.01 * (x * x) + 0.1 * x }

    /// Its exact derivative, 0.02x + 0.1.
    public static func function1Derivative(_ x: Double) -> Double { 0.02 * x + 0.1 }

    /// function_2, f(x0, x1) = x0² + x1², as `x[0]**2 + x[1]**2`.
    public static func function2(_ x: Matrix) -> Double {
        x[flat: 0] * x[flat: 0] + x[flat: 1] * x[flat: 1]
    }

    /// seed 000's function_3, `np.sum(x**2)`: the same sum of squares for an array of any size.
    public static func sumOfSquares(_ x: Matrix) -> Double { x.map { $0 * $0 }.sum() }
}
