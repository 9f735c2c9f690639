/// The Kubernetes IP/CIDR library: `ip()`, `isIP()`, `ip.isCanonical()`, `cidr()`, `isCIDR()`,
/// and the methods family, isUnspecified, isLoopback, isGlobalUnicast, isLinkLocalMulticast,
/// isLinkLocalUnicast, containsIP, containsCIDR, ip, masked, prefixLength.
enum NetworkLib {
    static func register(into env: inout CELEnvironment) {
        env.unary("ip") { v throws(CELError) in
            guard case .string(let s) = v else { throw CELError.noOverload("ip", v) }
            return .opaque(CELOpaque(try CELIPAddress.parse(s)))
        }
        env.unary("isIP") { v throws(CELError) in
            guard case .string(let s) = v else { throw CELError.noOverload("isIP", v) }
            return .bool((try? CELIPAddress.parse(s)) != nil)
        }
        env.unary("ip.isCanonical") { v throws(CELError) in
            guard case .string(let s) = v else { throw CELError.noOverload("ip.isCanonical", v) }
            return .bool(try CELIPAddress.parse(s).text == s)
        }
        env.unary("cidr") { v throws(CELError) in
            guard case .string(let s) = v else { throw CELError.noOverload("cidr", v) }
            return .opaque(CELOpaque(try CELCIDR.parse(s)))
        }
        env.unary("isCIDR") { v throws(CELError) in
            guard case .string(let s) = v else { throw CELError.noOverload("isCIDR", v) }
            return .bool((try? CELCIDR.parse(s)) != nil)
        }
        func ipMethod(_ name: String, _ f: @escaping @Sendable (CELIPAddress) -> CELValue) {
            env.unary(name, receiver: true, global: false) { v throws(CELError) in
                guard case .opaque(let o) = v, let a = o.value as? CELIPAddress else { throw CELError.noOverload(name, v) }
                return f(a)
            }
        }
        ipMethod("family") { .int($0.bytes.count == 4 ? 4 : 6) }
        ipMethod("isUnspecified") { .bool($0.bytes.allSatisfy { $0 == 0 }) }
        ipMethod("isLoopback") { a in
            let u = a.unmapped
            return .bool(u.count == 4 ? u[0] == 127 : u == [UInt8](repeating: 0, count: 15) + [1])
        }
        ipMethod("isLinkLocalMulticast") { .bool($0.isLinkLocalMulticast) }
        ipMethod("isLinkLocalUnicast") { .bool($0.isLinkLocalUnicast) }
        ipMethod("isGlobalUnicast") { a in
            let u = a.unmapped
            if u.allSatisfy({ $0 == 0 }) { return .bool(false) }
            if u.count == 4 {
                if u == [255, 255, 255, 255] || u[0] == 127 || u[0] >= 224 { return .bool(false) }
            } else if u[0] == 0xff || u == [UInt8](repeating: 0, count: 15) + [1] {
                return .bool(false)
            }
            return .bool(!a.isLinkLocalUnicast)
        }
        @Sendable func cidrArg(_ v: CELValue, _ name: String) throws(CELError) -> CELCIDR {
            if case .opaque(let o) = v, let c = o.value as? CELCIDR { return c }
            throw CELError.noOverload(name, v)
        }
        env.binary("containsIP", receiver: true, global: false) { a, b throws(CELError) in
            let c = try cidrArg(a, "containsIP")
            let ip: CELIPAddress
            switch b {
            case .string(let s): ip = try CELIPAddress.parse(s)
            case .opaque(let o):
                guard let x = o.value as? CELIPAddress else { throw CELError.noOverload("containsIP", a, b) }
                ip = x
            default: throw CELError.noOverload("containsIP", a, b)
            }
            return .bool(c.contains(ip.bytes))
        }
        env.binary("containsCIDR", receiver: true, global: false) { a, b throws(CELError) in
            let c = try cidrArg(a, "containsCIDR")
            let other: CELCIDR
            switch b {
            case .string(let s): other = try CELCIDR.parse(s)
            case .opaque(let o):
                guard let x = o.value as? CELCIDR else { throw CELError.noOverload("containsCIDR", a, b) }
                other = x
            default: throw CELError.noOverload("containsCIDR", a, b)
            }
            return .bool(other.prefix >= c.prefix && c.contains(other.address.bytes))
        }
        env.unary("ip", receiver: true, global: false) { v throws(CELError) in
            .opaque(CELOpaque(try cidrArg(v, "ip").address))
        }
        env.unary("masked", receiver: true, global: false) { v throws(CELError) in
            .opaque(CELOpaque(try cidrArg(v, "masked").masked))
        }
        env.unary("prefixLength", receiver: true, global: false) { v throws(CELError) in
            .int(Int64(try cidrArg(v, "prefixLength").prefix))
        }
    }
}

/// An IPv4 (4 bytes) or IPv6 (16 bytes) address, the `net.IP` type.
struct CELIPAddress: CELOpaqueValue, Equatable {
    let bytes: [UInt8]

    var celType: CELType { CELType("net.IP") }

