extension String {
    /// `contains(needle)`, searching bytes when the text is ASCII (where bytes and characters
    /// agree) instead of comparing characters.
    func containsText(_ needle: String) -> Bool {
        var text = self
        var pattern = needle
        let found: Bool? = text.withUTF8 { haystack in
            pattern.withUTF8 { needleBytes in
                guard haystack.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard !needleBytes.isEmpty else { return true }
                guard needleBytes.count <= haystack.count else { return false }
                let first = needleBytes[0]
                var i = 0
                let last = haystack.count - needleBytes.count
                while i <= last {
                    if haystack[i] == first {
                        var k = 1
                        while k < needleBytes.count && haystack[i + k] == needleBytes[k] { k += 1 }
                        if k == needleBytes.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
        return found ?? contains(needle)
    }
}
