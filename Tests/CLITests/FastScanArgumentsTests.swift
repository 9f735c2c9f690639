import Testing

@testable import cipherlint

/// The fast parser of `scan` command lines must give what ArgumentParser gives, or leave the
/// command line to it.
@Suite struct FastScanArgumentsTests {
    /// Command lines the fast parser takes: the same request as ArgumentParser's.
    static let taken: [[String]] = [
        [],
        ["plan.json"],
        ["a.yaml", "b.yaml", "nginx/nginx.conf"],
        ["-"],
        ["-", "plan.json", "--stdin-name", "deploy.yaml"],
        ["--format", "sarif", "samples"],
        ["--format=sarif", "samples"],
        ["samples", "--format", "json", "--output", "sarif=out.sarif", "--output=text=-"],
        ["--policies", "p1", "--policies=p2", "--exclude", "**/vendor/**", "--exclude", "tmp/*"],
        ["--only", "aws-kms-*,k8s-*", "--skip=nginx-ssl-stapling"],
        ["--config", "ci.cipherlint.yaml", "--tf-source", "infra", "--nginx-version", "1.24.0", "--nginx-prefix", "/etc/nginx"],
        ["--root-namespace", "istio-config", "manifests"],
        ["--max-file-size", "1000", "--max-depth=12", "--max-aliases", "5", "--max-cel-cost", "99"],
        ["--jobs", "1"], ["--jobs=4", "x"],
        ["--shard", "2/8", "."],
        ["--timings", "--include-suppressed", "--no-color", "x"],
        ["--severity-threshold", "high", "--category", "cipherlint/plans", "--baseline", ".cipherlint-baseline.json"],
        ["--baseline-out", "b.json", "x"],
        ["--format", "nope"],  // a report-format problem is found when the scan runs, on either path
        ["--severity-threshold", "extreme"],
    ]

    /// Command lines the fast parser leaves to ArgumentParser (help, errors, rare forms).
    static let leftToArgumentParser: [[String]] = [
        ["--help"], ["-h"], ["help"], ["--version"], ["x", "--help"],
        ["--generate-completion-script", "bash"],
        ["--bogus"], ["-j", "2"], ["--", "-weird-file"],
        ["--format"], ["--format", "--timings"], ["--format="], ["--format", "sarif", "--format", "json"],
        ["--timings", "--timings"], ["--timings=true"],
        ["--jobs", "0"], ["--jobs", "many"], ["--jobs", "-1"], ["--max-depth", "0"], ["--max-file-size", "-5"],
        ["--shard", "3/2"], ["--shard", "0/1"], ["--shard", "x"],
        ["--stdin-name", "-"],
    ]

    @Test(arguments: taken)
    func sameRequestAsArgumentParser(_ arguments: [String]) throws {
        let expected = try ScanCommand.parse(arguments).request
        let fast = try #require(FastScanArguments.parse(arguments))
        #expect(fast == expected)
    }

    @Test(arguments: leftToArgumentParser)
    func leavesTheRestToArgumentParser(_ arguments: [String]) {
        #expect(FastScanArguments.parse(arguments) == nil)
    }

    /// Every single-option command line, in both spellings: the fast parser either gives
    /// ArgumentParser's request or steps aside, and never takes what ArgumentParser refuses.
    @Test func neverDisagreesWithArgumentParser() {
        let values = ["1", "2/3", "text=-", "-", "", "a=b"]
        let names = [
            "policies", "only", "skip", "config", "tf-source", "nginx-version", "nginx-prefix", "root-namespace", "stdin-name",
            "exclude", "max-file-size", "max-depth", "max-aliases", "max-cel-cost", "jobs", "shard", "timings", "format", "output",
            "severity-threshold", "category", "baseline", "baseline-out", "include-suppressed", "no-color", "unknown",
        ]
        var vectors: [[String]] = []
        for name in names {
            vectors.append(["--\(name)"])
            for value in values {
                vectors.append(["--\(name)", value])
                vectors.append(["--\(name)=\(value)"])
                vectors.append(["path", "--\(name)", value, "--\(name)", value])
            }
        }
        var taken = 0
        for arguments in vectors {
            let expected = try? ScanCommand.parse(arguments).request
            guard let fast = FastScanArguments.parse(arguments) else { continue }
            taken += 1
            #expect(fast == expected, "\(arguments)")
        }
        #expect(taken > 100)
    }
}
