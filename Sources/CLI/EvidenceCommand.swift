import ArgumentParser
import Evidence
import Findings
import Foundation
import Graph
import Pipeline
import PolicyEngine

/// `cipherlint evidence`: an audit bundle for one framework, and `evidence verify` to check one.
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence", abstract: "Write an audit evidence bundle for a compliance framework, or verify one.",
        subcommands: [Create.self, Verify.self], defaultSubcommand: Create.self)

    /// The files a bundle may hold; an output directory with anything else is refused.
    static let bundleFiles: Set<String> = [
        "evidence.json", "report.md", "report.html", "results.csv", EvidenceManifest.fileName, EvidenceManifest.signatureFileName,
    ]

    /// `cipherlint evidence [create] --framework F [PATH...] --out DIR [--sign-key FILE]`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Scan, then write evidence.json, report.md, report.html, results.csv and MANIFEST.sha256 to --out.")

        @Option(help: "The framework: \(ControlCatalogue.builtin.frameworks.map(\.option).joined(separator: ", ")).")
        var framework: String

        @Option(help: "The directory to write the bundle to (created; must hold nothing but an earlier bundle).")
        var out: String

        @Option(help: "An Ed25519 private key (PKCS#8 PEM, `openssl genpkey -algorithm ed25519`) to sign MANIFEST.sha256 with.")
        var signKey: String?

        @OptionGroup var setup: ScanSetup

        mutating func run() throws {
            let setup = self.setup.settings
            let started = Clock.now()
            let catalogue = ControlCatalogue.builtin
            guard let framework = catalogue.framework(self.framework) else {
                throw ValidationError("unknown framework \"\(self.framework)\" (known: \(catalogue.frameworks.map(\.option).joined(separator: ", ")))")
            }
            var key: EvidenceSigningKey?
            if let signKey {
                guard let data = FileManager.default.contents(atPath: signKey) else {
                    printError("\(signKey): error: cannot read the signing key")
                    throw ExitCode(2)
                }
                do {
                    key = try EvidenceSigningKey(pem: String(decoding: data, as: UTF8.self))
                } catch {
                    printError("\(signKey): error: \(error.message)")
                    throw ExitCode(2)
                }
            }
            try EvidenceCommand.prepareOutput(out)

            let (configuration, configurationDiagnostics) = setup.loadConfiguration()
            let scanned = setup.scan(configuration: configuration, diagnostics: configurationDiagnostics, today: started.day)
            let evaluation = scanned.evaluation
            let context = EvidenceContext(
                framework: framework, catalogue: catalogue, policyPack: EvidenceCommand.policyPack(scanned.policies),
                paths: setup.namedPaths, configuration: settings(framework),
                repository: Repository.info(near: setup.namedPaths.first { $0 != "-" } ?? "."))
            let run = RunInfo(
                toolVersion: CipherlintCommand.version, startTime: started.timestamp, endTime: Clock.now().timestamp,
                workingDirectory: FileManager.default.currentDirectoryPath, commandLine: CommandLine.arguments)
            let bundle: EvidenceBundle
            do {
                bundle = try EvidenceBundle.render(evaluation, run: run, context: context, signingKey: key)
            } catch {
                printError("error: \(error.message)")
                throw ExitCode(2)
            }
            for (name, bytes) in bundle.files {
                let path = (out as NSString).appendingPathComponent(name)
                guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                    printError("\(path): error: cannot write the file")
                    throw ExitCode(2)
                }
            }
            if key == nil { try? FileManager.default.removeItem(atPath: (out as NSString).appendingPathComponent(EvidenceManifest.signatureFileName)) }
            for d in evaluation.diagnostics { printError(d.description) }
            let assessment = FrameworkAssessment(evaluation, framework: framework, catalogue: catalogue)
            let counts = assessment.statusCounts
            let tally = ControlStatus.allCases.map { "\(counts[$0] ?? 0) \($0.label)" }.joined(separator: ", ")
            writeOut("\(out): \(framework.name) evidence, \(assessment.controls.count) controls: \(tally); \(bundle.files.count) files\(key == nil ? "" : ", signed")\n")
            if evaluation.hasErrors { throw ExitCode(2) }
        }

        /// The settings that shape the results, for the record.
        func settings(_ framework: ComplianceFramework) -> [String: String] {
            let setup = self.setup.settings
            var s: [String: String] = ["framework": framework.option == framework.id ? framework.id : "\(framework.option) (\(framework.id))"]
            if let path = setup.configPath {
                let digest = FileManager.default.contents(atPath: path).map { SHA256.hex(Array($0)) } ?? "unreadable"
                s["config"] = "\(path) (sha256 \(digest))"
            }
            if !setup.policyDirectories.isEmpty { s["policies"] = setup.policyDirectories.joined(separator: ", ") }
            if let v = setup.only { s["only"] = v }
            if let v = setup.skip { s["skip"] = v }
            if !setup.exclude.isEmpty { s["exclude"] = setup.exclude.joined(separator: ", ") }
            if let v = setup.tfSource { s["tf-source"] = v }
            if let v = setup.nginxVersion { s["nginx-version"] = v }
            if let v = setup.nginxPrefix { s["nginx-prefix"] = v }
            if let v = setup.rootNamespace { s["root-namespace"] = v }
            return s
        }
    }

    /// `cipherlint evidence verify DIR [--public-key FILE]`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Recheck every digest of a bundle's MANIFEST.sha256 and, with --public-key, its signature.")

        @Argument(help: "The bundle directory.")
        var directory: String

        @Option(help: "The Ed25519 public key (SPKI PEM, `openssl pkey -pubout`) the manifest must be signed with.")
        var publicKey: String?

        mutating func run() throws {
            var key: EvidenceVerifyingKey?
            if let publicKey {
                guard let data = FileManager.default.contents(atPath: publicKey) else {
                    printError("\(publicKey): error: cannot read the public key")
                    throw ExitCode(2)
                }
                do {
                    key = try EvidenceVerifyingKey(pem: String(decoding: data, as: UTF8.self))
                } catch {
                    printError("\(publicKey): error: \(error.message)")
                    throw ExitCode(2)
                }
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                printError("\(directory): error: not a directory")
                throw ExitCode(2)
            }
            var files: [String: [UInt8]] = [:]
            if let walker = FileManager.default.enumerator(atPath: directory) {
                for case let relative as String in walker {
                    let path = (directory as NSString).appendingPathComponent(relative)
                    var dir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: path, isDirectory: &dir), !dir.boolValue {
                        files[relative] = FileManager.default.contents(atPath: path).map { Array($0) } ?? []
                    }
                }
            }
            let outcome = EvidenceVerifier.verify(files, publicKey: key)
            for p in outcome.problems { printError("\((directory as NSString).appendingPathComponent(p.file)): error: \(p.message)") }
            if !outcome.problems.isEmpty {
                printError("\(directory): verification failed: \(outcome.problems.count) problem\(outcome.problems.count == 1 ? "" : "s")")
                throw ExitCode(1)
            }
            writeOut("\(directory): OK, \(outcome.checkedFiles) files match \(EvidenceManifest.fileName); signature: \(outcome.signature)\n")
        }
    }

    /// The output directory, created; refuses one that holds anything but bundle files.
    static func prepareOutput(_ out: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: out, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ValidationError("--out \(out) is a file, not a directory") }
            let names = (try? fm.contentsOfDirectory(atPath: out)) ?? []
            let foreign = names.filter { !bundleFiles.contains($0) }.sorted()
            guard foreign.isEmpty else {
                throw ValidationError("--out \(out) holds other files (\(foreign.prefix(3).joined(separator: ", "))); give an empty or new directory")
            }
        } else {
            do {
                try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                printError("\(out): error: cannot create the directory")
                throw ExitCode(2)
            }
        }
    }

    /// The policy pack of the run: built-in texts from the binary, users' from disk.
    static func policyPack(_ policies: [Policy]) -> PolicyPack {
        let builtin = Dictionary(BuiltinPolicies.files.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
        var files: [PolicyPack.File] = []
        for p in policies where p.rule.definedIn != "cipherlint" {
            if p.rule.builtin, let text = builtin[p.rule.definedIn] {
                files.append(PolicyPack.File(path: p.rule.definedIn, text: text, builtin: true))
            } else if let data = FileManager.default.contents(atPath: p.rule.definedIn) {
                files.append(PolicyPack.File(path: p.rule.definedIn, text: String(decoding: data, as: UTF8.self), builtin: false))
            }
        }
        return PolicyPack(version: CipherlintCommand.version, files: files)
    }
}
