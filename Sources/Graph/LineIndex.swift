/// Where each line of a file starts, built in one pass, so finding the text at a line and
/// column costs no rescan of the file (plans are often one 26 MB line; reports look up one
/// line per finding).
public struct LineIndex: Sendable {
    /// Byte offset of the start of each line (line 1 at index 0).
    private var starts: [Int]
    /// Lines (1-based) holding any byte ≥ 0x80; on the others a column is a byte offset.
    private var nonASCII: Set<Int>
    /// The file's bytes.
    public let bytes: [UInt8]

    /// The index of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var nonASCII = Set<Int>()
        bytes.withUnsafeBufferPointer { buffer in
            var high = false
            for i in 0..<buffer.count {
                let b = buffer[i]
                if b == 0x0A {
                    if high { nonASCII.insert(starts.count) }
                    high = false
                    starts.append(i + 1)
                } else if b >= 0x80 {
                    high = true
                }
            }
            if high { nonASCII.insert(starts.count) }
        }
        self.starts = starts
        self.nonASCII = nonASCII
    }

    /// The number of lines (a final line break starts an empty last line).
    public var lineCount: Int { starts.count }

    /// The byte range of line `number` without its line break (and a `\r` before it), or nil
    /// past the end.
    public func range(ofLine number: Int) -> Range<Int>? {
        guard number >= 1 && number <= starts.count else { return nil }
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] - 1 : bytes.count
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// The byte offset of 1-based `column` (counted in Unicode scalars) on line `number`,
    /// clamped to the line's end; nil past the last line.
    public func offset(line number: Int, column: Int) -> Int? {
        guard let range = range(ofLine: number) else { return nil }
        let wanted = max(0, column - 1)
        if !nonASCII.contains(number) { return min(range.lowerBound + wanted, range.upperBound) }
        var scalars = 0
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] & 0xC0 != 0x80 {
                if scalars == wanted { return i }
                scalars += 1
            }
            i += 1
        }
        return range.upperBound
    }

    /// The text of bytes `range`, invalid UTF-8 replaced by U+FFFD.
    public func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}
