import Graph

/// Turns byte offsets of a plan's text into line and column (in Unicode scalars, from 1).
///
/// Lines come from a binary search in the line-feed offsets the `JSONTape` recorded. Columns of
/// pure-ASCII text are byte distances; otherwise the number of UTF-8 continuation bytes before
/// an offset comes from a table of running counts per 64-byte block plus the rest of its block,
/// so a lookup costs O(log lines + 64) even on a single 26 MB line.
struct PlanLocator: Sendable {
    let path: String
    private let newlines: [UInt32]
    /// Continuation bytes before each 64-byte block; empty for ASCII text.
    private let blockCounts: [UInt32]
    private let bytes: [UInt8]

    private static let blockShift = 6

    /// A locator over `bytes` with the line feeds and ASCII-ness `tape` found.
    init(bytes: [UInt8], tape: JSONTape, path: String) {
        self.path = path
        self.newlines = tape.newlines
        self.bytes = bytes
        if tape.isASCII {
            blockCounts = []
        } else {
            let blocks = (bytes.count >> PlanLocator.blockShift) + 1
            var counts = [UInt32](repeating: 0, count: blocks)
            bytes.withUnsafeBufferPointer { b in
                var running: UInt32 = 0
                var i = 0
                for block in 0..<blocks {
                    counts[block] = running
                    let end = min(i + (1 << PlanLocator.blockShift), b.count)
                    while i < end {
                        running &+= b[i] & 0xC0 == 0x80 ? 1 : 0
                        i += 1
                    }
                }
            }
            blockCounts = counts
        }
    }

    /// The line and column of byte `offset`.
    func location(_ offset: Int) -> SourceLocation {
        // the number of line feeds before offset
        var lo = 0
        var hi = newlines.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if Int(newlines[mid]) < offset { lo = mid + 1 } else { hi = mid }
        }
        let lineStart = lo == 0 ? 0 : Int(newlines[lo - 1]) + 1
        var column = offset - lineStart + 1
        if !blockCounts.isEmpty { column -= continuations(before: offset) - continuations(before: lineStart) }
        return SourceLocation(path: path, line: lo + 1, column: column)
    }

    private func continuations(before offset: Int) -> Int {
        let block = offset >> PlanLocator.blockShift
        var count = Int(blockCounts[block])
        var i = block << PlanLocator.blockShift
        while i < offset {
            if bytes[i] & 0xC0 == 0x80 { count += 1 }
            i += 1
        }
        return count
    }
}
