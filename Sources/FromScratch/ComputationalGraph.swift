/// The two nodes of DLfS 5.3-5.4's computational graphs (计算图), for scalars.
///
/// Each remembers what it needs on the way forward, so that on the way back it can turn the
/// upstream derivative into one for each input by the chain rule (链式法则).

/// z = x · y. Backward: ∂z/∂x = y and ∂z/∂y = x, so the inputs swap places.
public struct MultiplyNode: Sendable {
    private var x = 0.0, y = 0.0
    public init() {}

    public mutating func forward(_ x: Double, _ y: Double) -> Double {
        self.x = x
        self.y = y
        return x * y
    }

    public func backward(_ dout: Double) -> (dx: Double, dy: Double) { (dout * y, dout * x) }
}

/// z = x + y. Backward: both derivatives are 1, so the upstream value passes through unchanged.
public struct AddNode: Sendable {
    public init() {}

    public func forward(_ x: Double, _ y: Double) -> Double { x + y }

    public func backward(_ dout: Double) -> (dx: Double, dy: Double) { (dout * 1, dout * 1) }
}
