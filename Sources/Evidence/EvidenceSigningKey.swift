import Crypto

/// The Ed25519 private key a bundle's manifest is signed with (swift-crypto does the signing).
///
/// The file format is the PKCS#8 PEM OpenSSL writes: `openssl genpkey -algorithm ed25519 -out key.pem`.
public struct EvidenceSigningKey: Sendable {
    // The 32-byte seed; swift-crypto's key type is not Sendable, so it is made when needed.
    let seed: [UInt8]

    var key: Curve25519.Signing.PrivateKey {
        // The seed was accepted by the same initializer when this value was made.
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else { preconditionFailure("invalid Ed25519 seed") }
        return key
    }

    /// The key in a PKCS#8 PEM text.
    public init(pem: String) throws(EvidenceError) {
        let bytes = try Ed25519PEM.keyBytes(
            pem, label: "PRIVATE KEY", prefix: Ed25519PEM.privatePrefix, what: "an Ed25519 private key (PKCS#8, `openssl genpkey -algorithm ed25519`)")
        guard (try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes)) != nil else { throw EvidenceError("invalid Ed25519 private key") }
        seed = bytes
    }

    init(key: Curve25519.Signing.PrivateKey) { self.seed = Array(key.rawRepresentation) }

    /// A new random key.
    public static func generate() -> EvidenceSigningKey { EvidenceSigningKey(key: Curve25519.Signing.PrivateKey()) }

    /// The key as PKCS#8 PEM.
    public var pem: String { Ed25519PEM.encode(seed, label: "PRIVATE KEY", prefix: Ed25519PEM.privatePrefix) }

    /// The matching public key.
    public var publicKey: EvidenceVerifyingKey { EvidenceVerifyingKey(key: key.publicKey) }

    /// The signature of `message`: 64 raw bytes, as `openssl pkeyutl -verify -rawin` checks them.
    public func sign(_ message: [UInt8]) throws(EvidenceError) -> [UInt8] {
        do {
            return Array(try key.signature(for: message))
        } catch {
            throw EvidenceError("cannot sign: \(error)")
        }
    }
}
