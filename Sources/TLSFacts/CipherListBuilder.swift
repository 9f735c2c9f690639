/// The ordered cipher list OpenSSL builds while it reads a cipher string (`ssl_create_cipher_list`).
///
/// Each suite is described by bit masks, as in OpenSSL, because alias combinations (`ECDHE+AESGCM`)
/// intersect masks and a rule matches a suite when every non-empty mask meets the suite's bits.
struct CipherListBuilder {
    private struct Entry: Sendable {
        var suite: CipherSuite
        var bits: Pattern
        var active: Bool
    }

    /// A selection pattern: an alias, a suite, or a `+` combination of them.
    struct Pattern: Sendable {
        var cipherID: UInt16 = 0
        var kx: UInt64 = 0
        var au: UInt64 = 0
        var enc: UInt64 = 0
        var mac: UInt64 = 0
        var minVersion: TLSVersion?
        var strength: UInt64 = 0
    }

    private enum Rule { case add, delete, order, kill, bump, special }

    // OpenSSL's algo_strength bits.
    static let strongNone: UInt64 = 0x01
    static let low: UInt64 = 0x02
    static let medium: UInt64 = 0x04
    static let high: UInt64 = 0x08
    static let fipsBit: UInt64 = 0x10
    static let notDefaultBit: UInt64 = 0x20
    static let strongMask: UInt64 = 0x1F
    static let defaultMask: UInt64 = 0x20

    private var list: [Entry]

    /// The list after OpenSSL's default ordering, every suite inactive (as before the rules run).
    init() { list = Self.defaultOrder }

    /// OpenSSL's default preference order, computed once.
    private static let defaultOrder: [Entry] = CipherListBuilder(ordering: ()).list

    private init(ordering: ()) {
        // OpenSSL sorts its table by id and hands it out backwards.
        let sorted = CipherSuite.openSSLTable.sorted { $0.id > $1.id }
        list = sorted.map { Entry(suite: $0, bits: Self.bits(of: $0), active: false) }
        apply(.add, Pattern(kx: Self.kx(.ecdhe), au: Self.au(.ecdsa)))
        apply(.add, Pattern(kx: Self.kx(.ecdhe)))
        apply(.delete, Pattern(kx: Self.kx(.ecdhe)))
        apply(.add, Pattern(enc: Self.enc(.aes128GCM, .aes256GCM)))
        apply(.add, Pattern(enc: Self.enc(.chacha20Poly1305)))
        apply(.add, Pattern(enc: Self.aesAll & ~Self.enc(.aes128GCM, .aes256GCM)))
        apply(.add, Pattern())
        apply(.order, Pattern(mac: Self.mac(.md5)))
        apply(.order, Pattern(au: Self.au(.anonymous)))
        apply(.order, Pattern(kx: Self.kx(.rsa)))
        apply(.order, Pattern(kx: Self.kx(.psk)))
        apply(.order, Pattern(enc: Self.enc(.rc4)))
        strengthSort()
        apply(.bump, Pattern(minVersion: .tls1_2))
        apply(.bump, Pattern(mac: Self.mac(.aead)))
        apply(.bump, Pattern(kx: Self.kx(.dhe) | Self.kx(.ecdhe)))
        apply(.bump, Pattern(kx: Self.kx(.dhe) | Self.kx(.ecdhe), mac: Self.mac(.aead)))
        apply(.delete, Pattern())
    }

    /// The suites the rules have enabled, in order.
    var activeSuites: [CipherSuite] { list.filter(\.active).map(\.suite) }

    // MARK: - Rules

