/// One TLS cipher suite as OpenSSL 3.0 describes it: names, protocol version and algorithms.
///
/// `openSSLTable` holds every TLS 1.0–1.2 suite OpenSSL 3.0 defines (including the ones a default
/// build leaves out: 3DES and RC4 need `enable-weak-ssl-ciphers`, IDEA and SEED the legacy
/// provider, GOST an external provider); `tls13` holds the TLS 1.3 suites, which cipher strings
/// do not select. Single DES, RC2 and the EXPORT suites were removed in OpenSSL 1.1.0 and are not
/// in the table; the aliases naming them match nothing.
public struct CipherSuite: Sendable, Hashable, CustomStringConvertible {
    /// The key exchange (OpenSSL's `kX` masks).
    public enum KeyExchange: String, Sendable, Hashable, CaseIterable {
        /// RSA key transport, (EC)DHE, PSK variants, SRP and GOST, named as OpenSSL's masks.
        case rsa = "kRSA", dhe = "kDHE", ecdhe = "kECDHE", psk = "kPSK", rsaPSK = "kRSAPSK", dhePSK = "kDHEPSK",
            ecdhePSK = "kECDHEPSK", srp = "kSRP", gost = "kGOST", gost18 = "kGOST18"
        /// TLS 1.3: negotiated separately from the suite.
        case any = "any"
    }

    /// The server authentication (OpenSSL's `aX` masks).
    public enum Authentication: String, Sendable, Hashable, CaseIterable {
        /// RSA, DSS, ECDSA certificates; pre-shared keys; SRP verifiers.
        case rsa = "aRSA", dss = "aDSS", ecdsa = "aECDSA", psk = "aPSK", srp = "aSRP"
        /// No authentication at all (`aNULL`: ADH-, AECDH- suites).
        case anonymous = "aNULL"
        /// GOST R 34.10-2001 and GOST R 34.10-2012 keys.
        case gost01 = "aGOST01", gost12 = "aGOST12"
        /// The GOST 2012 suites that accept either a 2001 or a 2012 key.
        case gost01Or12 = "aGOST01|aGOST12"
        /// TLS 1.3: negotiated separately from the suite.
        case any = "any"
    }

    /// The bulk cipher, with its key size where it has one.
    public enum Encryption: String, Sendable, Hashable, CaseIterable {
        /// Raw values are OpenSSL's `Enc=` spelling (`openssl ciphers -v`).
        case null = "None", rc4 = "RC4(128)", idea = "IDEA(128)", seed = "SEED(128)", tripleDES = "3DES(168)",
            aes128 = "AES(128)", aes256 = "AES(256)", aes128GCM = "AESGCM(128)", aes256GCM = "AESGCM(256)",
            aes128CCM = "AESCCM(128)", aes256CCM = "AESCCM(256)", aes128CCM8 = "AESCCM8(128)",
            aes256CCM8 = "AESCCM8(256)", camellia128 = "Camellia(128)", camellia256 = "Camellia(256)",
            aria128GCM = "ARIAGCM(128)", aria256GCM = "ARIAGCM(256)", chacha20Poly1305 = "CHACHA20/POLY1305(256)",
            gost89 = "GOST89(256)", gost89CNT12 = "GOST89CNT12(256)", magma = "MAGMA", kuznyechik = "KUZNYECHIK"
    }

    /// The record MAC; `aead` when the cipher authenticates itself.
    public enum MAC: String, Sendable, Hashable, CaseIterable {
        /// Raw values are OpenSSL's `Mac=` spelling (`openssl ciphers -v`).
        case md5 = "MD5", sha1 = "SHA1", sha256 = "SHA256", sha384 = "SHA384", aead = "AEAD",
            gost94 = "GOST94", gost89MAC = "GOST89", gost89MAC12 = "GOST89MAC12", gost12 = "GOST2012",
            magmaOMAC = "MAGMAOMAC", kuznyechikOMAC = "KUZNYECHIKOMAC"
    }

    /// OpenSSL's strength class (the `HIGH`, `MEDIUM`, `LOW` aliases; `none` for NULL encryption).
    public enum StrengthClass: String, Sendable, Hashable {
        /// `none` is `STRONG_NONE` (NULL encryption); the others are the aliases of the same name.
        case none, low, medium, high
    }

    /// Which OpenSSL 3.0 builds can offer the suite at all.
    public enum Build: String, Sendable, Hashable {
        /// Every build (Debian's `openssl` lists it).
        case standard
        /// Only builds configured with `enable-weak-ssl-ciphers` (3DES, RC4).
        case weakCiphers
        /// Only with the legacy provider loaded (IDEA, SEED).
        case legacyProvider
        /// Only with a GOST engine or provider.
        case gost
    }

    /// Why a suite is considered weak; a suite can have several reasons.
    public enum Weakness: String, Sendable, Hashable, CaseIterable, Comparable {
        /// No encryption (`eNULL`).
        case nullEncryption = "NULL"
        /// No server authentication (`aNULL`): open to man-in-the-middle attacks.
        case anonymous = "anonymous"
        /// RC4 (RFC 7465 prohibits it).
        case rc4 = "RC4"
        /// Triple DES: a 64-bit block cipher (Sweet32), 112-bit strength.
        case tripleDES = "3DES"
        /// IDEA: a 64-bit block cipher (Sweet32).
        case idea = "IDEA"
        /// MD5 as the record MAC.
        case md5 = "MD5"
        /// Fewer than 112 bits of symmetric strength.
        case lowStrength = "low strength"

