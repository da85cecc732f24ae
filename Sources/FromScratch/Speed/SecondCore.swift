/// Speed: a reader can skip this file. It lends the machine's second core to one network, so
/// that the big products (`matmul`), the sigmoid's `exp` and the gathering of a mini-batch run
/// in parts on both cores at once; the parts are fixed by the shape, so the results are those of
/// one core.
import Foundation
import Synchronization

/// The machine's second core, lent to one network's training.
///
/// A network's step is a chain of products, each needing the one before, so one network cannot
/// spread its steps over two cores; what can be shared is the inside of a big product. While
/// `SecondCore.lend { core in ... }` runs, a helper thread stands by, and the lending thread's
/// products that are big enough (`splits(m:n:k:)`) are cut into parts of rows, as is the
/// gathering of a mini-batch: the lender and the helper each take the next part nobody has
/// taken, until none is left. A busy or slow helper thus takes fewer parts, and the lender waits
/// at most for the one part the helper is doing (a product through dgemm has two parts, halves;
/// one from compressed rows, several). Between jobs the helper runs background work (the
/// per-epoch evaluations). Both cores stay busy with exactly two threads: no third thread fights
/// them for a core, which is what makes OpenBLAS's own second thread collapse on a busy machine.
///
/// Results do not depend on the helper: the parts are fixed by the product's shape, not by which
/// thread computes them, and each part stays on OpenBLAS's general path (the sparse kernel
/// computes each row alike in any part), so a split product is bitwise the product of one call
/// (tested).
public final class SecondCore: @unchecked Sendable {
    // The hand-over of a shared job: the lender stores the job and its number of parts, then
    // `posted`; the helper joins by moving it to `taken` and reports `done` when no part is left,
    // or the lender withdraws the offer (back to `idle`) if the helper has not joined by then.
    // Each thread takes the next part from `nextPart`.
    private static let idle = 0, posted = 1, taken = 2, done = 3
    private let offer = Atomic<Int>(0)
    private var job: ((Int) -> Void)?
    private var partCount = 0
    private let nextPart = Atomic<Int>(0)

    // Background work, first in first out; `unfinished` counts queued and running items.
    private let queue = Mutex<(items: [@Sendable () -> Void], next: Int)>(([], 0))
    private let queued = Atomic<Int>(0)
    private let unfinished = Atomic<Int>(0)

