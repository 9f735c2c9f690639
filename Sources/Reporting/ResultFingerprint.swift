import Dispatch
import Findings
import Graph

/// The identity of a result across runs, independent of line numbers: rule id, resource id,
/// attribute path and repository-relative file path, plus an occurrence counter for results
/// that share all four.
///
/// Moving a resource down the file keeps its fingerprint; renaming it, or moving it to another
/// file, changes it. Baselines and every report use the same values.
public struct ResultFingerprint: Sendable, Hashable {
    /// GitHub's `partialFingerprints.primaryLocationLineHash` form: 16 hex digits, `:`, the
    /// 1-based occurrence (`5f1c0a3a9d2e7b44:1`).
    public var lineHash: String
    /// The full 64-hex-digit SHA-256 of the identity (and occurrence after the first): SARIF
    /// `fingerprints["cipherlint/v1"]`.
    public var id: String

    /// The fingerprints of `results`, index for index; occurrences count in the given order,
    /// so pass results in report order (`Evaluation.results`).
    public static func all(for results: [Result], workingDirectory: String) -> [ResultFingerprint] {
        // The identity digests are independent: computed on every core, in chunks; the
        // occurrence counts then run in order.
        let chunks = results.count < 2048 ? 1 : 8
        let slots = ConcurrentSlots<[String]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (results.count * chunk / chunks)..<(results.count * (chunk + 1) / chunks)
            slots.set(chunk, identityDigests(results, range, workingDirectory: workingDirectory))
        }
        var seen: [String: Int] = [:]
        var out: [ResultFingerprint] = []
        out.reserveCapacity(results.count)
        for base in slots.values.joined() {
            let occurrence = (seen[base] ?? 0) + 1
            seen[base] = occurrence
            // The first occurrence's id is the identity's digest; later ones hash it with their
            // counter (one digest per result keeps large scans fast).
            let full = occurrence == 1 ? base : SHA256.hex(Array("\(base):\(occurrence)".utf8))
            out.append(ResultFingerprint(lineHash: String(decoding: base.utf8.prefix(16), as: UTF8.self) + ":\(occurrence)", id: full))
        }
        return out
    }

    /// The hex SHA-256 of each result's identity in `range`: "cipherlint/v1" NUL rule NUL
    /// resource NUL attribute NUL repository-relative path, as UTF-8.
    private static func identityDigests(_ results: [Result], _ range: Range<Int>, workingDirectory: String) -> [String] {
        var displayPaths: [String: String] = [:]
        var identity: [UInt8] = []
        var out: [String] = []
        out.reserveCapacity(range.count)
        results.withUnsafeBufferPointer { all in
            for i in range {
                let primary = all[i].primaryLocation.path
                let path = displayPaths[primary] ?? ReportPath.display(primary, in: workingDirectory)
                displayPaths[primary] = path
                identity.removeAll(keepingCapacity: true)
                identity += "cipherlint/v1".utf8
                for part in [all[i].ruleID, all[i].resourceID, all[i].attribute?.description ?? "", path] {
                    identity.append(0)
                    identity += part.utf8
                }
                out.append(SHA256.hex(identity))
            }
        }
        return out
    }
}
