import Graph

/// A pass or fail input embedded in a policy, which doubles as a test.
public struct PolicyExample: Sendable, Hashable {
    /// Whether the example must comply.
    public enum Expectation: String, Sendable, Hashable {
        case pass, fail
    }

    public var expectation: Expectation
    /// The input text with `↓` markers removed.
    public var text: String
    /// 1-based lines of `text` that `↓` marked: a finding must point at each of them.
    public var markedLines: [Int]
    /// Where the example is written in the policy file.
    public var location: SourceLocation
    /// Position among the policy's examples of this expectation, from 1.
    public var number: Int

    /// An example from its raw text: every `↓` that starts a line's content (after
    /// indentation) marks that line, and is removed.
    public init(expectation: Expectation, rawText: String, location: SourceLocation, number: Int) {
        self.expectation = expectation
        self.location = location
        self.number = number
        // Byte-wise: this runs for every example of every policy at each start-up.
        let arrow: [UInt8] = [0xE2, 0x86, 0x93]  // ↓
        let raw = Array(rawText.utf8)
        guard raw.count >= 3, raw.contains(arrow[0]) else {
            self.text = rawText
            self.markedLines = []
            return
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var marked: [Int] = []
        var line = 1
        var i = 0
        while i < raw.count {
            var end = i
            while end < raw.count && raw[end] != 0x0A { end += 1 }
            var content = i
            while content < end && (raw[content] == 0x20 || raw[content] == 0x09) { content += 1 }
            if end - content >= 3 && raw[content] == arrow[0] && raw[content + 1] == arrow[1] && raw[content + 2] == arrow[2] {
                marked.append(line)
                out += raw[i..<content]
                out += raw[(content + 3)..<end]
            } else {
                out += raw[i..<end]
            }
            if end < raw.count { out.append(0x0A) }
            line += 1
            i = end + 1
        }
        self.text = String(decoding: out, as: UTF8.self)
        self.markedLines = marked
    }

    /// A short name for reports: `fail example 2`.
    public var name: String { "\(expectation.rawValue) example \(number)" }
}
