/// Speed: a reader can skip this file. Independent trainings share the machine's cores.
import Foundation

/// Runs independent jobs on the machine's cores (one after another where the process may use only
/// one) and returns their results in job order.
///
/// The experiments of chapter 6 train several networks that never look at each other (one per
/// optimizer, initial scale, weight scale or trial); once their random draws are made in the
/// book's order, they can train at the same time. Each job must touch only its own network.
/// A single job gets the second core lent to it instead (`SecondCore`).
public func parallelMap<T>(_ count: Int, _ job: (Int) -> T) -> [T] {
    guard count > 1 else { return SecondCore.lend { _ in (0..<count).map(job) } }
    // On one CPU, jobs taking turns would only evict each other's weights from the cache.
    guard SecondCore.usableCPUs > 1 else { return (0..<count).map(job) }
    var results = [T?](repeating: nil, count: count)
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: count) { index in
        let result = job(index)
        lock.withLock { results[index] = result }
    }
    return results.map { $0! }
}
