import Findings
import Graph
import YAML

/// The settings of `.cipherlint.yaml`: policy parameters, exceptions, selections and inputs.
///
/// ```yaml
/// severity-threshold: high
/// skip: [nginx-ocsp-stapling-enabled]
/// nginx-version: 1.26.2
/// params:
///   aws-kms-key-rotation-period: {max_rotation_days: 180}
/// exceptions:
///   - policy: aws-kms-key-rotation-enabled
///     resource: module.legacy.*
///     reason: "Legacy keys, replaced by INFRA-123"
///     owner: platform@example.com
///     until: 2027-03-31
/// ```
public struct Configuration: Sendable {
    /// An accepted risk for matching results: by policy id (or `*`) and resource id glob.
    public struct Exception: Sendable, Hashable {
        public var policy: String
        public var resource: String
        /// Optional glob on the finding's file path.
        public var path: String?
        public var reason: String
        public var owner: String?
        public var until: String?
        public var location: SourceLocation

        /// True when this exception covers `result`. `resource` is a glob whose `*` stays within
        /// one `/`-separated part of a Kubernetes id (`Ingress/legacy/*`); `*` alone matches every
        /// resource, `**` crosses `/`.
        public func covers(_ result: Result) -> Bool {
            (policy == "*" || policy == result.ruleID) && (resource == "*" || Glob.matches(resource, result.resourceID))
                && (path.map { Glob.matches($0, result.location.path) || Glob.matches($0, result.primaryLocation.path) } ?? true)
        }
    }

    public var parameterOverrides: [String: [String: Value]] = [:]
    public var exceptions: [Exception] = []
    public var only: [String] = []
    public var skip: [String] = []
    public var severityThreshold: Severity?
    public var nginxVersion: String?
    public var nginxPrefix: String?
    public var terraformSource: String?
    public var exclude: [String] = []
    public var policyDirectories: [String] = []
    /// Where the configuration was read from, when it was.
    public var path: String?

    /// The empty configuration.
    public init() {}

    static let knownKeys: Set<String> = [
        "params", "exceptions", "only", "skip", "severity-threshold", "nginx-version", "nginx-prefix", "tf-source",
        "exclude", "policies",
    ]

    /// Reads a configuration file; unknown keys and exceptions without a reason are errors.
    public init(_ file: SourceFile) throws(PolicyError) {
        self.path = file.path
        let documents: [YAMLDocument]
        do {
            documents = try YAMLLoader().load(file)
        } catch {
            throw PolicyError(error.message, at: error.location)
        }
        guard let root = documents.first?.root else { return }
        func here(_ node: YAMLNode) -> SourceLocation { SourceLocation(path: file.path, line: node.line, column: node.column) }
        guard case .mapping(let pairs) = root.content else {
            throw PolicyError("the configuration is a YAML mapping", at: here(root))
        }
        for pair in pairs where !Configuration.knownKeys.contains(pair.key.scalar ?? "") {
            throw PolicyError(
                "unknown setting \"\(pair.key.scalar ?? "")\" (known: \(Configuration.knownKeys.sorted().joined(separator: ", ")))",
                at: here(pair.key))
        }
        func list(_ key: String) throws(PolicyError) -> [String] {
            guard let node = root[key] else { return [] }
            if let s = node.scalar { return s.split(separator: ",").map { $0.trimmingSpaces } }
            guard case .sequence(let items) = node.content else { throw PolicyError("\"\(key)\" must be a list", at: here(node)) }
            return items.compactMap(\.scalar)
        }
        only = try list("only")
        skip = try list("skip")
        exclude = try list("exclude")
        policyDirectories = try list("policies")
        nginxVersion = root["nginx-version"]?.scalar
        nginxPrefix = root["nginx-prefix"]?.scalar
        terraformSource = root["tf-source"]?.scalar
        if let node = root["severity-threshold"] {
            guard let s = node.scalar.flatMap(Severity.init(rawValue:)) else {
                throw PolicyError("severity-threshold must be one of info, low, medium, high, critical", at: here(node))
            }
            severityThreshold = s
        }
        if let node = root["params"] {
            guard case .mapping(let entries) = node.content else { throw PolicyError("\"params\" maps policy ids to parameters", at: here(node)) }
            for entry in entries {
                guard let id = entry.key.scalar, case .map(let values) = entry.value.value else {
                    throw PolicyError("params of a policy must be a mapping", at: here(entry.value))
                }
                parameterOverrides[id] = values
            }
        }
        if let node = root["exceptions"] {
            guard case .sequence(let items) = node.content else { throw PolicyError("\"exceptions\" must be a list", at: here(node)) }
            for item in items {
                guard case .mapping = item.content else { throw PolicyError("an exception is a mapping", at: here(item)) }
                guard let policy = (item["policy"] ?? item["id"])?.scalar else {
                    throw PolicyError("an exception needs \"policy\" (a policy id or \"*\")", at: here(item))
                }
                guard let resource = item["resource"]?.scalar else {
                    throw PolicyError("an exception needs \"resource\" (a resource id or glob)", at: here(item))
                }
                guard let reason = item["reason"]?.scalar, !reason.trimmingSpaces.isEmpty else {
                    throw PolicyError("an exception needs a reason", at: here(item))
                }
                let until = item["until"]?.scalar
                if let until, !InlineSuppression.isDate(until) {
                    throw PolicyError("until must be a date YYYY-MM-DD, not \"\(until)\"", at: here(item["until"] ?? item))
                }
                exceptions.append(Exception(
                    policy: policy, resource: resource, path: item["path"]?.scalar, reason: reason, owner: item["owner"]?.scalar,
                    until: until, location: here(item)))
            }
        }
    }
}
