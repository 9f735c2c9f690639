/// One match of an ``RE2Regex`` in a string.
///
/// Indices are positions in the searched string's Unicode scalar view; a match may end inside
/// a grapheme cluster, so slice with `s.unicodeScalars[range]` when that matters.
public struct RE2Match: Sendable, Equatable {
    /// The whole match.
    public var range: Range<String.Index>
    /// Capture groups by number: `groups[0]` is the whole match, `nil` a group that did not take part.
    public var groups: [Range<String.Index>?]

    /// Creates a match from its range and groups.
    public init(range: Range<String.Index>, groups: [Range<String.Index>?]) {
        self.range = range
        self.groups = groups
    }
}
