import Dispatch

/// One slot per work item, filled by concurrent workers and read once they have all finished,
/// so parallel work comes back in a fixed order whatever the scheduling.
public final class ConcurrentSlots<Element: Sendable>: @unchecked Sendable {
    private var slots: [Element?]
    private let lock = DispatchSemaphore(value: 1)

    /// `count` empty slots.
    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Fills slot `index`.
    public func set(_ index: Int, _ value: Element) {
        lock.wait()
        slots[index] = value
        lock.signal()
    }

    /// Every slot's value, in index order; every slot must have been filled.
    public var values: [Element] {
        lock.wait()
        defer { lock.signal() }
        return slots.map { value in
            guard let value else { preconditionFailure("a concurrent worker left its slot empty") }
            return value
        }
    }
}

/// `(0..<count).map(transform)`, computed on every core in up to `chunks` contiguous chunks and
/// returned in index order, so the result does not depend on the scheduling.
///
/// Many more chunks than cores (the default), so an unlucky split does not leave a core idle;
/// below `serialBelow` items it runs on the calling thread.
public func concurrentMap<T: Sendable>(_ count: Int, chunks: Int = 64, serialBelow: Int = 16, _ transform: @Sendable (Int) -> T) -> [T] {
    guard count >= serialBelow, count > 1 else { return (0..<count).map(transform) }
    let chunks = min(count, chunks)
    let slots = ConcurrentSlots<[T]>(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        slots.set(chunk, (count * chunk / chunks..<count * (chunk + 1) / chunks).map(transform))
    }
    return slots.values.flatMap { $0 }
}
