import Foundation
import Graph
import Testing

@testable import cipherlint

/// The package root, found from this file.
private let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    return FileManager.default.currentDirectoryPath
}()

/// Discovery never enters `.terraform`, but the plan parser reads the module manifest and the
/// installed modules there by path and glob.
@Test func readsFilesInsideTheTerraformDirectory() throws {
    let provider = DiskSourceProvider(maxFileSize: 1 << 20)
    let root = packageRoot + "/Tests/Fixtures/terraform/registry-module"
    let manifest = try #require(provider.file(at: root + "/.terraform/modules/modules.json"))
    #expect(String(decoding: manifest.bytes, as: UTF8.self).hasPrefix(#"{"Modules":[{"Key":"""#))
    #expect(provider.glob(root + "/.terraform/modules/keys/*.tf") == [root + "/.terraform/modules/keys/main.tf"])
    #expect(provider.glob(root + "/.terraform/modules/keys/modules/alias/*.tf") == [root + "/.terraform/modules/keys/modules/alias/main.tf"])
    #expect(provider.file(at: root + "/.terraform/modules/absent.json") == nil)
    #expect(provider.file(at: root + "/.terraform/modules") == nil)
}
