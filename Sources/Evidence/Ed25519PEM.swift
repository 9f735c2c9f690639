import Foundation

/// Ed25519 keys in the PEM files OpenSSL writes: PKCS#8 `PRIVATE KEY` and SPKI `PUBLIC KEY`
/// (RFC 8410). Their DER is a fixed prefix followed by the 32 key bytes.
enum Ed25519PEM {
    static let privatePrefix: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
    static let publicPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// The 32 key bytes of a PEM block labelled `label` whose DER starts with `prefix`.
    static func keyBytes(_ pem: String, label: String, prefix: [UInt8], what: String) throws(EvidenceError) -> [UInt8] {
        let begin = "-----BEGIN \(label)-----"
        let end = "-----END \(label)-----"
        guard let b = pem.range(of: begin), let e = pem.range(of: end, range: b.upperBound..<pem.endIndex) else {
            throw EvidenceError("expected a PEM block \"\(begin)\" holding \(what)")
        }
        let body = pem[b.upperBound..<e.lowerBound].filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: String(body)) else { throw EvidenceError("the PEM block is not valid base64") }
        let der = Array(data)
        guard der.count == prefix.count + 32, der.starts(with: prefix) else { throw EvidenceError("not \(what)") }
        return Array(der.suffix(32))
    }

    /// A PEM block of `prefix` + `key`, base64 in lines of 64.
    static func encode(_ key: [UInt8], label: String, prefix: [UInt8]) -> String {
        let b64 = Data(prefix + key).base64EncodedString()
        var lines: [String] = []
        var rest = Substring(b64)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        return "-----BEGIN \(label)-----\n" + lines.joined(separator: "\n") + "\n-----END \(label)-----\n"
    }
}
