import Dispatch
import Foundation

/// Wall time per phase of a scan (`--timings`), read from the monotonic clock; only the CLI
/// reads it. The scanner reports its phase ends through `Scanner.phaseEnded`.
final class Timings: @unchecked Sendable {
    private let lock = NSLock()
    private var last: UInt64
    private let start: UInt64
    private var phases: [(name: String, nanoseconds: UInt64)] = []

    init() {
        start = DispatchTime.now().uptimeNanoseconds
        last = start
    }

    /// Ends the phase that ran since the previous mark.
    func mark(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        phases.append((phase, now - last))
        last = now
        lock.unlock()
    }

    /// One line per phase and the total, milliseconds with one decimal.
    var report: String {
        lock.lock()
        defer { lock.unlock() }
        let total = last - start
        var lines = ["timings (wall):"]
        for (name, ns) in phases + [("total", total)] {
            let ms = Double(ns) / 1e6
            let share = total > 0 ? Double(ns) * 100 / Double(total) : 0
            lines.append("  " + name.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: "%9.1f ms %5.1f%%", ms, share))
        }
        return lines.joined(separator: "\n")
    }
}
