import Graph
import TLSFacts

/// The one place where an `ssl_ciphers` string is turned into the facts policies judge.
///
/// The result is `CipherString.summary` from TLSFacts (OpenSSL cipher-string semantics: `suites`,
/// `weak`, `weakReasons`, `outsideProfile`, `allowedByProfile`, `valid`, …) plus three keys for
/// policies: `has_weak` (any weak suite enabled), `outside_intermediate` and `outside_modern`
/// (enabled TLS ≤ 1.2 suites outside that Mozilla profile of `guideline`).
enum CipherEvaluation {
    /// The Mozilla guideline version the `outside_*` keys use (5.7: the one most tools quote;
    /// its intermediate profile is a superset of 6.0's).
    static let guideline = "5.7"

    static func summary(_ cipherString: String) -> Value {
        var map = CipherString.summary(cipherString).mapValue ?? [:]
        let weak = map["weak"]?.listValue ?? []
        map["has_weak"] = .bool(!weak.isEmpty)
        let outside = map["outsideProfile"]?.mapValue ?? [:]
        map["outside_intermediate"] = outside["mozilla-\(guideline)-intermediate"] ?? .list([])
        map["outside_modern"] = outside["mozilla-\(guideline)-modern"] ?? .list([])
        return .map(map)
    }
}
