import CEL
import Findings
import Graph
import YAML

/// Reads policy YAML files into compiled `Policy` values.
///
/// A malformed policy is a `PolicyError` naming the file and line; a policy whose CEL does not
/// compile is rejected here, at load time, never at evaluation.
public struct PolicyLoader: Sendable {
    /// The CEL environment policies compile in (variables and host functions).
    public var environment: CELEnvironment
    /// Limits every expression of the policies is compiled with (evaluation cost above all:
    /// a policy from a pull request must not hang the scan).
    public var limits: CELLimits

    /// The frameworks a policy may map controls to.
    public static let frameworks: Set<String> = ["soc2", "cis-aws-3.0", "nist-800-53", "pci-dss-4.0", "hipaa", "iso-27001"]

    static let knownKeys: Set<String> = [
        "id", "aliases", "title", "severity", "description", "remediation", "controls", "applies-to", "where",
        "assert", "message", "locate", "params", "examples", "tags", "help-uri",
    ]

    /// A loader with the standard policy environment.
    public init(environment: CELEnvironment = PolicyEnvironment.standard, limits: CELLimits = CELLimits()) {
        self.environment = environment
        self.limits = limits
    }

    /// The policy in `file`. `displayPath` is what errors and reports name (`policies/aws/x.yaml`).
    public func load(_ file: SourceFile, builtin: Bool) throws(PolicyError) -> Policy {
        let documents: [YAMLDocument]
        do {
            documents = try YAMLLoader().load(file)
        } catch {
            throw PolicyError(error.message, at: error.location)
        }
        let start = SourceLocation(path: file.path, line: 1)
        guard documents.count == 1, let root = documents[0].root, case .mapping(let pairs) = root.content else {
            throw PolicyError("a policy file holds one YAML mapping", at: start)
        }
        func here(_ node: YAMLNode) -> SourceLocation { SourceLocation(path: file.path, line: node.line, column: node.column) }
        for pair in pairs {
            let key = pair.key.scalar ?? ""
            if !PolicyLoader.knownKeys.contains(key) {
                throw PolicyError("unknown policy field \"\(key)\"", at: here(pair.key))
            }
        }
        func string(_ key: String, required: Bool = true) throws(PolicyError) -> (String, YAMLNode)? {
            guard let node = root[key] else {
                if required { throw PolicyError("missing required field \"\(key)\"", at: start) }
                return nil
            }
            guard let s = node.scalar else { throw PolicyError("\"\(key)\" must be a string", at: here(node)) }
            return (s, node)
        }
        func strings(_ key: String) throws(PolicyError) -> [String] {
            guard let node = root[key] else { return [] }
            switch node.content {
            case .scalar(let s, _, _): return [s]
            case .sequence(let items):
                var out: [String] = []
                for item in items {
                    guard let s = item.scalar else { throw PolicyError("\"\(key)\" must be a list of strings", at: here(item)) }
                    out.append(s)
                }
                return out
            case .mapping: throw PolicyError("\"\(key)\" must be a list of strings", at: here(node))
            }
        }
        guard let (id, idNode) = try string("id") else { throw PolicyError("missing id", at: start) }
        let baseName = String((file.path.split(separator: "/").last ?? "").split(separator: ".").first ?? "")
        if id != baseName {
            throw PolicyError("id \"\(id)\" differs from the file name \"\(baseName)\"", at: here(idNode))
        }
        if !PolicyLoader.isKebabCase(id) { throw PolicyError("id \"\(id)\" is not kebab-case", at: here(idNode)) }
        guard let (title, _) = try string("title"), let (severityText, severityNode) = try string("severity"),
            let (description, _) = try string("description"), let (remediation, _) = try string("remediation"),
            let (assertText, assertNode) = try string("assert"), let (messageText, messageNode) = try string("message")
        else { throw PolicyError("missing required field", at: start) }
        guard let severity = Severity(rawValue: severityText) else {
            throw PolicyError("severity \"\(severityText)\" is not one of info, low, medium, high, critical", at: here(severityNode))
        }
        let appliesTo = try strings("applies-to")
        if appliesTo.isEmpty { throw PolicyError("missing required field \"applies-to\"", at: start) }
        for kind in appliesTo where !kind.contains("/") {
            throw PolicyError("applies-to \"\(kind)\" is not a <format>/<type> kind", at: here(root["applies-to"] ?? root))
        }

        var controls: [String: [String]] = [:]
        if let node = root["controls"] {
            guard case .mapping(let entries) = node.content else {
                throw PolicyError("\"controls\" maps frameworks to lists of control ids", at: here(node))
            }
            for entry in entries {
                let framework = entry.key.scalar ?? ""
                guard PolicyLoader.frameworks.contains(framework) else {
                    throw PolicyError(
                        "unknown framework \"\(framework)\" (known: \(PolicyLoader.frameworks.sorted().joined(separator: ", ")))",
                        at: here(entry.key))
                }
                var ids: [String] = []
                switch entry.value.content {
                case .scalar(let s, _, _): ids = [s]
                case .sequence(let items): ids = items.compactMap(\.scalar)
                case .mapping: throw PolicyError("controls of \(framework) must be a list", at: here(entry.value))
                }
                controls[framework] = ids
            }
        }

        var params: [String: Value] = [:]
        if let node = root["params"] {
            guard case .mapping = node.content, case .map(let m) = node.value else {
                throw PolicyError("\"params\" must be a mapping", at: here(node))
            }
            params = m
        }

        func compile(_ source: String, _ node: YAMLNode, _ field: String) throws(PolicyError) -> CELProgram {
            do {
                return try CELProgram(compiling: source, in: environment, limits: limits)
            } catch {
                throw PolicyError("\(field): \(error.message)", at: PolicyLoader.location(of: error, in: node, path: file.path))
            }
        }
        let assertion = try compile(assertText, assertNode, "assert")
        var condition: CELProgram?
        if let (whereText, whereNode) = try string("where", required: false) {
            condition = try compile(whereText, whereNode, "where")
        }
        let message: MessageTemplate
        do {
            message = try MessageTemplate(messageText, environment: environment, limits: limits)
        } catch {
            throw PolicyError("message: \(error.message)", at: here(messageNode))
        }
        var locate: [AttributePath] = []
        var locateTemplates: [MessageTemplate] = []
        for text in try strings("locate") {
            if MessageTemplate.find("{{", in: Substring(text)) != nil {
                do {
                    locateTemplates.append(try MessageTemplate(text, environment: environment, limits: limits))
                } catch {
                    throw PolicyError("locate: \(error.message)", at: here(root["locate"] ?? root))
                }
                continue
            }
            guard let path = AttributePath(parsing: text) else {
                throw PolicyError("locate: \"\(text)\" is not an attribute path", at: here(root["locate"] ?? root))
            }
            locate.append(path)
        }

        var examples: [PolicyExample] = []
        if let node = root["examples"] {
            guard case .mapping(let entries) = node.content else {
                throw PolicyError("\"examples\" must map pass and fail to lists of inputs", at: here(node))
            }
            for entry in entries {
                guard let which = entry.key.scalar.flatMap(PolicyExample.Expectation.init(rawValue:)) else {
                    throw PolicyError("examples: only \"pass\" and \"fail\" lists are allowed", at: here(entry.key))
                }
                let items: [YAMLNode]
                if case .sequence(let list) = entry.value.content { items = list } else { items = [entry.value] }
                for (i, item) in items.enumerated() {
                    guard let text = item.scalar else {
                        throw PolicyError("examples: each example is the text of one input file", at: here(item))
                    }
                    examples.append(PolicyExample(expectation: which, rawText: text, location: here(item), number: i + 1))
                }
            }
        }

        let rule = Rule(
            id: id, aliases: try strings("aliases"), title: title, severity: severity, description: description,
            remediation: remediation, controls: controls, appliesTo: appliesTo, definedIn: file.path, builtin: builtin,
            tags: try strings("tags"), helpURI: try string("help-uri", required: false)?.0)
        let asserted = assertion.selectedPaths(from: "resource").map { AttributePath($0.map(AttributePath.Segment.key)) }
        return Policy(
            rule: rule, condition: condition, assertion: assertion, message: message, locate: locate,
            locateTemplates: locateTemplates, params: params, examples: examples, assertedPaths: asserted)
    }

