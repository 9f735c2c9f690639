import Graph

/// How a plan file's bytes become UTF-8 text: byte-order marks, UTF-16 and binary plans.
enum PlanText {
    /// The content as UTF-8 without a byte-order mark.
    ///
    /// Throws for a binary plan (a zip archive) and for bytes that are not text.
    static func utf8(_ bytes: [UInt8], path: String) throws(ParseError) -> [UInt8] {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            throw ParseError(
                "this is a binary Terraform plan (a zip archive), not JSON; run "
                    + "`terraform show -json plan.out > plan.json` and scan plan.json",
                at: SourceLocation(path: path, line: 1))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes[3...]) }
        if bytes.starts(with: [0xFF, 0xFE]) { return decodeUTF16(bytes, from: 2, littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return decodeUTF16(bytes, from: 2, littleEndian: false) }
        // UTF-16 without a BOM still shows itself by a NUL byte beside the opening brace.
        if bytes.count >= 2 && bytes[0] == UInt8(ascii: "{") && bytes[1] == 0 {
            return decodeUTF16(bytes, from: 0, littleEndian: true)
        }
        if bytes.count >= 2 && bytes[0] == 0 && bytes[1] == UInt8(ascii: "{") {
            return decodeUTF16(bytes, from: 0, littleEndian: false)
        }
        return bytes
    }

    /// True when the first few KB look like `terraform show -json` output of a plan or a state.
    static func looksLikePlan(_ bytes: [UInt8]) -> Bool {
        guard !bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return false }
        let window = 65_536
        let head: [UInt8]
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || (bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0))
        do {
            head = try utf8(Array(bytes.prefix(utf16 ? window * 2 : window + 3)), path: "")
        } catch {
            return false
        }
        guard let first = head.firstIndex(where: { !isSpace($0) }), head[first] == UInt8(ascii: "{") else {
            return false
        }
        guard find(Array(#""format_version""#.utf8), in: head, limit: 4096) else { return false }
        return find(Array(#""planned_values""#.utf8), in: head, limit: window)
            || find(Array(#""resource_changes""#.utf8), in: head, limit: window)
            // `terraform show -json` of a state: `values.root_module`.
            || (find(Array(#""values""#.utf8), in: head, limit: window) && find(Array(#""root_module""#.utf8), in: head, limit: window))
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    private static func find(_ needle: [UInt8], in hay: [UInt8], limit: Int) -> Bool {
        let end = min(hay.count, limit)
        guard end >= needle.count else { return false }
        var i = 0
        while i <= end - needle.count {
            if hay[i] == needle[0] {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    private static func decodeUTF16(_ bytes: [UInt8], from start: Int, littleEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - start) / 2)
        var i = start
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i])
            let b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        var it = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let scalar): out.append(contentsOf: UTF8.encode(scalar).map { Array($0) } ?? [])
            case .error: out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            case .emptyInput: break loop
            }
        }
        return out
    }
}
