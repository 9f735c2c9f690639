import Foundation
import Graph

/// Locates the repository and `../shared` for tests, whatever the working directory.
public enum Fixtures {
    /// The package root (the directory holding `Package.swift`).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared` beside the package root (the CI layout).
    public static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// The text of `Tests/Fixtures/<relativePath>`.
    public static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// A `SourceFile` of `Tests/Fixtures/<relativePath>`, reported under that relative path.
    public static func sourceFile(_ relativePath: String) throws -> SourceFile {
        let url = packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
        return SourceFile(path: relativePath, bytes: Array(try Data(contentsOf: url)))
    }
}
