import Crypto

/// The Ed25519 public key a bundle's signature is checked against.
///
/// The file format is the SPKI PEM OpenSSL writes: `openssl pkey -in key.pem -pubout -out key.pub`.
public struct EvidenceVerifyingKey: Sendable {
    // The 32 key bytes; swift-crypto's key type is not Sendable, so it is made when needed.
    let bytes: [UInt8]

    /// The key in an SPKI PEM text.
    public init(pem: String) throws(EvidenceError) {
        let bytes = try Ed25519PEM.keyBytes(
            pem, label: "PUBLIC KEY", prefix: Ed25519PEM.publicPrefix, what: "an Ed25519 public key (SPKI, `openssl pkey -pubout`)")
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)) != nil else { throw EvidenceError("invalid Ed25519 public key") }
        self.bytes = bytes
    }

    init(key: Curve25519.Signing.PublicKey) { self.bytes = Array(key.rawRepresentation) }

    /// The key as SPKI PEM.
    public var pem: String { Ed25519PEM.encode(bytes, label: "PUBLIC KEY", prefix: Ed25519PEM.publicPrefix) }

    /// True when `signature` is this key's signature of `message`.
    public func isValidSignature(_ signature: [UInt8], of message: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