    /// IPv4-mapped IPv6 addresses as their IPv4 form.
    var unmapped: [UInt8] {
        if bytes.count == 16 && bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return Array(bytes[12...])
        }
        return bytes
    }

    var isLinkLocalUnicast: Bool {
        let u = unmapped
        return u.count == 4 ? (u[0] == 169 && u[1] == 254) : (u[0] == 0xfe && u[1] & 0xc0 == 0x80)
    }

    var isLinkLocalMulticast: Bool {
        let u = unmapped
        return u.count == 4 ? (u[0] == 224 && u[1] == 0 && u[2] == 0) : (u[0] == 0xff && u[1] & 0x0f == 0x02)
    }

    func isEqual(to other: any CELOpaqueValue) -> Bool {
        guard let o = other as? CELIPAddress else { return false }
        return unmapped == o.unmapped
    }

    var description: String { "ip(\"\(text)\")" }

    var text: String {
        if bytes.count == 4 { return bytes.map { String($0) }.joined(separator: ".") }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return "::ffff:" + bytes[12...].map { String($0) }.joined(separator: ".")
        }
        var groups: [Int] = []
        for i in stride(from: 0, to: 16, by: 2) { groups.append(Int(bytes[i]) << 8 | Int(bytes[i + 1])) }
        // The longest run (at least two) of zero groups becomes "::" (the first on a tie).
        var bestStart = -1
        var bestLen = 0
        var i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8 && groups[j] == 0 { j += 1 }
                if j - i > bestLen && j - i >= 2 {
                    bestStart = i
                    bestLen = j - i
                }
                i = j
            } else {
                i += 1
            }
        }
        func hex(_ g: ArraySlice<Int>) -> String { g.map { String($0, radix: 16) }.joined(separator: ":") }
        if bestStart < 0 { return hex(groups[...]) }
        return hex(groups[0..<bestStart]) + "::" + hex(groups[(bestStart + bestLen)...])
    }

    static func parse(_ s: String) throws(CELError) -> CELIPAddress {
        let bad = CELError("IP Address '\(s)' parse error during conversion from string")
        if s.contains("%") { throw CELError("IP Address with zone value is not allowed") }
        if !s.contains(":") {
            guard let v4 = parseV4(Substring(s)) else { throw bad }
            return CELIPAddress(bytes: v4)
        }
        var text = Substring(s)
        var tail: [UInt8] = []
        if let lastColon = text.lastIndex(of: ":"), text[lastColon...].contains(".") {
            guard let v4 = parseV4(text[text.index(after: lastColon)...]) else { throw bad }
            tail = v4
            text = text[...lastColon]
            if text.hasSuffix(":") && !text.hasSuffix("::") { text = text.dropLast() }
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { throw bad }
        func groups(_ part: String) throws(CELError) -> [UInt8] {
            if part.isEmpty { return [] }
            var out: [UInt8] = []
            for g in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(g.count), let v = UInt16(g, radix: 16) else { throw bad }
                out += [UInt8(v >> 8), UInt8(v & 0xff)]
            }
            return out
        }
        let head = try groups(halves[0])
        let rest = halves.count == 2 ? try groups(halves[1]) + tail : []
        var bytes: [UInt8]
        if halves.count == 2 {
            let fill = 16 - head.count - rest.count
            guard fill >= 2 else { throw bad }
            bytes = head + [UInt8](repeating: 0, count: fill) + rest
        } else {
            bytes = head + tail
            guard bytes.count == 16 else { throw bad }
        }
        let addr = CELIPAddress(bytes: bytes)
        if !tail.isEmpty && addr.unmapped.count == 4 { throw CELError("IPv4-mapped IPv6 address is not allowed") }
        return addr
    }

    static func parseV4(_ s: Substring) -> [UInt8]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard (1...3).contains(p.count), p.allSatisfy({ $0 >= "0" && $0 <= "9" }), !(p.count > 1 && p.hasPrefix("0")),
                let v = UInt8(p)
            else { return nil }
            out.append(v)
        }
        return out
    }
}

/// A network prefix, the `net.CIDR` type.
struct CELCIDR: CELOpaqueValue {
    let address: CELIPAddress
    let prefix: Int

    var celType: CELType { CELType("net.CIDR") }
    var text: String { "\(address.text)/\(prefix)" }
    var description: String { "cidr(\"\(text)\")" }

    func isEqual(to other: any CELOpaqueValue) -> Bool {
        guard let o = other as? CELCIDR else { return false }
        return address.bytes == o.address.bytes && prefix == o.prefix
    }

    func contains(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == address.bytes.count else { return false }
        return CELCIDR.mask(bytes, prefix) == CELCIDR.mask(address.bytes, prefix)
    }

    var masked: CELCIDR { CELCIDR(address: CELIPAddress(bytes: CELCIDR.mask(address.bytes, prefix)), prefix: prefix) }

    static func mask(_ b: [UInt8], _ bits: Int) -> [UInt8] {
        var out = b
        for i in 0..<out.count {
            let keep = max(0, min(8, bits - i * 8))
            out[i] &= keep == 0 ? 0 : UInt8(truncatingIfNeeded: 0xff << (8 - keep))
        }
        return out
    }

    static func parse(_ s: String) throws(CELError) -> CELCIDR {
        if s.contains("%") { throw CELError("CIDR with zone value is not allowed") }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bits = Int(parts[1]), parts[1].allSatisfy({ $0 >= "0" && $0 <= "9" }) else {
            throw CELError("network address parse error during conversion from string: \(s)")
        }
        let addr = try CELIPAddress.parse(String(parts[0]))
        guard bits >= 0 && bits <= addr.bytes.count * 8 else {
            throw CELError("network address parse error during conversion from string: \(s)")
        }
        return CELCIDR(address: addr, prefix: bits)
    }
}
