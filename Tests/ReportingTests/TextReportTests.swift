import Findings
import Foundation
import Graph
import Reporting
import Testing

@Suite struct TextReportTests {
    @Test func matchesGolden() throws {
        let text = TextReport.render(Sample.evaluation, run: Sample.run, sources: Sample.sources, color: false)
        #expect(text == (try Golden.expected("sample.txt", actual: text)))
    }

    @Test func colorMatchesGolden() throws {
        let text = TextReport.render(Sample.evaluation, run: Sample.run, sources: Sample.sources, color: true)
        #expect(text == (try Golden.expected("sample-color.txt", actual: text)))
        #expect(text.contains("\u{1B}["))
    }

    @Test func noColorHasNoEscapes() {
        let text = TextReport.render(Sample.evaluation, run: Sample.run, sources: Sample.sources, color: false)
        #expect(!text.contains("\u{1B}"))
    }

    @Test func showsTheOffendingLineWithACaret() {
        let text = TextReport.render(
            Evaluation(results: [Sample.kmsFailure()], rules: Sample.rules), run: Sample.run, sources: Sample.sources, color: false)
        #expect(
            text == """
                infra/kms.tf:7:3  HIGH      aws-kms-key-rotation-enabled  KMS key aws_kms_key.main does not rotate its key material
                    7 |   enable_key_rotation = false
                      |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~
                  fix: Set enable_key_rotation = true.

                1 finding (1 high), 0 passed in 1 file

                """)
    }

    @Test func longLinesShowAWindowAroundTheColumn() {
        // A plan as terraform writes it: one line; the attribute sits far into it, after
        // multi-byte characters.
        let before = String(repeating: "{\"é\":1,", count: 300)
        let line = before + "\"enable_key_rotation\":false" + String(repeating: ",\"x\":2", count: 300) + "}"
        let column = before.unicodeScalars.count + 1
        var r = Sample.kmsFailure()
        r.sourceLocation = nil
        r.location = Graph.SourceLocation(path: "plan.json", line: 1, column: column, endLine: 1, endColumn: column + 21)
        let sources = ["plan.json": SourceFile(path: "plan.json", text: line + "\n")]
        let text = TextReport.render(Evaluation(results: [r], rules: Sample.rules), run: Sample.run, sources: sources, color: false)
        let lines = text.split(separator: "\n").map(String.init)
        let source = lines[1]
        let caret = lines[2]
        #expect(source.hasPrefix("    1 | …"))
        #expect(source.hasSuffix("…"))
        #expect(source.count < 140)
        // The caret stands under the attribute's opening quote and spans its name.
        let caretAt = caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) }
        let quoteAt = source.range(of: "\"enable_key_rotation\"").map { source.distance(from: source.startIndex, to: $0.lowerBound) }
        #expect(caretAt != nil && caretAt == quoteAt)
        #expect(caret.contains("^" + String(repeating: "~", count: 20)))
    }

    @Test func summaryCountsEveryStatus() {
        #expect(TextReport.summary(Sample.evaluation) == "3 findings (2 high, 1 info), 1 unknown, 1 error, 1 suppressed, 1 passed in 4 files")
    }

    @Test func controlCharactersInMessagesAreNeutralised() {
        var r = Sample.kmsFailure()
        r.message = "evil \u{1B}[2Jname"
        let text = TextReport.render(Evaluation(results: [r], rules: Sample.rules), run: Sample.run, sources: [:], color: false)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("evil \u{FFFD}[2Jname"))
    }

    @Test func cleanRunSaysSo() {
        let text = TextReport.render(Evaluation(results: [], rules: Sample.rules), run: Sample.run, sources: [:], color: false)
        #expect(text == "0 findings, 0 passed in 0 files\n")
    }
}

@Suite struct JSONReportTests {
    @Test func matchesGolden() throws {
        let text = JSONReport.render(Sample.evaluation, run: Sample.run)
        #expect(text == (try Golden.expected("sample.json", actual: text)))
    }

    @Test func isValidJSONWithEveryResult() throws {
        let text = JSONReport.render(Sample.evaluation, run: Sample.run)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(object?["schemaVersion"] as? String == JSONReport.schemaVersion)
        let results = object?["results"] as? [[String: Any]]
        #expect(results?.count == Sample.results.count)
        let suppressed = results?.first { $0["suppression"] is [String: Any] }?["suppression"] as? [String: Any]
        #expect(suppressed?["reason"] as? String == "Legacy POS terminals; replaced in Q1")
    }
}
