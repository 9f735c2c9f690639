import Evidence
import Findings
import Foundation
import Testing

@Test func theBundleHasEveryFileAndTheManifestListsTheOthers() throws {
    let bundle = try EvidenceSample.bundle()
    #expect(bundle.files.map(\.name) == ["evidence.json", "report.md", "report.html", "results.csv", "MANIFEST.sha256"])
    let manifest = EvidenceSample.text(bundle, "MANIFEST.sha256")
    let lines = manifest.split(separator: "\n").map(String.init)
    #expect(lines.map { String($0.dropFirst(66)) } == ["evidence.json", "report.html", "report.md", "results.csv"])
    for line in lines {
        let name = String(line.dropFirst(66))
        #expect(line.prefix(66) == SHA256.hex(bundle[name] ?? []) + "  ")
    }
    #expect(manifest.hasSuffix("\n"))
}

@Test func evidenceJSONRecordsRunScopeAndEveryControl() throws {
    let bundle = try EvidenceSample.bundle()
    let object = try JSONSerialization.jsonObject(with: Data(bundle["evidence.json"] ?? []))
    let json = try #require(object as? [String: Any])
    #expect(json["schemaVersion"] as? Int == 1)
    let run = try #require(json["run"] as? [String: Any])
    #expect(run["startTime"] as? String == "2026-12-01T18:30:00Z")
    #expect(run["workingDirectory"] as? String == ".")
    #expect(run["paths"] as? [String] == ["k8s", "plan.json", "nginx"])
    let repository = try #require(run["repository"] as? [String: Any])
    #expect(repository["remote"] as? String == "https://github.com/acme/infra.git")
    let pack = try #require(run["policyPack"] as? [String: Any])
    #expect((pack["digest"] as? String)?.count == 64)
    #expect((pack["files"] as? [[String: Any]])?.first?["path"] as? String == "policies/aws/aws-kms-key-rotation-enabled.yaml")

    let scope = try #require(json["scope"] as? [String: Any])
    let inputs = try #require(scope["inputs"] as? [[String: Any]])
    #expect(inputs.map { $0["path"] as? String } == ["plan.json", "k8s/web.yaml", "nginx/nginx.conf"])
    #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
    #expect((scope["resourcesByKind"] as? [String: Int])?["kubernetes/Ingress"] == 2)
    #expect(scope["resourceCount"] as? Int == 6)

    let controls = try #require(json["controls"] as? [[String: Any]])
    let soc2 = ControlCatalogue.builtin.controls(of: "soc2").map(\.id)
    #expect(controls.compactMap { $0["id"] as? String } == soc2 + ["CC9.9"], "every catalogued control, then uncatalogued ones")
    func control(_ id: String) -> [String: Any]? { controls.first { $0["id"] as? String == id } }
    #expect(control("CC6.1")?["status"] as? String == "inconclusive")
    #expect(control("CC6.7")?["status"] as? String == "failing")
    #expect(control("CC6.3")?["status"] as? String == "not-tested")
    #expect(control("CC9.9")?["inCatalogue"] as? Bool == false)
    let evidence = try #require(control("CC6.1")?["evidence"] as? [[String: Any]])
    #expect(evidence.count == 3)
    let accepted = try #require(evidence.first { $0["status"] as? String == "accepted" })
    let exception = try #require(accepted["exception"] as? [String: Any])
    #expect(exception["reason"] as? String == "replaced by INFRA-123, see \"plan\"")
    #expect(exception["owner"] as? String == "platform@example.com")
    #expect(exception["until"] as? String == "2027-03-31")
    #expect((exception["location"] as? [String: Any])?["path"] as? String == ".cipherlint.yaml")
    #expect(accepted["verdict"] as? String == "fail")
    let policies = try #require(control("CC6.1")?["policies"] as? [[String: Any]])
    #expect(policies.compactMap { $0["id"] as? String } == ["aws-kms-key-rotation-enabled", "aws-s3-bucket-encrypted"])
    #expect(policies.last?["definedIn"] as? String == "my-policies/s3.yaml")

    let unmapped = try #require(json["unmappedResults"] as? [[String: Any]])
    #expect(unmapped.map { $0["policy"] as? String } == ["nginx-hsts-enabled"])
    let summary = try #require(json["summary"] as? [String: Any])
    #expect(summary["controls"] as? Int == soc2.count + 1)
    #expect(summary["failing"] as? Int == 1)
    #expect((summary["results"] as? [String: Int])?["accepted"] == 1)
    #expect((json["diagnostics"] as? [Any])?.count == 1)
}

@Test func noAbsoluteWorkingPathLeaksIntoTheBundle() throws {
    let bundle = try EvidenceSample.bundle()
    for (name, bytes) in bundle.files {
        #expect(!String(decoding: bytes, as: UTF8.self).contains(EvidenceSample.wd), "\(name) mentions the working directory")
        #expect(!String(decoding: bytes, as: UTF8.self).contains("ghp_secret"), "\(name) leaks the remote's credentials")
    }
}

