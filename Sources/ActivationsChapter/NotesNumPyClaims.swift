import BookChecks
import Figures
import FromScratch

/// Seed 003 §一's NumPy cheat sheet, one comment checked: what `np.random.choice(1000,100)` draws.
/// The book's mini-batches come from the same call (`np.random.choice(train_size, batch_size)`,
/// DLfS 4.2.3), so its range and its repeats matter.
enum NotesNumPyClaims: WorkedExample {
    static let rows: [String: () -> Finding] = ["notes-003-choice-range": choiceRange]

    /// "从0-1000中随机产生100个数": 100 draws from 0…999 (1000 itself never), with replacement.
    static func choiceRange() -> Finding {
        var random = RandomState(seed: 0)
        let draw = random.choice(1000, size: 100)
        let many = random.choice(1000, size: 100_000)
        return Finding(
            .claim(
                holds: (draw + many).allSatisfy { (0..<1000).contains($0) },
                detail: "after seed 0: 100 draws from \(draw.min()!) to \(draw.max()!), \(Set(draw).count) of them "
                    + "distinct (drawn with replacement); 100000 more never give 1000 (largest \(many.max()!)): "
                    + "0 to 999, repeats possible"))
    }
}
