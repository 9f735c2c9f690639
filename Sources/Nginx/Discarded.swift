import Dispatch

/// A value handed to another thread to be freed there: the box holds the only reference, and
/// `empty` drops it, so the (possibly large) value is freed by whoever calls `empty`.
final class Discarded<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let lock = DispatchSemaphore(value: 1)

    init(_ value: consuming Value) {
        self.value = value
    }

    /// Frees the value (once; later calls do nothing).
    func empty() {
        lock.wait()
        let taken = value.take()
        lock.signal()
        _ = consume taken
    }
}
