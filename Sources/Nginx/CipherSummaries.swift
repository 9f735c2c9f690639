import Graph

/// `ssl_ciphers` strings turned into `ssl.cipher_set` values once per parse: a tree of
/// thousands of servers repeats a handful of cipher strings (the default, a shared snippet's),
/// and evaluating one the OpenSSL way is far dearer than looking it up.
struct CipherSummaries {
    private var byString: [String: Value] = [:]

    /// `CipherEvaluation.summary(cipherString)`, computed on first use.
    mutating func summary(_ cipherString: String) -> Value {
        if let known = byString[cipherString] { return known }
        let value = CipherEvaluation.summary(cipherString)
        byString[cipherString] = value
        return value
    }
}
