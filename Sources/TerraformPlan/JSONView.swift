#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Graph

/// Reads a `JSONTape` together with its bytes: members, elements, strings and `Value`s.
///
/// Node indices (`Int`) stand for values; `nil` for "absent", so lookups chain like json-c's
/// did. Values come out as json-c made them: integers as `.int` (saturated at the `Int64`
/// bounds), numbers with a fraction or exponent as `.double`, lone UTF-16 surrogates in
/// `\u` escapes as U+FFFD, other invalid UTF-8 as U+FFFD. Only valid inside the closure that
/// handed out the buffers.
struct JSONView {
    let bytes: UnsafeBufferPointer<UInt8>
    let nodes: UnsafeBufferPointer<JSONTape.Node>

    @inline(__always)
    func kind(_ i: Int) -> JSONTape.Kind { nodes[i].kind }

    func isObject(_ i: Int?) -> Bool { i.map { nodes[$0].kind == .object } ?? false }
    func isArray(_ i: Int?) -> Bool { i.map { nodes[$0].kind == .array } ?? false }
    func isContainer(_ i: Int) -> Bool { nodes[i].kind.rawValue <= JSONTape.Kind.array.rawValue }

    /// The index of the first node after the value at `i` and everything in it.
    @inline(__always)
    func next(_ i: Int) -> Int { isContainer(i) ? Int(nodes[i].end) : i + 1 }

    /// Byte offset where the value at `i` starts.
    func offset(_ i: Int) -> Int { Int(nodes[i].start) }

    /// The member `key` of an object (the last one when the key repeats), or nil — also nil
    /// when the member is `null`, as json-c's lookup gives.
    func member(_ o: Int?, _ key: StaticString) -> Int? {
        guard let o, nodes[o].kind == .object else { return nil }
        var found: Int?
        var k = o + 1
        for _ in 0..<nodes[o].count {
            if keyEquals(k, key) { found = k + 1 }
            k = next(k + 1)
        }
        guard let found, nodes[found].kind != .null else { return nil }
        return found
    }

    /// The key node of the member `key`, or nil.
    func memberKey(_ o: Int?, _ key: StaticString) -> Int? { member(o, key).map { $0 - 1 } }

    /// True when the string node `k` is `key`.
    func keyEquals(_ k: Int, _ key: StaticString) -> Bool {
        let node = nodes[k]
        if node.kind == .escapedString { return decodeString(k) == key.description }
        guard node.kind == .string else { return false }
        let start = Int(node.start) + 1
        let length = Int(node.end) - start
        guard length == key.utf8CodeUnitCount else { return false }
        let lit = key.utf8Start
        for j in 0..<length where bytes[start + j] != lit[j] { return false }
        return true
    }

    /// Calls `body` with the key node and value node of each member, in document order.
    @inline(__always)
    func forEachMember(_ o: Int, _ body: (Int, Int) -> Void) {
        var k = o + 1
        for _ in 0..<nodes[o].count {
            body(k, k + 1)
            k = next(k + 1)
        }
    }

    /// Calls `body` with each element's index and node.
    @inline(__always)
    func forEachElement(_ a: Int, _ body: (Int, Int) -> Void) {
        var e = a + 1
        for position in 0..<Int(nodes[a].count) {
            body(position, e)
            e = next(e)
        }
    }

    /// The element nodes of an array (empty for anything else).
    func elements(_ a: Int?) -> [Int] {
        guard let a, nodes[a].kind == .array else { return [] }
        var out: [Int] = []
        out.reserveCapacity(Int(nodes[a].count))
        forEachElement(a) { _, e in out.append(e) }
        return out
    }

