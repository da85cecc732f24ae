import CElementwise

/// Speed: a reader can skip this file. The optimizers update a parameter, its gradient and their
/// state (velocity, accumulators) element by element, as NumPy's statements do one after the
/// other: `x[i], v[i] = step(x[i], g[i], v[i])` for every i. These loops do it in place, with no
/// temporary matrix and no bounds checks; `ParameterUpdateTests` holds them to the plain loop.
extension Matrix {
    /// `step(&self[i], gradient[i], &state[i])` for every element i (the shapes are checked by
    /// the caller).
    mutating func updateElements(
        along gradient: Matrix, state: inout Matrix,
        _ step: (inout Double, Double, inout Double) -> Void
    ) {
        storage.withUnsafeMutableBufferPointer { x in
            gradient.storage.withUnsafeBufferPointer { g in
                state.storage.withUnsafeMutableBufferPointer { s in
                    for i in x.indices { step(&x[i], g[i], &s[i]) }
                }
            }
        }
    }

    /// self −= c·y / (√h + ε), element by element: the divided step of AdaGrad, RMSprop and Adam,
    /// `x[i] -= c * y[i] / (h[i].squareRoot() + epsilon)` (`ParameterUpdateTests`). Done in C
    /// (`CElementwise`), eight elements at a time: Swift takes each square root alone, through the
    /// C library, where the CPU's vector units take eight at once with the same rounding.
    mutating func subtract(_ c: Double, times y: Matrix, overRootOf h: Matrix, plus epsilon: Double) {
        precondition(
            count == y.count && count == h.count,
            "subtract(_:times:overRootOf:): shapes \(shapeDescription), \(y.shapeDescription), \(h.shapeDescription)")
        let n = count
        storage.withUnsafeMutableBufferPointer { x in
            y.storage.withUnsafeBufferPointer { y in
                h.storage.withUnsafeBufferPointer { h in
                    guard n > 0 else { return }
                    divided_step(x.baseAddress!, y.baseAddress!, h.baseAddress!, Int64(n), c, epsilon)
                }
            }
        }
    }
}
