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
        var lines: [Substring] = rawText.split(separator: "\n", omittingEmptySubsequences: false)
        var marked: [Int] = []
        for (i, line) in lines.enumerated() {
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            let rest = line.dropFirst(indent.count)
            if rest.first == "↓" {
                marked.append(i + 1)
                lines[i] = indent + rest.dropFirst()
            }
        }
        self.text = lines.joined(separator: "\n")
        self.markedLines = marked
    }

    /// A short name for reports: `fail example 2`.
    public var name: String { "\(expectation.rawValue) example \(number)" }
}