        /// Orders reasons by declaration, so reports list them stably.
        public static func < (lhs: Weakness, rhs: Weakness) -> Bool {
            let all = Weakness.allCases
            return (all.firstIndex(of: lhs) ?? 0) < (all.firstIndex(of: rhs) ?? 0)
        }
    }

    /// The 16-bit IANA code point, e.g. `0xC02B`.
    public var id: UInt16
    /// The OpenSSL name, e.g. `ECDHE-ECDSA-AES128-GCM-SHA256`.
    public var name: String
    /// The IANA (RFC) name, e.g. `TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256`; nil where IANA has none.
    public var ianaName: String?
    /// The oldest protocol version the suite can be used with.
    public var minVersion: TLSVersion
    /// The key exchange.
    public var keyExchange: KeyExchange
    /// The server authentication.
    public var authentication: Authentication
    /// The bulk cipher.
    public var encryption: Encryption
    /// The record MAC.
    public var mac: MAC
    /// OpenSSL's strength class.
    public var strengthClass: StrengthClass
    /// Symmetric strength in bits, as `@STRENGTH` sorts by (3DES counts 112, NULL 0).
    public var strengthBits: Int
    /// Whether OpenSSL leaves it out of `DEFAULT` (`COMPLEMENTOFDEFAULT`).
    public var notDefault: Bool
    /// Whether OpenSSL marks it FIPS-approved (the `FIPS` alias).
    public var fips: Bool
    /// Which builds can offer it.
    public var build: Build

    /// Creates a table row (positional, to keep the generated table readable).
    public init(
        _ id: UInt16, _ name: String, _ ianaName: String?, _ minVersion: TLSVersion, _ keyExchange: KeyExchange,
        _ authentication: Authentication, _ encryption: Encryption, _ mac: MAC, _ strengthClass: StrengthClass,
        _ strengthBits: Int, notDefault: Bool, fips: Bool, build: Build
    ) {
        self.id = id
        self.name = name
        self.ianaName = ianaName
        self.minVersion = minVersion
        self.keyExchange = keyExchange
        self.authentication = authentication
        self.encryption = encryption
        self.mac = mac
        self.strengthClass = strengthClass
        self.strengthBits = strengthBits
        self.notDefault = notDefault
        self.fips = fips
        self.build = build
    }

    /// The OpenSSL name.
    public var description: String { name }

    /// Whether the suite authenticates its records with an AEAD cipher (GCM, CCM, ChaCha20-Poly1305).
    public var isAEAD: Bool { mac == .aead }

    /// Whether the key exchange is ephemeral, so a stolen server key does not decrypt past traffic.
    public var forwardSecret: Bool {
        switch keyExchange {
        case .dhe, .ecdhe, .dhePSK, .ecdhePSK, .any: return true
        case .rsa, .psk, .rsaPSK, .srp, .gost, .gost18: return false
        }
    }

    /// Whether the suite is a TLS 1.3 suite.
    public var isTLS13: Bool { minVersion == .tls1_3 }

    /// The reasons this suite is weak, sorted; empty for a suite with none.
    public var weaknesses: [Weakness] {
        var reasons: [Weakness] = []
        if encryption == .null { reasons.append(.nullEncryption) }
        if authentication == .anonymous { reasons.append(.anonymous) }
        if encryption == .rc4 { reasons.append(.rc4) }
        if encryption == .tripleDES { reasons.append(.tripleDES) }
        if encryption == .idea { reasons.append(.idea) }
        if mac == .md5 { reasons.append(.md5) }
        if encryption != .null && strengthBits < 112 { reasons.append(.lowStrength) }
        return reasons
    }

    /// Whether the suite has any weakness (NULL, anonymous, RC4, 3DES, IDEA, MD5, low strength).
    public var isWeak: Bool { !weaknesses.isEmpty }

    /// The TLS 1.3 suites OpenSSL 3.0 defines.
    public static let tls13: [CipherSuite] = [
        .init(
            0x1301, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", .tls1_3, .any, .any, .aes128GCM, .aead, .high, 128,
            notDefault: false, fips: true, build: .standard),
        .init(
            0x1302, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", .tls1_3, .any, .any, .aes256GCM, .aead, .high, 256,
            notDefault: false, fips: true, build: .standard),
        .init(
            0x1303, "TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256", .tls1_3, .any, .any, .chacha20Poly1305,
            .aead, .high, 256, notDefault: false, fips: false, build: .standard),
        .init(
            0x1304, "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_SHA256", .tls1_3, .any, .any, .aes128CCM, .aead, .high, 128,
            notDefault: true, fips: true, build: .standard),
        .init(
            0x1305, "TLS_AES_128_CCM_8_SHA256", "TLS_AES_128_CCM_8_SHA256", .tls1_3, .any, .any, .aes128CCM8, .aead, .high,
            128, notDefault: true, fips: true, build: .standard),
    ]

    /// OpenSSL 3.0's default TLS 1.3 suites (`SSL_CTX_set_ciphersuites` default), in its order.
    public static let tls13Default: [CipherSuite] = ["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"]
        .compactMap { name in tls13.first { $0.name == name } }

    /// The suite with this OpenSSL or IANA name (TLS 1.3 included), or nil.
    public static func named(_ name: String) -> CipherSuite? {
        if let suite = byName[name] { return suite }
        return tls13.first { $0.name == name }
    }

    private static let byName: [String: CipherSuite] = {
        var table: [String: CipherSuite] = [:]
        for suite in openSSLTable {
            table[suite.name] = suite
            if let iana = suite.ianaName { table[iana] = suite }
        }
        return table
    }()
}
