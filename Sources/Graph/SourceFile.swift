/// One input as bytes, with the path it is reported under.
///
/// Parsers take a `SourceFile` and never touch the file system themselves; the bytes are kept
/// as read (no decoding), because some formats (plans written by PowerShell) arrive as UTF-16.
public struct SourceFile: Sendable {
    /// The path findings name, relative to the working directory where possible.
    public var path: String
    /// The file's content, exactly as read.
    public var bytes: [UInt8]

    /// A file from its bytes.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// A file from text (tests and standard input), stored as UTF-8.
    public init(path: String, text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
    }

    /// The content decoded as UTF-8, invalid sequences replaced by U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text of the 1-based line `number` without its line break, or nil past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") {
                if current == number { return decodeLine(start, i) }
                current += 1
                start = i + 1
            }
            i += 1
        }
        return current == number && start <= bytes.count ? decodeLine(start, bytes.count) : nil
    }

    private func decodeLine(_ start: Int, _ end: Int) -> String {
        var end = end
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
