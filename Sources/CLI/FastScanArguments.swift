/// The plain `cipherlint scan` command lines, as a pre-commit hook or a CI step writes them,
/// parsed without ArgumentParser: its reflection over every command's options costs a small
/// scan about a third of its CPU time.
///
/// It knows `scan`'s long options (`--name value`, `--name=value`), its flags and its paths, and
/// gives the same `ScanRequest` ArgumentParser would (`FastScanArgumentsTests` compares them).
/// Anything else — help, a short or unknown option, a repeated single-valued option, a value
/// that starts with `-`, `--`, a usage error — gives nil, and the command line goes the
/// ArgumentParser way, with its messages.
enum FastScanArguments {
    private enum Kind {
        case flag(WritableKeyPath<ScanRequest, Bool>)
        case text(WritableKeyPath<ScanRequest, String?>)
        case textWithDefault(WritableKeyPath<ScanRequest, String>)
        case list(WritableKeyPath<ScanRequest, [String]>)
        case integer(WritableKeyPath<ScanRequest, Int>)
        case optionalInteger(WritableKeyPath<ScanRequest, Int?>)
    }

    /// What `--NAME` is, or nil for an option `scan` does not have.
    private static func kind(of name: Substring) -> Kind? {
        switch name {
        case "policies": return .list(\.setup.policyDirectories)
        case "only": return .text(\.setup.only)
        case "skip": return .text(\.setup.skip)
        case "config": return .text(\.setup.config)
        case "tf-source": return .text(\.setup.tfSource)
        case "nginx-version": return .text(\.setup.nginxVersion)
        case "nginx-prefix": return .text(\.setup.nginxPrefix)
        case "root-namespace": return .text(\.setup.rootNamespace)
        case "stdin-name": return .textWithDefault(\.setup.stdinName)
        case "exclude": return .list(\.setup.exclude)
        case "max-file-size": return .integer(\.setup.maxFileSize)
        case "max-depth": return .integer(\.setup.maxDepth)
        case "max-aliases": return .integer(\.setup.maxAliases)
        case "max-cel-cost": return .integer(\.setup.maxCelCost)
        case "jobs": return .optionalInteger(\.setup.jobs)
        case "shard": return .text(\.setup.shard)
        case "timings": return .flag(\.setup.timings)
        case "format": return .textWithDefault(\.format)
        case "output": return .list(\.outputs)
        case "severity-threshold": return .text(\.severityThreshold)
        case "category": return .text(\.category)
        case "baseline": return .text(\.baseline)
        case "baseline-out": return .text(\.baselineOut)
        case "include-suppressed": return .flag(\.includeSuppressed)
        case "no-color": return .flag(\.noColor)
        default: return nil
        }
    }

    /// The request of `cipherlint scan ARGUMENTS` (the arguments after `scan`), or nil when
    /// ArgumentParser must read them.
    static func parse(_ arguments: [String]) -> ScanRequest? {
        var request = ScanRequest.defaults
        var given: Set<String> = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            guard argument.hasPrefix("-"), argument != "-" else {
                if argument == "help" { return nil }
                request.setup.paths.append(argument)
                continue
            }
            guard argument.hasPrefix("--") else { return nil }
            var name = Substring(argument.utf8.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = name[..<eq]
            }
            guard let kind = kind(of: name) else { return nil }
            if case .flag(let key) = kind {
                guard inline == nil, given.insert(String(name)).inserted else { return nil }
                request[keyPath: key] = true
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else {
                guard i < arguments.count else { return nil }
                value = arguments[i]
                i += 1
            }
            guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
            if case .list(let key) = kind {
                request[keyPath: key].append(value)
                continue
            }
            guard given.insert(String(name)).inserted else { return nil }
            switch kind {
            case .text(let key): request[keyPath: key] = value
            case .textWithDefault(let key): request[keyPath: key] = value
            case .integer(let key):
                guard let n = Int(value) else { return nil }
                request[keyPath: key] = n
            case .optionalInteger(let key):
                guard let n = Int(value) else { return nil }
                request[keyPath: key] = n
            case .flag, .list: break
            }
        }
        return request.setup.problem == nil ? request : nil
    }
}