    private let stopping = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)

    private init() {}

    // MARK: - Lending

    /// `pthread_self()` of the thread the core is lent to (0: none), and its `SecondCore`.
    private static let owner = Atomic<UInt>(0)
    nonisolated(unsafe) private static var lent: SecondCore?

    /// The CPUs this process may run on: its affinity mask, which `taskset` or a cpuset can
    /// narrow to one (Foundation's processor counts are the machine's; a CPU quota is not seen
    /// here). On one CPU a spinning helper would take half of it from the training.
    static let usableCPUs: Int = {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") })
        else { return ProcessInfo.processInfo.activeProcessorCount }
        let allowed = line.dropFirst("Cpus_allowed:".count).compactMap(\.hexDigitValue).reduce(0) {
            $0 + $1.nonzeroBitCount
        }
        return min(allowed, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Runs `body` with the second core lent to the calling thread. Only one thread of the process
    /// borrows it at a time: a `lend` while it is out (nested, or on another thread), or in a
    /// process allowed one CPU (`usableCPUs`), runs `body` with a `SecondCore` that has no helper, whose background
    /// work runs in `finishBackground()`. Lend only where nothing else keeps the other core busy:
    /// the helper spins while it waits, to pick up a half within a microsecond.
    public static func lend<T>(_ body: (SecondCore) throws -> T) rethrows -> T {
        let me = thisThread
        guard usableCPUs > 1,
            owner.compareExchange(expected: 0, desired: me, ordering: .acquiringAndReleasing).exchanged
        else {
            let alone = SecondCore()
            defer { alone.finishBackground() }
            return try body(alone)
        }
        let core = SecondCore()
        lent = core
        Thread { core.helperLoop() }.start()
        defer {
            core.finishBackground()
            core.stopping.store(true, ordering: .releasing)
            core.stopped.wait()
            lent = nil
            owner.store(0, ordering: .releasing)
        }
        return try body(core)
    }

    private static var thisThread: UInt { UInt(pthread_self()) }

    /// The core lent to the calling thread, if any.
    static var lentToThisThread: SecondCore? {
        owner.load(ordering: .acquiring) == thisThread ? lent : nil
    }

    /// Runs `body` over 0 ..< count cut into `parts` consecutive ranges, as `inParts` runs parts:
    /// the ranges depend only on `count` and `parts`, never on which core takes them.
    static func splitting(_ count: Int, into parts: Int, _ body: (Range<Int>) -> Void) {
        inParts(parts) { i in body(range(i, of: count, in: parts)) }
    }

    /// Range i of 0 ..< count cut into `parts` consecutive ranges, as `splitting` cuts it.
    static func range(_ i: Int, of count: Int, in parts: Int) -> Range<Int> {
        (count * i / parts)..<(count * (i + 1) / parts)
    }

    /// Runs `part(0)` … `part(count − 1)`, independent parts of one job: shared by both cores
    /// when the calling thread has the second core, else one after the other.
    static func inParts(_ count: Int, _ part: (Int) -> Void) {
        if count > 1, let core = lentToThisThread {
            core.share(count, part)
        } else {
            for i in 0..<count { part(i) }
        }
    }

    /// Whether an m x k by k x n product is split in two row halves. Each half must keep
    /// m/2 · n · k above 10^6 multiply-adds: below that OpenBLAS's dgemm takes its small-matrix
    /// kernels, which round differently from the general path (and a half that small would not
    /// repay the hand-over anyway).
    public static func splits(m: Int, n: Int, k: Int) -> Bool {
        m >= 2 && (m / 2) * n * k > 1_000_000
    }

    // MARK: - Sharing a product

    /// Runs the parts here, and on the helper too if it is free to join. Returns when all have
    /// run.
    func share(_ count: Int, _ part: (Int) -> Void) {
        withoutActuallyEscaping(part) { part in
            (job, partCount) = (part, count)
            nextPart.store(0, ordering: .relaxed)
            offer.store(Self.posted, ordering: .releasing)
            takeParts()
            if !offer.compareExchange(
                expected: Self.posted, desired: Self.idle,
                ordering: .acquiringAndReleasing
            ).exchanged {
                while offer.load(ordering: .acquiring) != Self.done {}
                offer.store(Self.idle, ordering: .relaxed)
            }
            job = nil
        }
    }

    /// Runs the next part nobody has taken, until none is left.
    private func takeParts() {
        while true {
            let i = nextPart.wrappingAdd(1, ordering: .relaxed).oldValue
            guard i < partCount else { return }
            job!(i)
        }
    }

    // MARK: - Background work

    /// Queues `work` for the helper's spare moments. It runs on another thread, in queue order
    /// with the other background work; `finishBackground()` waits for all of it.
    public func inBackground(_ work: @escaping @Sendable () -> Void) {
        unfinished.add(1, ordering: .relaxed)
        queue.withLock { $0.items.append(work) }
        queued.add(1, ordering: .releasing)
    }

    /// Runs queued background work on this thread too until none is left, then waits for the
    /// item the helper may still be running.
    public func finishBackground() {
        while let work = takeBackground() { work(); unfinished.subtract(1, ordering: .releasing) }
        while unfinished.load(ordering: .acquiring) > 0 { usleep(50) }
    }

    private func takeBackground() -> (@Sendable () -> Void)? {
        guard queued.load(ordering: .acquiring) > 0 else { return nil }
        return queue.withLock { state -> (@Sendable () -> Void)? in
            guard state.next < state.items.count else { return nil }
            let work = state.items[state.next]
            state.next += 1
            queued.subtract(1, ordering: .relaxed)
            if state.next == state.items.count { state = ([], 0) }
            return work
        }
    }

    // MARK: - The helper

    /// Shared jobs first, then background work; when neither has come for a while (half a
    /// million empty rounds, a millisecond or so: the lender is doing something else than
    /// training), the helper naps instead of spinning. The hand-over word is read before it is
    /// claimed, so that the spinning does not keep taking its cache line from the lender.
    private func helperLoop() {
        var idleRounds = 0
        while !stopping.load(ordering: .acquiring) {
            if offer.load(ordering: .relaxed) == Self.posted,
                offer.compareExchange(
                    expected: Self.posted, desired: Self.taken,
                    ordering: .acquiringAndReleasing
                ).exchanged
            {
                takeParts()
                offer.store(Self.done, ordering: .releasing)
                idleRounds = 0
            } else if let work = takeBackground() {
                work()
                unfinished.subtract(1, ordering: .releasing)
                idleRounds = 0
            } else {
                idleRounds += 1
                if idleRounds > 1 << 19 { usleep(100) }
            }
        }
        stopped.signal()
    }
}
