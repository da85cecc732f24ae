import BookChecks
import Figures
import Foundation
import FromScratch

/// Seed 004 §3.3.2: AdaGrad tells oscillating from flat directions by the squared gradients it
/// sums (通过梯度幅度的平方…), and a small sum r enlarges the step ε/√r, a large one shrinks it.
enum NotesAdaGradDirections: WorkedExample {
    static let rows: [String: () -> Finding] = ["notes-004-adagrad-directions": finding]

    /// AdaGrad (lr 1.5, the book's) on x²/20 + y² from (−7, 2): y is the oscillating direction,
    /// x the flat one. After 30 steps, r per coordinate and the step scale ε/√r it leaves.
    static func finding() -> Finding {
        var optimizer = AdaGrad(learningRate: 1.5)
        _ = descend(&optimizer, from: OptimizerPaths.start, steps: 30, gradient: OptimizerPaths.gradient)
        let r = optimizer.accumulator["x"]!.storage
        let scale = r.map { 1.5 / $0.squareRoot() }
        return Finding(
            .claim(
                holds: r[1] > r[0] && scale[0] > scale[1],
                detail: "on x²/20 + y² from (-7, 2), 30 AdaGrad steps (lr 1.5): r = \(significant(r[0])) along x "
                    + "(flat), \(significant(r[1])) along y (oscillating); the step scale ε/√r is "
                    + "\(significant(scale[0])) along x, \(significant(scale[1])) along y"))
    }
}
