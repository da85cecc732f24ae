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

    /// The same with two state matrices (Adam's m and v).
    mutating func updateElements(
        along gradient: Matrix, states first: inout Matrix, _ second: inout Matrix,
        _ step: (inout Double, Double, inout Double, inout Double) -> Void
    ) {
        storage.withUnsafeMutableBufferPointer { x in
            gradient.storage.withUnsafeBufferPointer { g in
                first.storage.withUnsafeMutableBufferPointer { m in
                    second.storage.withUnsafeMutableBufferPointer { v in
                        for i in x.indices { step(&x[i], g[i], &m[i], &v[i]) }
                    }
                }
            }
        }
    }
}
