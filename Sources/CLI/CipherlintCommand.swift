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
        do {
            var command = try parseAsRoot()
            try command.run()
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
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Today and now, from the clock (the only place that reads it).
enum Clock {
    /// `SOURCE_DATE_EPOCH` (seconds since 1970, as in reproducible builds) fixes the time, for
    /// byte-identical reports.
    static func now() -> (timestamp: String, day: String) {
        let fixed = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Double($0) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        let stamp = formatter.string(from: fixed.map { Date(timeIntervalSince1970: $0) } ?? Date())
        return (stamp, String(stamp.prefix(10)))
    }
}
