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
            func flush(_ upTo: Int) {
                if upTo > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<upTo])) }
            }
            while i < n {
                let b = bytes[i]
                var escape: [UInt8]?
                var width = 1
                switch b {
                case 0x22: escape = [0x5C, 0x22]
                case 0x5C: escape = [0x5C, 0x5C]
                case 0x0A: escape = [0x5C, UInt8(ascii: "n")]
                case 0x0D: escape = [0x5C, UInt8(ascii: "r")]
                case 0x09: escape = [0x5C, UInt8(ascii: "t")]
                case 0x00..<0x20, 0x7F: escape = unicodeEscape(UInt32(b))
                case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = unicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    width = 3
                default: break
                }
                if let escape {
                    flush(i)
                    out += escape
                    i += width
                    run = i
                } else {
                    i += 1
                }
            }
            flush(n)
        }
        out.append(0x22)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func unicodeEscape(_ value: UInt32) -> [UInt8] {
        [0x5C, UInt8(ascii: "u")] + [12, 8, 4, 0].map { hexDigits[Int((value >> UInt32($0)) & 0xF)] }
    }
}
