import CEL
import Foundation
import Testing

/// Cases we knowingly do not pass, with the reason. None may be a tier-1 or tier-2 case.
let conformanceSkips: [String: String] = [:]


@Suite struct ConformanceTests {
    @Test(arguments: Conformance.files)
    func conformance(file: String) throws {
        let cases = try Conformance.load(file)
        var pass = 0
        var skipped = 0
        var parseErrors = 0
        var failures: [String] = []
        for c in cases {
            let result = Conformance.run(c)
            if let reason = conformanceSkips[c.id] {
                skipped += 1
                _ = reason
                continue
            }
            switch result {
            case .pass: pass += 1
            case .fail(let m):
                failures.append("\(c.id): \(c.expr) → \(m)")
            case .parseError(let m):
                // An error-expecting case that fails to parse does not count as a pass.
                parseErrors += 1
                failures.append("\(c.id): \(c.expr) → parse error: \(m)")
            }
        }
        let tier = Conformance.tier(of: file).map { $0 == 5 ? "not planned" : "tier \($0)" } ?? "untiered"
        print("conformance \(file) (\(tier)): \(pass)/\(cases.count) pass, \(skipped) skipped, \(failures.count) failing (\(parseErrors) parse errors)")
        for f in failures {
            Issue.record(Comment(rawValue: f))
        }
    }

    @Test func skipsAreOutsideTiers1And2() {
        for id in conformanceSkips.keys {
            let file = String(id.split(separator: "/").first ?? "")
            #expect((Conformance.tier(of: file) ?? 3) >= 3, "\(id) is a tier-1/2 case and must not be skipped")
        }
    }
}
