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
        of(Array(results.indices), in: results, workingDirectory: workingDirectory)
    }

    /// The fingerprints of `results[selected[k]]`, k for k (`selected` ascending), the same as
    /// `all(for:)` gives them: occurrences still count over every result, but only the selected
    /// ones are hashed (SARIF writes the failing few of a large scan's many results).
    public static func of(_ selected: [Int], in results: [Result], workingDirectory: String) -> [ResultFingerprint] {
        let occurrences = occurrences(of: selected, in: results, workingDirectory: workingDirectory)
        // The identity digests are independent: computed on every core, in chunks.
        let chunks = selected.count < 2048 ? 1 : 8
        let slots = ConcurrentSlots<[ResultFingerprint]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (selected.count * chunk / chunks)..<(selected.count * (chunk + 1) / chunks)
            let bases = identityDigests(results, range.map { selected[$0] }, workingDirectory: workingDirectory)
            slots.set(
                chunk,
                zip(range, bases).map { k, base in
                    let occurrence = occurrences[k]
                    // The first occurrence's id is the identity's digest; later ones hash it with
                    // their counter.
                    let full = occurrence == 1 ? base : SHA256.hex(Array("\(base):\(occurrence)".utf8))
                    return ResultFingerprint(lineHash: String(decoding: base.utf8.prefix(16), as: UTF8.self) + ":\(occurrence)", id: full)
                })
        }
        return Array(slots.values.joined())
    }

    /// What makes two results the same one: exactly the fields the identity digest hashes (an
    /// attribute path's string form is one-to-one, and no attribute is the empty path).
    private struct Identity: Hashable {
        var rule: String
        var resource: String
        var attribute: AttributePath
        var path: String
    }

    /// The 1-based occurrence of each selected result's identity among all results up to it.
    private static func occurrences(of selected: [Int], in results: [Result], workingDirectory: String) -> [Int] {
        var position = [Int](repeating: -1, count: results.count)
        for (k, i) in selected.enumerated() { position[i] = k }
        var out = [Int](repeating: 1, count: selected.count)
        var seen: [Identity: Int] = [:]
        seen.reserveCapacity(results.count)
        var displayPaths: [String: String] = [:]
        var lastPrimary: String?
        var lastDisplay = ""
        results.withUnsafeBufferPointer { all in
            for i in all.indices {
                let primary = all[i].primaryLocation.path
                if primary != lastPrimary {
                    lastDisplay = displayPaths[primary] ?? ReportPath.display(primary, in: workingDirectory)
                    displayPaths[primary] = lastDisplay
                    lastPrimary = primary
                }
                let identity = Identity(
                    rule: all[i].ruleID, resource: all[i].resourceID, attribute: all[i].attribute ?? AttributePath([]), path: lastDisplay)
                let occurrence = (seen[identity] ?? 0) + 1
                seen[identity] = occurrence
                if position[i] >= 0 { out[position[i]] = occurrence }
            }
        }
        return out
    }

    /// The hex SHA-256 of each result's identity in `range`: "cipherlint/v1" NUL rule NUL
    /// resource NUL attribute NUL repository-relative path, as UTF-8.
    private static func identityDigests(_ results: [Result], _ indices: [Int], workingDirectory: String) -> [String] {
        var displayPaths: [String: String] = [:]
        var identity: [UInt8] = []
        var out: [String] = []
        out.reserveCapacity(indices.count)
        results.withUnsafeBufferPointer { all in
            for i in indices {
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
