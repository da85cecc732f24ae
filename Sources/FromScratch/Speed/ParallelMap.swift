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

/// Runs `jobs` jobs that each take the same `steps` inputs in order, preparing each input once
/// per core rather than once per job: the jobs are dealt into one group per usable core (job k
/// to group k mod groups), and a group prepares input i, then hands it to each of its jobs in
/// turn. For inputs that cost about as much to prepare as a job's step takes: a mini-batch
/// gathered from a data set, which the first network to use it also transposes. `step(k, i,
/// input)` must touch only job k's own state.
public func parallelSharingInputs<Input>(
    jobs count: Int, steps: Int, prepare: (Int) -> Input, _ step: (_ job: Int, _ index: Int, Input) -> Void
) {
    let groups = max(1, min(count, SecondCore.usableCPUs))
    _ = parallelMap(groups) { group in
        for i in 0..<steps {
            let input = prepare(i)
            for job in stride(from: group, to: count, by: groups) { step(job, i, input) }
        }
    }
}

/// `parallelMap` over items that each job owns (a network with its optimizer's draws): item k is
/// handed to job k and let go when that job returns, so that a finished network, and what its last
/// forward pass left in its layers, is not kept until every job has finished. The caller hands
/// the items over: `parallelMap(handingOver: consume jobs)`.
public func parallelMap<Item, T>(handingOver items: consuming [Item], _ job: (Item) -> T) -> [T] {
    let count = items.count
    let slots = Handover(consume items)
    return parallelMap(count) { k in job(slots.take(k)) }
}

/// Items taken out one by one, each once, from several threads.
private final class Handover<Item>: @unchecked Sendable {
    private var items: [Item?]
    private let lock = NSLock()

    init(_ items: [Item]) { self.items = items }

    func take(_ k: Int) -> Item {
        lock.withLock {
            guard let item = items[k] else { preconditionFailure("Handover: item \(k) taken twice") }
            items[k] = nil
            return item
        }
    }
}
