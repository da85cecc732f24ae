import Foundation

/// Remembers the result of a long run per setup, for the lifetime of the process: the rows
/// of a chapter and its figures read the same training run, which is done once.
public final class RunCache<Key: Hashable, Value>: @unchecked Sendable {
    private var runs: [Key: Value] = [:]
    private let lock = NSLock()

    public init() {}

    /// The stored result for `key`, or `run()`'s, which is stored. Callers asking for the same
    /// key meanwhile wait for the one run rather than repeat it.
    public func value(for key: Key, orRun run: () throws -> Value) rethrows -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let done = runs[key] { return done }
        let value = try run()
        runs[key] = value
        return value
    }

    /// The stored result, if there is one (for callers that run several setups together).
    public func stored(_ key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return runs[key]
    }

    public func store(_ value: Value, for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        runs[key] = value
    }
}