@Test func markdownHasTheSummaryThenEveryControl() throws {
    let md = EvidenceSample.text(try EvidenceSample.bundle(), "report.md")
    #expect(md.hasPrefix("# Audit evidence: SOC 2 Trust Services Criteria"))
    let summary = try #require(md.range(of: "## Summary"))
    let detail = try #require(md.range(of: "## Controls"))
    #expect(summary.upperBound < detail.lowerBound)
    for c in ControlCatalogue.builtin.controls(of: "soc2") {
        #expect(md.contains("| [\(c.id)](#"), "\(c.id) in the summary table")
        #expect(md.contains("### \(c.id): "), "\(c.id) in the detail")
    }
    #expect(md.contains("[CC6.7](#cc67-failing)"))
    #expect(md.contains("| **failing** |"))
    #expect(md.contains("| `aws-kms-key-rotation-enabled` | `aws_kms_key.legacy` | replaced by INFRA-123, see \"plan\" | platform@example.com | 2027-03-31 | .cipherlint.yaml:4 |"))
    #expect(md.contains("Ingress <web> serves, \"plainly\" over HTTP"), "line breaks do not break table rows")
    #expect(md.contains("## Scope"))
    #expect(md.contains("`\(String(repeating: "b", count: 64))`"))
}

@Test func htmlIsSelfContainedAndShowsEveryControlsStatus() throws {
    let html = EvidenceSample.text(try EvidenceSample.bundle(), "report.html")
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.hasSuffix("</html>\n"))
    for banned in ["<script", "<link", "src=", "@import", "url("] { #expect(!html.contains(banned), "no external assets: \(banned)") }
    #expect(html.contains("@media print"))
    let a = FrameworkAssessment(EvidenceSample.evaluation, framework: try #require(ControlCatalogue.builtin.framework("soc2")), catalogue: .builtin)
    for c in a.controls {
        #expect(html.contains("<a href=\"#\(anchorOf(c.control.id))\">\(c.control.id)</a></td><td><span class=\"badge s-\(c.status.rawValue)\">\(c.status.label)</span>"))
        #expect(html.contains("id=\"\(anchorOf(c.control.id))\""))
    }
    #expect(html.contains("Ingress &lt;web&gt; serves, &quot;plainly&quot;"), "text is escaped")
    #expect(!html.contains("<web>"))
    #expect(html.contains("Accepted: replaced by INFRA-123"))
}

private func anchorOf(_ id: String) -> String {
    "c-" + String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
}

/// A small RFC 4180 reader, independent of the writer.
private func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" {
                    field.unicodeScalars.append("\"")
                    chars = chars.dropFirst()
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field)
            field = ""
        } else if c == "\r", chars.first == "\n" {
            chars = chars.dropFirst()
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.unicodeScalars.append(c)
        }
    }
    return rows
}

@Test func csvIsRFC4180WithARowPerControlResult() throws {
    let csv = EvidenceSample.text(try EvidenceSample.bundle(), "results.csv")
    #expect(csv.hasSuffix("\r\n"))
    let rows = parseCSV(csv)
    #expect(rows.first == EvidenceCSVReport.columns)
    #expect(rows.allSatisfy { $0.count == EvidenceCSVReport.columns.count })
    let body = rows.dropFirst()
    let controls = Set(body.map { $0[1] })
    for c in ControlCatalogue.builtin.controls(of: "soc2") { #expect(controls.contains(c.id), "\(c.id) has a row") }
    let web = try #require(body.first { $0[6] == "Ingress/shop/web" })
    #expect(web[11] == "Ingress <web> serves, \"plainly\"\nover HTTP")
    #expect(web[8] == "k8s/web.yaml" && web[9] == "7")
    let legacy = try #require(body.first { $0[6] == "aws_kms_key.legacy" && $0[1] == "CC6.1" })
    #expect(legacy[5] == "accepted" && legacy[13] == "replaced by INFRA-123, see \"plan\"" && legacy[15] == "2027-03-31")
    #expect(body.contains { $0[1] == "" && $0[3] == "nginx-hsts-enabled" }, "results outside the framework are listed")
    #expect(EvidenceCSVReport.quote("a,b") == "\"a,b\"")
    #expect(EvidenceCSVReport.quote("plain") == "plain")
}

@Test func twoRunsDifferOnlyInTheirTimes() throws {
    let a = try EvidenceSample.bundle(run: EvidenceSample.run(start: "2026-12-01T18:30:00Z", end: "2026-12-01T18:30:02Z"))
    let b = try EvidenceSample.bundle(run: EvidenceSample.run(start: "2027-01-15T09:00:00Z", end: "2027-01-15T09:05:59Z"))
    #expect(a.files.map(\.name) == b.files.map(\.name))
    func blank(_ bytes: [UInt8]) -> String {
        var s = String(decoding: bytes, as: UTF8.self)
        for t in ["2026-12-01T18:30:00Z", "2026-12-01T18:30:02Z", "2027-01-15T09:00:00Z", "2027-01-15T09:05:59Z"] { s = s.replacingOccurrences(of: t, with: "<time>") }
        return s
    }
    for (x, y) in zip(a.files, b.files) where x.name != "MANIFEST.sha256" {
        #expect(blank(x.bytes) == blank(y.bytes), "\(x.name) differs in more than the time")
    }
    #expect(try EvidenceSample.bundle().files.map(\.bytes) == a.files.map(\.bytes), "same inputs, same bytes")
}

@Test func everyFrameworkRenders() throws {
    for f in ControlCatalogue.builtin.frameworks {
        let bundle = try EvidenceSample.bundle(f.option)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bundle["evidence.json"] ?? [])) as? [String: Any])
        #expect((json["framework"] as? [String: Any])?["id"] as? String == f.id)
        #expect(EvidenceVerifier.verify(EvidenceSample.files(bundle), publicKey: nil).problems.isEmpty)
    }
}