    private static func matches(_ p: Pattern, _ e: Entry) -> Bool {
        let c = e.bits
        if p.cipherID != 0 && p.cipherID != c.cipherID { return false }
        if p.kx != 0 && p.kx & c.kx == 0 { return false }
        if p.au != 0 && p.au & c.au == 0 { return false }
        if p.enc != 0 && p.enc & c.enc == 0 { return false }
        if p.mac != 0 && p.mac & c.mac == 0 { return false }
        if let v = p.minVersion, v != e.suite.minVersion { return false }
        if p.strength & Self.strongMask != 0 && p.strength & Self.strongMask & c.strength == 0 { return false }
        if p.strength & Self.defaultMask != 0 && p.strength & Self.defaultMask & c.strength == 0 { return false }
        return true
    }

    private mutating func apply(_ rule: Rule, _ pattern: Pattern, strengthBits: Int? = nil) {
        let hit: (Entry) -> Bool = { entry in
            if let bits = strengthBits { return entry.suite.strengthBits == bits }
            return Self.matches(pattern, entry)
        }
        switch rule {
        case .add:
            // Matching inactive suites move to the end, in list order, and become active.
            var kept: [Entry] = []
            var moved: [Entry] = []
            for var entry in list {
                if !entry.active && hit(entry) {
                    entry.active = true
                    moved.append(entry)
                } else {
                    kept.append(entry)
                }
            }
            list = kept + moved
        case .order:
            let moved = list.filter { $0.active && hit($0) }
            list = list.filter { !($0.active && hit($0)) } + moved
        case .delete, .bump:
            // OpenSSL walks backwards prepending, so the moved suites keep their relative order at
            // the head ("most recently deleted ciphersuites get best positions for any future ADD").
            var moved: [Entry] = []
            var kept: [Entry] = []
            for var entry in list {
                if entry.active && hit(entry) {
                    if rule == .delete { entry.active = false }
                    moved.append(entry)
                } else {
                    kept.append(entry)
                }
            }
            list = moved + kept
        case .kill:
            list.removeAll { hit($0) }
        case .special:
            break
        }
    }

    /// `@STRENGTH`: a stable sort of the active suites by descending strength, moved to the end.
    private mutating func strengthSort() {
        let used = Set(list.filter(\.active).map(\.suite.strengthBits))
        for bits in used.sorted(by: >) { apply(.order, Pattern(), strengthBits: bits) }
    }

    // MARK: - The rule string

