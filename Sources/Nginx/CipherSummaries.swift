import Dispatch
import Graph

/// `ssl_ciphers` strings turned into `ssl.cipher_set` values once per parse: a tree of
/// thousands of servers repeats a handful of cipher strings (the default, a shared snippet's),
/// and evaluating one the OpenSSL way is far dearer than looking it up.
struct CipherSummaries {
    private var byString: [String: Value] = [:]
    /// Summaries shared by the copies of this value that workers use, so each string is
    /// evaluated once for all of them.
    private var shared: Shared?

    /// `CipherEvaluation.summary(cipherString)`, computed on first use.
    mutating func summary(_ cipherString: String) -> Value {
        if let known = byString[cipherString] { return known }
        let value = shared?.summary(cipherString) ?? CipherEvaluation.summary(cipherString)
        byString[cipherString] = value
        return value
    }

    /// From now on, this value and its copies share what they summarise.
    mutating func share() {
        if shared == nil { shared = Shared(byString) }
    }

    /// Summaries behind a lock, for workers on several threads.
    private final class Shared: @unchecked Sendable {
        private var byString: [String: Value]
        private let lock = DispatchSemaphore(value: 1)

        init(_ known: [String: Value]) { byString = known }

        func summary(_ cipherString: String) -> Value {
            lock.wait()
            defer { lock.signal() }
            if let known = byString[cipherString] { return known }
            let value = CipherEvaluation.summary(cipherString)
            byString[cipherString] = value
            return value
        }
    }
}
