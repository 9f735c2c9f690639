import ArgumentParser

/// The `cipherlint` command and its subcommands.
@main
struct CipherlintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cipherlint",
        abstract: "Prove that data is encrypted at rest and in transit, from infrastructure code.",
        version: "0.1.0")
}