    private static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
            || c == 0x2E || c == 0x3D
    }

    private static func isSeparator(_ c: UInt8) -> Bool { c == 0x3A || c == 0x20 || c == 0x3B || c == 0x2C }

    /// Applies the rules of `bytes` (`ssl_cipher_process_rulestr`), recording what it notices.
    mutating func process(_ bytes: [UInt8], into evaluation: inout CipherString.Evaluation) {
        var l = 0
        func at(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }
        while true {
            var ch = at(l)
            if ch == 0 { break }
            let rule: Rule
            switch ch {
            case UInt8(ascii: "-"): rule = .delete; l += 1
            case UInt8(ascii: "+"): rule = .order; l += 1
            case UInt8(ascii: "!"): rule = .kill; l += 1
            case UInt8(ascii: "@"): rule = .special; l += 1
            default: rule = .add
            }
            if Self.isSeparator(ch) {
                l += 1
                continue
            }
            var pattern = Pattern()
            var found = false
            var word = ""
            inner: while true {
                ch = at(l)
                let start = l
                while Self.isWordByte(ch) {
                    l += 1
                    ch = at(l)
                }
                if l == start {
                    let rest = String(decoding: bytes[min(start, bytes.count)...], as: UTF8.self)
                    evaluation.failure = .invalidCommand(rest.isEmpty ? "end of string" : rest)
                    return
                }
                word = String(decoding: bytes[start..<l], as: UTF8.self)
                if rule == .special { break inner }
                let multi = ch == UInt8(ascii: "+")
                if multi { l += 1 }
                pattern.cipherID = 0
                guard let entry = Self.lookup(word) else {
                    evaluation.unknownTokens.append(word)
                    found = false
                    break inner
                }
                if Self.obsoleteAliases.contains(word) { evaluation.obsoleteTokens.append(word) }
                found = true
                if !Self.combine(&pattern, with: entry) {
                    found = false
                    break inner
                }
                if !multi { break inner }
            }
            if rule == .special {
                if word == "STRENGTH" {
                    strengthSort()
                } else if word.hasPrefix("SECLEVEL="), word.utf8.count == 10, let level = Int(word.suffix(1)), level <= 5 {
                    evaluation.securityLevel = level
                } else {
                    evaluation.failure = .invalidCommand("@" + word)
                }
                while at(l) != 0 && !Self.isSeparator(at(l)) { l += 1 }
                // OpenSSL keeps going after a bad command but rejects the string at the end.
            } else if found {
                apply(rule, pattern)
            } else {
                while at(l) != 0 && !Self.isSeparator(at(l)) { l += 1 }
            }
            if at(l) == 0 { break }
        }
    }

    /// Intersects `pattern` with one alias or suite, as OpenSSL does; false when nothing can match.
    private static func combine(_ pattern: inout Pattern, with entry: Pattern) -> Bool {
        func merge(_ current: inout UInt64, _ new: UInt64) -> Bool {
            guard new != 0 else { return true }
            if current != 0 {
                current &= new
                return current != 0
            }
            current = new
            return true
        }
        guard merge(&pattern.kx, entry.kx), merge(&pattern.au, entry.au), merge(&pattern.enc, entry.enc),
            merge(&pattern.mac, entry.mac)
        else { return false }
        if entry.strength & strongMask != 0 {
            if pattern.strength & strongMask != 0 {
                pattern.strength &= (entry.strength & strongMask) | ~strongMask
                if pattern.strength & strongMask == 0 { return false }
            } else {
                // OpenSSL overwrites here, dropping an earlier COMPLEMENTOFDEFAULT (kept for fidelity).
                pattern.strength = entry.strength & strongMask
            }
        }
        if entry.strength & defaultMask != 0 {
            if pattern.strength & defaultMask != 0 {
                pattern.strength &= (entry.strength & defaultMask) | ~defaultMask
                if pattern.strength & defaultMask == 0 { return false }
            } else {
                pattern.strength |= entry.strength & defaultMask
            }
        }
        if entry.cipherID != 0 {
            // An explicit suite: its protocol version does not become part of the pattern.
            pattern.cipherID = entry.cipherID
        } else if let v = entry.minVersion {
            if let current = pattern.minVersion, current != v { return false }
            pattern.minVersion = v
        }
        return true
    }

    private static func lookup(_ word: String) -> Pattern? {
        if let suite = suitesByName[word] { return bits(of: suite) }
        return aliases[word]
    }

    private static let suitesByName: [String: CipherSuite] = {
        var table: [String: CipherSuite] = [:]
        // OpenSSL 3.0 matches OpenSSL names only (IANA names are unknown words to it).
        for suite in CipherSuite.openSSLTable { table[suite.name] = suite }
        return table
    }()

    // MARK: - Masks

    static func kx(_ k: CipherSuite.KeyExchange) -> UInt64 {
        1 << UInt64(CipherSuite.KeyExchange.allCases.firstIndex(of: k) ?? 0)
    }

    static func au(_ a: CipherSuite.Authentication) -> UInt64 {
        switch a {
        case .gost01Or12: return au(.gost01) | au(.gost12)
        default: return 1 << UInt64(CipherSuite.Authentication.allCases.firstIndex(of: a) ?? 0)
        }
    }

    static func enc(_ e: CipherSuite.Encryption...) -> UInt64 {
        e.reduce(0) { $0 | 1 << UInt64(CipherSuite.Encryption.allCases.firstIndex(of: $1) ?? 0) }
    }

    static func mac(_ m: CipherSuite.MAC...) -> UInt64 {
        m.reduce(0) { $0 | 1 << UInt64(CipherSuite.MAC.allCases.firstIndex(of: $1) ?? 0) }
    }

    /// A bit no suite has: the mask of aliases for algorithms OpenSSL 3.0 no longer implements.
    static let removedAlgorithm: UInt64 = 1 << 63

    static let aesAll = enc(.aes128, .aes256, .aes128GCM, .aes256GCM, .aes128CCM, .aes256CCM, .aes128CCM8, .aes256CCM8)

    static func bits(of s: CipherSuite) -> Pattern {
        var strength: UInt64
        switch s.strengthClass {
        case .none: strength = strongNone
        case .low: strength = low
        case .medium: strength = medium
        case .high: strength = high
        }
        if s.fips { strength |= fipsBit }
        if s.notDefault { strength |= notDefaultBit }
        return Pattern(
            cipherID: s.id, kx: kx(s.keyExchange), au: au(s.authentication), enc: enc(s.encryption), mac: mac(s.mac),
            minVersion: s.minVersion, strength: strength)
    }

    /// Names OpenSSL 1.1.0 dropped the algorithms of; accepted, matching nothing.
    static let obsoleteAliases: Set<String> = [
        "DES", "RC2", "EXP", "EXPORT", "EXPORT40", "EXPORT56", "kDHr", "kDHd", "kDH", "kECDHr", "kECDHe", "kECDH",
        "aDH", "aECDH", "kKRB5", "aKRB5", "KRB5", "kFZA", "aFZA", "eFZA", "FZA", "SSLv2",
    ]

    /// OpenSSL 3.0's `cipher_aliases` table.
    static let aliases: [String: Pattern] = {
        let allEnc: UInt64 = ~enc(.null)
        let notNull: UInt64 = ~au(.anonymous)
        let psk = kx(.psk) | kx(.rsaPSK) | kx(.dhePSK) | kx(.ecdhePSK)
        var t: [String: Pattern] = [
            "ALL": Pattern(enc: allEnc),
            "COMPLEMENTOFALL": Pattern(enc: enc(.null)),
            "COMPLEMENTOFDEFAULT": Pattern(strength: notDefaultBit),
            "kRSA": Pattern(kx: kx(.rsa)), "kEDH": Pattern(kx: kx(.dhe)), "kDHE": Pattern(kx: kx(.dhe)),
            "DH": Pattern(kx: kx(.dhe)), "kEECDH": Pattern(kx: kx(.ecdhe)), "kECDHE": Pattern(kx: kx(.ecdhe)),
            "ECDH": Pattern(kx: kx(.ecdhe)), "kPSK": Pattern(kx: kx(.psk)), "kRSAPSK": Pattern(kx: kx(.rsaPSK)),
            "kECDHEPSK": Pattern(kx: kx(.ecdhePSK)), "kDHEPSK": Pattern(kx: kx(.dhePSK)), "kSRP": Pattern(kx: kx(.srp)),
            "kGOST": Pattern(kx: kx(.gost)), "kGOST18": Pattern(kx: kx(.gost18)),
            "aRSA": Pattern(au: au(.rsa)), "aDSS": Pattern(au: au(.dss)), "DSS": Pattern(au: au(.dss)),
            "aNULL": Pattern(au: au(.anonymous)), "aECDSA": Pattern(au: au(.ecdsa)), "ECDSA": Pattern(au: au(.ecdsa)),
            "aPSK": Pattern(au: au(.psk)), "aGOST01": Pattern(au: au(.gost01)), "aGOST12": Pattern(au: au(.gost12)),
            "aGOST": Pattern(au: au(.gost01) | au(.gost12)), "aSRP": Pattern(au: au(.srp)),
            "EDH": Pattern(kx: kx(.dhe), au: notNull), "DHE": Pattern(kx: kx(.dhe), au: notNull),
            "EECDH": Pattern(kx: kx(.ecdhe), au: notNull), "ECDHE": Pattern(kx: kx(.ecdhe), au: notNull),
            "NULL": Pattern(enc: enc(.null)), "RSA": Pattern(kx: kx(.rsa), au: au(.rsa)),
            "ADH": Pattern(kx: kx(.dhe), au: au(.anonymous)), "AECDH": Pattern(kx: kx(.ecdhe), au: au(.anonymous)),
            "PSK": Pattern(kx: psk), "SRP": Pattern(kx: kx(.srp)),
            "3DES": Pattern(enc: enc(.tripleDES)), "RC4": Pattern(enc: enc(.rc4)), "IDEA": Pattern(enc: enc(.idea)),
            "SEED": Pattern(enc: enc(.seed)), "eNULL": Pattern(enc: enc(.null)),
            "GOST89": Pattern(enc: enc(.gost89, .gost89CNT12, .magma, .kuznyechik)),
            "AES128": Pattern(enc: enc(.aes128, .aes128GCM, .aes128CCM, .aes128CCM8)),
            "AES256": Pattern(enc: enc(.aes256, .aes256GCM, .aes256CCM, .aes256CCM8)),
            "AES": Pattern(enc: aesAll), "AESGCM": Pattern(enc: enc(.aes128GCM, .aes256GCM)),
            "AESCCM": Pattern(enc: enc(.aes128CCM, .aes256CCM, .aes128CCM8, .aes256CCM8)),
            "AESCCM8": Pattern(enc: enc(.aes128CCM8, .aes256CCM8)),
            "CAMELLIA128": Pattern(enc: enc(.camellia128)), "CAMELLIA256": Pattern(enc: enc(.camellia256)),
            "CAMELLIA": Pattern(enc: enc(.camellia128, .camellia256)), "CHACHA20": Pattern(enc: enc(.chacha20Poly1305)),
            "GOST2012-GOST8912-GOST8912": Pattern(enc: enc(.gost89CNT12)),
            "ARIA": Pattern(enc: enc(.aria128GCM, .aria256GCM)), "ARIAGCM": Pattern(enc: enc(.aria128GCM, .aria256GCM)),
            "ARIA128": Pattern(enc: enc(.aria128GCM)), "ARIA256": Pattern(enc: enc(.aria256GCM)),
            "CBC": Pattern(enc: enc(.tripleDES, .idea, .aes128, .aes256, .camellia128, .camellia256, .seed)),
            "MD5": Pattern(mac: mac(.md5)), "SHA1": Pattern(mac: mac(.sha1)), "SHA": Pattern(mac: mac(.sha1)),
            "GOST94": Pattern(mac: mac(.gost94)), "GOST89MAC": Pattern(mac: mac(.gost89MAC, .gost89MAC12)),
            "SHA256": Pattern(mac: mac(.sha256)), "SHA384": Pattern(mac: mac(.sha384)), "GOST12": Pattern(mac: mac(.gost12)),
            "SSLv3": Pattern(minVersion: .sslv3), "TLSv1": Pattern(minVersion: .tls1_0),
            "TLSv1.0": Pattern(minVersion: .tls1_0), "TLSv1.2": Pattern(minVersion: .tls1_2),
            "LOW": Pattern(strength: low), "MEDIUM": Pattern(strength: medium), "HIGH": Pattern(strength: high),
            "FIPS": Pattern(enc: allEnc, strength: fipsBit),
            "EDH-DSS-DES-CBC3-SHA": Pattern(
                kx: kx(.dhe), au: au(.dss), enc: enc(.tripleDES), mac: mac(.sha1), strength: high | fipsBit),
            "EDH-RSA-DES-CBC3-SHA": Pattern(
                kx: kx(.dhe), au: au(.rsa), enc: enc(.tripleDES), mac: mac(.sha1), strength: high | fipsBit),
        ]
        for name in obsoleteAliases { t[name] = Pattern(enc: removedAlgorithm) }
        return t
    }()
}