    /// The string, when the node is one.
    func string(_ i: Int?) -> String? {
        guard let i else { return nil }
        switch nodes[i].kind {
        case .string:
            let start = Int(nodes[i].start) + 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<Int(nodes[i].end)]), as: UTF8.self)
        case .escapedString: return decodeString(i)
        default: return nil
        }
    }

    /// The text of a string node with its escapes decoded.
    func decodeString(_ i: Int) -> String {
        var out: [UInt8] = []
        let end = Int(nodes[i].end)
        var j = Int(nodes[i].start) + 1
        out.reserveCapacity(end - j)
        var pendingHigh: UInt32?
        func flushHigh() {
            if pendingHigh != nil {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                pendingHigh = nil
            }
        }
        while j < end {
            let c = bytes[j]
            guard c == UInt8(ascii: "\\") else {
                flushHigh()
                out.append(c)
                j += 1
                continue
            }
            let e = bytes[j + 1]
            j += 2
            guard e == UInt8(ascii: "u") else {
                flushHigh()
                switch e {
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                default: out.append(e)  // " \ /
                }
                continue
            }
            var v: UInt32 = 0
            for k in 0..<4 { v = v << 4 | (JSONTape.hexValue(bytes[j + k]) ?? 0) }
            j += 4
            if (0xD800..<0xDC00).contains(v) {
                flushHigh()
                pendingHigh = v
            } else if (0xDC00..<0xE000).contains(v) {
                if let high = pendingHigh {
                    pendingHigh = nil
                    appendScalar(0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00), to: &out)
                } else {
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                }
            } else {
                flushHigh()
                appendScalar(v, to: &out)
            }
        }
        flushHigh()
        return String(decoding: out, as: UTF8.self)
    }

    private func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | v >> 6))
            out.append(UInt8(0x80 | v & 0x3F))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | v >> 12))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        } else {
            out.append(UInt8(0xF0 | v >> 18))
            out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// An integer node's value, saturated at the `Int64` bounds (as json-c does).
    func integer(_ i: Int) -> Int64 {
        var j = Int(nodes[i].start)
        let end = Int(nodes[i].end)
        let negative = bytes[j] == UInt8(ascii: "-")
        if negative { j += 1 }
        var v: Int64 = 0
        while j < end {
            let d = Int64(bytes[j] &- UInt8(ascii: "0"))
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            if o1 || o2 { return negative ? Int64.min : Int64.max }
            v = s
            j += 1
        }
        return v
    }

    /// A number node's value as `strtod` reads it (as json-c does).
    func double(_ i: Int) -> Double {
        let start = Int(nodes[i].start)
        let length = Int(nodes[i].end) - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for k in 0..<length { buffer[k] = CChar(bitPattern: bytes[start + k]) }
            buffer[length] = 0
            return buffer.baseAddress.map { strtod($0, nil) } ?? 0
        }
    }

    /// The value at `i` as a `Value` (`.null` for nil).
    func value(_ i: Int?) -> Value {
        guard let i else { return .null }
        switch nodes[i].kind {
        case .object:
            var members: [String: Value] = [:]
            members.reserveCapacity(Int(nodes[i].count))
            forEachMember(i) { k, v in members[keyString(k)] = value(v) }
            return .map(members)
        case .array:
            var list: [Value] = []
            list.reserveCapacity(Int(nodes[i].count))
            forEachElement(i) { _, e in list.append(value(e)) }
            return .list(list)
        case .string, .escapedString: return .string(keyString(i))
        case .integer: return .int(integer(i))
        case .number: return .double(double(i))
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .null: return .null
        }
    }

    /// The text of a string node (a key or a value).
    @inline(__always)
    func keyString(_ k: Int) -> String {
        let node = nodes[k]
        if node.kind == .escapedString { return decodeString(k) }
        let start = Int(node.start) + 1
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<Int(node.end)]), as: UTF8.self)
    }

    /// The value at `i`, recording under `path` where each attribute is: every object key (at its
    /// opening quote) and every list element that is an object or a list (at its bracket).
    func value(
        _ i: Int, path: inout [AttributePath.Segment], locations: inout [AttributePath: SourceLocation],
        locator: PlanLocator
    ) -> Value {
        switch nodes[i].kind {
        case .object:
            var members: [String: Value] = [:]
            members.reserveCapacity(Int(nodes[i].count))
            forEachMember(i) { k, v in
                let key = keyString(k)
                path.append(.key(key))
                locations[AttributePath(path)] = locator.location(Int(nodes[k].start))
                members[key] = isContainer(v) ? value(v, path: &path, locations: &locations, locator: locator) : value(v)
                path.removeLast()
            }
            return .map(members)
        case .array:
            var list: [Value] = []
            list.reserveCapacity(Int(nodes[i].count))
            forEachElement(i) { position, e in
                if isContainer(e) {
                    path.append(.index(position))
                    locations[AttributePath(path)] = locator.location(Int(nodes[e].start))
                    list.append(value(e, path: &path, locations: &locations, locator: locator))
                    path.removeLast()
                } else {
                    list.append(value(e))
                }
            }
            return .list(list)
        default: return value(i)
        }
    }
}
