import Findings
import Graph
import Reporting
import Testing

@Suite struct ResultFingerprintTests {
    private func lineHash(_ result: Result, among others: [Result] = []) -> String {
        let evaluation = Evaluation(results: [result] + others, rules: Sample.rules)
        let index = evaluation.results.firstIndex(of: result) ?? 0
        return ResultFingerprint.all(for: evaluation.results, workingDirectory: "/home/ci/repo")[index].lineHash
    }

    @Test func movingTenLinesDownKeepsTheHash() {
        let before = Sample.kmsFailure(line: 7)
        let after = Sample.kmsFailure(line: 17)
        #expect(lineHash(before) == lineHash(after))
        let sarifBefore = SARIFReport.render(Evaluation(results: [before], rules: Sample.rules), run: Sample.run)
        let sarifAfter = SARIFReport.render(Evaluation(results: [after], rules: Sample.rules), run: Sample.run)
        #expect(sarifBefore.contains(lineHash(before)) && sarifAfter.contains(lineHash(before)))
    }

    @Test func changingTheResourceIDChangesTheHash() {
        #expect(lineHash(Sample.kmsFailure()) != lineHash(Sample.kmsFailure(resourceID: "aws_kms_key.other")))
    }

    @Test func changingTheAttributeOrFileChangesTheHash() {
        var other = Sample.kmsFailure()
        other.attribute = AttributePath(keys: "deletion_window_in_days")
        #expect(lineHash(Sample.kmsFailure()) != lineHash(other))
        var moved = Sample.kmsFailure()
        moved.sourceLocation?.path = "infra/keys.tf"
        #expect(lineHash(Sample.kmsFailure()) != lineHash(moved))
    }

    @Test func absoluteAndRelativePathsInsideTheRepoAgree() {
        var absolute = Sample.kmsFailure()
        absolute.sourceLocation?.path = "/home/ci/repo/infra/kms.tf"
        #expect(lineHash(Sample.kmsFailure()) == lineHash(absolute))
    }

    @Test func duplicatesGetOccurrenceCounters() {
        let first = Sample.kmsFailure(line: 7)
        let second = Sample.kmsFailure(line: 30)
        let hashes = ResultFingerprint.all(for: Evaluation(results: [second, first], rules: Sample.rules).results, workingDirectory: "/home/ci/repo")
        #expect(hashes.count == 2)
        #expect(hashes[0].lineHash.hasSuffix(":1") && hashes[1].lineHash.hasSuffix(":2"))
        #expect(hashes[0].lineHash.dropLast() == hashes[1].lineHash.dropLast())
        #expect(hashes[0].id != hashes[1].id)
        #expect(hashes.allSatisfy { $0.id.count == 64 && $0.lineHash.count == 18 })
    }

    /// A selection gets the fingerprints `all` gives its members: occurrences still count the
    /// results left out (a pass that shares a failure's identity comes first here).
    @Test func aSelectionGetsTheFingerprintsOfTheWhole() {
        var pass = Sample.kmsFailure(line: 3)
        pass.status = .pass
        let results = [pass, Sample.kmsFailure(line: 7), Sample.kmsFailure(line: 9, resourceID: "aws_kms_key.other"), Sample.kmsFailure(line: 30)]
        let all = ResultFingerprint.all(for: results, workingDirectory: "/home/ci/repo")
        #expect(all[1].lineHash.hasSuffix(":2") && all[3].lineHash.hasSuffix(":3"))
        for selected in [[1, 3], [0, 2], [3], [], [0, 1, 2, 3]] {
            #expect(ResultFingerprint.of(selected, in: results, workingDirectory: "/home/ci/repo") == selected.map { all[$0] })
        }
    }
}
