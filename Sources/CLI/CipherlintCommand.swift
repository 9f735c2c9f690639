import ArgumentParser
import Foundation

/// The `cipherlint` command and its subcommands.
@main
struct CipherlintCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "cipherlint",
        abstract: "Prove that data is encrypted at rest and in transit, from infrastructure code.",
        version: version,
        subcommands: [ScanCommand.self, MergeCommand.self, PoliciesCommand.self, TestCommand.self, EvalCommand.self, EvidenceCommand.self, BaselineCommand.self],
        defaultSubcommand: nil)

    /// Runs the command; usage errors exit 2 (not ArgumentParser's 64), as DESIGN.md says.
    static func main() {
        if let command = CommandLine.arguments.dropFirst().first, command == "scan" || command == "evidence" {
            BuiltinPolicyPrefetch.shared = BuiltinPolicyPrefetch()
        }
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if arguments.first == "scan", let request = FastScanArguments.parse(Array(arguments.dropFirst())) {
                try request.run()
            } else {
                var command = try parseAsRoot()
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == ExitCode(1) ? 1 : 2)
        }
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes to standard output without buffering surprises.
func writeOut(_ text: String) {
    // Straight from the string's storage: a SARIF log of a large scan is megabytes, and
    // `Data(text.utf8)` copied it once more.
    var text = text
    text.withUTF8 { bytes in
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = write(1, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

/// Today and now, from the clock (the only place that reads it).
enum Clock {
    /// `SOURCE_DATE_EPOCH` (seconds since 1970, as in reproducible builds) fixes the time, for
    /// byte-identical reports.
    static func now() -> (timestamp: String, day: String) {
        // gmtime_r, not DateFormatter: loading ICU's calendars costs a small scan ~5 ms.
        let fixed = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }
        var seconds = time_t(fixed ?? Int(time(nil)))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let day = "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
        let stamp = day + "T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
        return (stamp, String(stamp.prefix(10)))
    }
}