    static func isKebabCase(_ id: String) -> Bool {
        // Byte-wise: every allowed character is ASCII.
        let bytes = id.utf8
        guard let first = bytes.first, let last = bytes.last, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"),
            last != UInt8(ascii: "-")
        else { return false }
        var previous: UInt8 = 0
        for b in bytes {
            let allowed = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == UInt8(ascii: "-")
            if !allowed || (b == UInt8(ascii: "-") && previous == UInt8(ascii: "-")) { return false }
            previous = b
        }
        return true
    }

    /// The place of a CEL error inside the YAML scalar that holds the expression.
    static func location(of error: CELError, in node: YAMLNode, path: String) -> SourceLocation {
        guard let line = error.line else { return SourceLocation(path: path, line: node.line, column: node.column) }
        if case .scalar(_, let style, _) = node.content, style == .literal || style == .folded {
            // Block scalars start on the line after the indicator.
            return SourceLocation(path: path, line: node.line + line, column: error.column ?? 1)
        }
        let quoted: Int
        if case .scalar(_, let style, _) = node.content, style == .singleQuoted || style == .doubleQuoted { quoted = 1 } else { quoted = 0 }
        let column = line == 1 ? node.column + quoted + (error.column ?? 1) - 1 : (error.column ?? 1)
        return SourceLocation(path: path, line: node.line + line - 1, column: column)
    }
}
