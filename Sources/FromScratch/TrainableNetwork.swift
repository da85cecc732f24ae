/// A network an `Optimizer` trains, as the book's training scripts do for `TwoLayerNet` and
/// `MultiLayerNet` alike:
///
///     grads = network.gradient(x_batch, t_batch)
///     optimizer.update(network.params, grads)
///     loss = network.loss(x_batch, t_batch)
public protocol TrainableNetwork: AnyObject {
    /// The parameters by the book's names (W1, b1, …).
    var params: NamedMatrices { get set }
    /// Hands the parameters over, leaving the network without them until `params` is set back:
    /// an optimizer then owns the only copy and updates it in place, without copying a matrix.
    func takeParams() -> NamedMatrices
    /// Backpropagation: the gradient of the loss on this batch for every parameter.
    func gradients(_ x: Matrix, labels: [Int]) -> NamedMatrices
    /// The mean loss on a batch.
    func loss(_ x: Matrix, labels: [Int]) -> Double
}

extension TrainableNetwork {
    /// `optimizer.update(network.params, grads)`, in place.
    public func update<O: Optimizer>(with grads: NamedMatrices, optimizer: inout O) {
        var params = takeParams()
        optimizer.update(&params, gradients: grads)
        self.params = params
    }

    /// One iteration of the book's training loops: gradients by backpropagation, the optimizer's
    /// update, then the loss on the same batch after the update, which is what the book records.
    @discardableResult
    public func trainingStep<O: Optimizer>(_ x: Matrix, labels: [Int], optimizer: inout O) -> Double {
        update(with: gradients(x, labels: labels), optimizer: &optimizer)
        return loss(x, labels: labels)
    }
}
