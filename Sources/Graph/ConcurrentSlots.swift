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
