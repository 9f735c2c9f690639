import Graph

/// Maps plan resources to the `.tf` blocks and attribute lines they were written in.
///
/// The root module's directory is the given one or, by default, the plan's own directory when it
/// holds `*.tf`. A module's directory is the one `terraform init` recorded for it in the root's
/// `.terraform/modules/modules.json` (registry and git sources included) or, when that file is
/// missing, unreadable or does not list the module, its call's local `source` (`./modules/x`)
/// from the parent module's directory. Blocks made by `dynamic` blocks are placed with each
/// resource instance's planned values (`HCLLocator.Block.locations(for:)`).
struct SourceMapper {
    let sources: (any SourceProvider)?
    let configuration: ModuleConfiguration
    private let root: String?
    private var locators: [String: HCLLocator] = [:]
    /// The directories of module paths already resolved; nil for a module that is not found.
    private var moduleDirectories: [[String]: String?] = [:]
    /// The root's module manifest, read when the first module resource is mapped (so a plan
    /// without modules never looks for it); nil when there is none or it is malformed.
    private var manifest: ModuleManifest?
    private var manifestRead = false
    private(set) var filesRead: [String] = []

    init(sources: (any SourceProvider)?, directory: String?, planPath: String, configuration: ModuleConfiguration) {
        self.sources = sources
        self.configuration = configuration
        if let directory {
            root = directory
        } else if let sources {
            let planDirectory = SourceMapper.directory(of: planPath)
            root = sources.glob(SourceMapper.join(planDirectory, "*.tf")).isEmpty ? nil : planDirectory
        } else {
            root = nil
        }
    }

    mutating func map(_ resource: inout Resource, address: ResourceAddress) {
        guard sources != nil, let root else { return }
        guard let directory = address.modulePath.isEmpty ? root : moduleDirectory(address.modulePath, root: root) else { return }
        guard let block = locator(directory).blocks[address.base] else { return }
        resource.source = block.location
        var located = block.groups.isEmpty ? block.attributes : block.locations(for: .map(resource.attributes))
        if address.base.hasPrefix("data.aws_iam_policy_document.") {
            located[AttributePath(keys: "policy_document")] = located[AttributePath(keys: "statement")]
        }
        for key in ["policy", "assume_role_policy"] {
            if let l = located[AttributePath(keys: key)] { located[AttributePath(keys: key + "_document")] = l }
        }
        resource.sourceLocations = located
    }

    /// The directory of the module at a configuration path, or nil when it cannot be found.
    private mutating func moduleDirectory(_ modulePath: [String], root: String) -> String? {
        if let known = moduleDirectories[modulePath] { return known }
        if !manifestRead {
            manifestRead = true
            if let file = sources?.file(at: SourceMapper.join(root, ModuleManifest.path)) {
                manifest = ModuleManifest(file)
                if manifest != nil { filesRead.append(file.path) }
            }
        }
        var directory = root
        var found = true
        for end in modulePath.indices {
            if let installed = manifest?.directory(of: Array(modulePath[...end])) {
                directory = SourceMapper.normalise(installed.hasPrefix("/") ? installed : SourceMapper.join(root, installed))
            } else if let source = configuration.module(at: Array(modulePath[..<end]))?.calls[modulePath[end]]?.source,
                source == "." || source == ".." || source.hasPrefix("./") || source.hasPrefix("../")
            {
                directory = SourceMapper.normalise(SourceMapper.join(directory, source))
            } else {
                found = false
                break
            }
        }
        moduleDirectories[modulePath] = .some(found ? directory : nil)
        return found ? directory : nil
    }

    private mutating func locator(_ directory: String) -> HCLLocator {
        if let cached = locators[directory] { return cached }
        var locator = HCLLocator()
        if let sources {
            for file in sources.glob(SourceMapper.join(directory, "*.tf")) {
                guard let source = sources.file(at: file) else { continue }
                locator.add(source)
                filesRead.append(source.path)
            }
        }
        locators[directory] = locator
        return locator
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    static func join(_ directory: String, _ rest: String) -> String {
        if directory == "." || directory.isEmpty { return rest }
        return directory.hasSuffix("/") ? directory + rest : directory + "/" + rest
    }

    static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
