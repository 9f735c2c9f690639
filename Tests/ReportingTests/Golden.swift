import Foundation
import TestSupport

/// Compares reporter output with `Tests/Fixtures/golden/<name>`; `RECORD_GOLDEN=1` rewrites it.
enum Golden {
    static let directory = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/golden")

    /// The recorded text, or nil when it was (re)recorded just now.
    static func expected(_ name: String, actual: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" || !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}

/// Runs a shared Python tool on rendered output; nil (with the reason) when python3 or
/// jsonschema is missing, so the test records a skip instead of failing for lack of tools.
enum PythonTool {
    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Why the tool cannot run here, or nil when it can.
    static let unavailableReason: String? = {
        guard let python = python3 else { return "python3 not found on PATH" }
        let probe = run(python, ["-c", "import jsonschema"])
        return probe.status == 0 ? nil : "python3 cannot import jsonschema: \(probe.output)"
    }()

    static let python3: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Writes `text` to a temporary file and runs `python3 args… FILE`.
    static func check(_ text: String, suffix: String, args: [String]) throws -> Outcome {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cipherlint-\(UUID().uuidString)\(suffix)")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return run(python3 ?? "/usr/bin/python3", args + [file.path])
    }

    static func run(_ executable: String, _ arguments: [String]) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return Outcome(status: -1, output: "\(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
