/// OpenSSL 3.0's cipher-string language (`ssl_ciphers`, `SSL_CTX_set_cipher_list`), evaluated to
/// the ordered list of TLS 1.0–1.2 suites it enables.
///
/// The evaluator follows `ssl/ssl_ciph.c` of OpenSSL 3.0: the table is sorted by id and walked
/// backwards, ordered by OpenSSL's default preference rules (ECDHE first, AES-GCM and ChaCha20
/// before AES-CBC, MD5/anonymous/RSA-kx/PSK/RC4 last, strength sort, TLS 1.2 and AEAD and
/// (EC)DHE bumped), then the rules of the string are applied: words are aliases (`HIGH`, `kRSA`,
/// `AESGCM`, …), suite names (OpenSSL spelling; OpenSSL 3.0 ignores IANA names here) or `+`-joined combinations; `!` deletes
/// for good, `-` deletes (a later rule may add back), `+` moves to the end, `@STRENGTH` sorts by
/// strength, `@SECLEVEL=n` sets the security level; `:`, `,`, `;` and spaces separate. A leading
/// `DEFAULT` means `ALL:!COMPLEMENTOFDEFAULT:!eNULL`; a leading `SUITEB128`, `SUITEB128ONLY`,
/// `SUITEB128C2` or `SUITEB192` replaces the whole string. Unknown words are ignored, as OpenSSL
/// does, and reported in `Evaluation.unknownTokens`.
///
/// TLS 1.3 suites are not part of the result: OpenSSL configures them separately
/// (`SSL_CTX_set_ciphersuites`, nginx's `ssl_conf_command Ciphersuites`), and `openssl ciphers`
/// merely prepends them. `CipherSuite.tls13Default` lists what OpenSSL 3.0 offers by default.
public enum CipherString {
    /// Why OpenSSL would reject a cipher string.
    public enum Failure: Sendable, Hashable, CustomStringConvertible {
        /// A character or `@` command OpenSSL does not accept (`SSL_R_INVALID_COMMAND`); the whole
        /// string is rejected.
        case invalidCommand(String)
        /// The string selects no TLS 1.0–1.2 suite (`SSL_R_NO_CIPHER_MATCH`).
        case noCipherMatch

        /// A sentence for messages.
        public var description: String {
            switch self {
            case .invalidCommand(let text): return "invalid cipher string command \"\(text)\""
            case .noCipherMatch: return "the cipher string selects no cipher suite"
            }
        }
    }

    /// The outcome of evaluating one cipher string.
    public struct Evaluation: Sendable, Hashable {
        /// The enabled TLS 1.0–1.2 suites, in OpenSSL's preference order; empty when `failure` is set.
        public var suites: [CipherSuite]
        /// Words that are neither an alias nor a suite name (OpenSSL ignores them), in order of appearance.
        public var unknownTokens: [String]
        /// Aliases of algorithms OpenSSL 1.1.0 removed (`DES`, `RC2`, `EXPORT`, fixed-DH `kDHr` …):
        /// accepted but matching nothing.
        public var obsoleteTokens: [String]
        /// The level set by `@SECLEVEL=n`, if any.
        public var securityLevel: Int?
        /// Why OpenSSL would reject the string, or nil when it accepts it.
        public var failure: Failure?

        /// Whether OpenSSL accepts the string.
        public var isValid: Bool { failure == nil }
    }

    /// Every build: the conservative view of what some OpenSSL 3.0 build may enable.
    public static let anyBuild: Set<CipherSuite.Build> = [.standard, .weakCiphers, .legacyProvider, .gost]

    /// The suites a string enables, in OpenSSL's order (empty when OpenSSL would reject the string).
    public static func evaluate(_ string: String, builds: Set<CipherSuite.Build> = anyBuild) -> [CipherSuite] {
        analyze(string, builds: builds).suites
    }

    /// Evaluates a string and reports unknown words, `@SECLEVEL` and failures as well.
    ///
    /// `builds` restricts the table to suites that such builds can offer: pass `[.standard]` to
    /// model Debian's `openssl`, the default `anyBuild` to also count 3DES, RC4, IDEA, SEED and
    /// GOST suites that a differently built OpenSSL would enable.
    public static func analyze(_ string: String, builds: Set<CipherSuite.Build> = anyBuild) -> Evaluation {
        var engine = CipherListBuilder()
        var evaluation = Evaluation(suites: [], unknownTokens: [], obsoleteTokens: [], securityLevel: nil, failure: nil)
        var rules = Array(string.utf8)
        if let replacement = suiteBReplacement(rules) { rules = Array(replacement.utf8) }
        if rules.starts(with: Array("DEFAULT".utf8)) {
            engine.process(Array(defaultRules.utf8), into: &evaluation)
            rules.removeFirst(7)
            if rules.first == UInt8(ascii: ":") { rules.removeFirst() }
        }
        if evaluation.failure == nil && !rules.isEmpty { engine.process(rules, into: &evaluation) }
        if evaluation.failure != nil {
            evaluation.suites = []
            return evaluation
        }
        evaluation.suites = engine.activeSuites.filter { builds.contains($0.build) }
        if evaluation.suites.isEmpty { evaluation.failure = .noCipherMatch }
        return evaluation
    }

    /// What `DEFAULT` expands to in OpenSSL 3.0 (`OSSL_default_cipher_list`).
    public static let defaultRules = "ALL:!COMPLEMENTOFDEFAULT:!eNULL"

    /// nginx's default `ssl_ciphers` (`NGX_DEFAULT_CIPHERS`).
    public static let nginxDefault = "HIGH:!aNULL:!MD5"

    private static func suiteBReplacement(_ rules: [UInt8]) -> String? {
        func has(_ prefix: String) -> Bool { rules.starts(with: Array(prefix.utf8)) }
        if has("SUITEB128ONLY") { return "ECDHE-ECDSA-AES128-GCM-SHA256" }
        if has("SUITEB128C2") { return "ECDHE-ECDSA-AES256-GCM-SHA384" }
        if has("SUITEB128") { return "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384" }
        if has("SUITEB192") { return "ECDHE-ECDSA-AES256-GCM-SHA384" }
        return nil
    }
}
