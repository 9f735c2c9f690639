import Crypto

/// SHA-256 (FIPS 180-4), for input digests, fingerprints and evidence manifests.
///
/// A thin value-type front to swift-crypto's implementation (BoringSSL, with the CPU's SHA
/// instructions where it has them): every scanned byte is hashed for the input summary, and a
/// 26 MB plan took ~120 ms with the portable Swift version this replaced.
public struct SHA256 {
    private var hasher = Crypto.SHA256()

    /// An empty hash state.
    public init() {}

    /// Adds bytes to the message.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: UnsafeRawBufferPointer($0)) }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update(buffer: $0) }
        }
    }

    /// Adds the bytes of a raw buffer to the message.
    public mutating func update(buffer input: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: input)
    }

    /// The digest of everything added.
    public func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }

    /// The lowercase hex digest of `bytes`.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var h = SHA256()
        h.update(bytes)
        let digest = h.hasher.finalize()
        // Written straight into the string's storage: fingerprints hash every result.
        return String(unsafeUninitializedCapacity: 64) { out in
            digest.withUnsafeBytes { bytes in
                for (i, byte) in bytes.enumerated() {
                    out[2 * i] = hexDigit(byte >> 4)
                    out[2 * i + 1] = hexDigit(byte & 0xF)
                }
            }
            return 64
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
