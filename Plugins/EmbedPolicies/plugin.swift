import Foundation
import PackagePlugin

/// Embeds every `policies/**/*.yaml` file of the package into the `Pipeline` module as Swift
/// string literals, so the built-in policies travel inside the binary.
@main
struct EmbedPolicies: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let policies = context.package.directoryURL.appending(path: "policies")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: policies, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "yaml" {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinPolicySources.swift")
        let tool = try context.tool(named: "policy-embedder")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) built-in policies",
                executable: tool.url,
                arguments: [policies.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
