/// Writing values as JSON text, deterministically (map keys sorted).
extension Value {
    /// Compact JSON (`unknown` is written as the string `"(known after apply)"`).
    public var jsonText: String {
        var out: [UInt8] = []
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .double(let d):
            if d.isFinite {
                out += (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)").utf8
            } else {
                out += "null".utf8
            }
        case .string(let s): JSONString.append(s, to: &out)
        case .unknown: out += "\"(known after apply)\"".utf8
        case .list(let elements):
            out.append(UInt8(ascii: "["))
            for (i, e) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                e.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .map(let members):
            out.append(UInt8(ascii: "{"))
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONString.append(key, to: &out)
                out.append(UInt8(ascii: ":"))
                members[key]?.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

/// JSON string quoting shared by every writer of JSON.
public enum JSONString {
    /// `s` as a JSON string literal, with control characters escaped.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a JSON string literal: `"` and `\` escaped, `\n` `\r` `\t` by name, other
    /// C0 controls, DEL, U+2028 and U+2029 as `\u00XX`; everything else as its UTF-8 bytes.
    public static func append(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            let n = bytes.count
            var run = 0
            var i = 0
            while i < n {
                // Runs of bytes that need nothing are copied whole: reports are mostly those.
                let b = bytes[i]
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x7F && b != 0xE2 {
                    i += 1
                    continue
                }
                var width = 1
                let escaped: UInt32?
                switch b {
                case 0x22, 0x5C: escaped = UInt32(b)
                case 0x0A: escaped = UInt32(UInt8(ascii: "n"))
                case 0x0D: escaped = UInt32(UInt8(ascii: "r"))
                case 0x09: escaped = UInt32(UInt8(ascii: "t"))
                case 0x00..<0x20, 0x7F: escaped = 0x1_0000 | UInt32(b)
                case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escaped = 0x1_0000 | (bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    width = 3
                default: escaped = nil
                }
                guard let escaped else {
                    i += 1
                    continue
                }
                if i > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
                out.append(0x5C)
                if escaped & 0x1_0000 != 0 {
                    // \uXXXX
                    let value = escaped & 0xFFFF
                    out.append(UInt8(ascii: "u"))
                    for shift in [12, 8, 4, 0] as [UInt32] {
                        let digit = UInt8((value >> shift) & 0xF)
                        out.append(digit < 10 ? 0x30 + digit : 0x61 + digit - 10)
                    }
                } else {
                    out.append(UInt8(escaped))
                }
                i += width
                run = i
            }
            if n > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<n])) }
        }
        out.append(0x22)
    }

}
