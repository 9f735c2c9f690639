import Dispatch
import Graph

/// Turns an include-expanded configuration into resources with effective attributes.
struct ModelBuilder {
    let version: NginxVersion?
    /// Paths are shown relative to this directory in resource ids.
    let idPrefix: String

    private(set) var resources: [ResourceDraft] = []
    private(set) var edges: [LocalEdge] = []
    private var usedIDs = Set<String>()
    private var ciphers = CipherSummaries()
    /// The last header value parsed, and `displayPath` of the last path asked for: a server's
    /// locations inherit its header, and resources come file by file.
    private var lastHSTS: (value: String, header: HSTSHeader)?
    /// Every header value parsed so far: servers and their locations take turns with a few.
    private var hstsHeaders: [String: HSTSHeader] = [:]
    private var lastDisplayPath: (path: String, display: String)?
    /// The raw directives' attribute paths, shared by all resources.
    private var directivePaths = DirectivePaths()
    /// The `listen` values built so far, by listener (its location left out).
    private var listenValues: [Listen: Value] = [:]
    /// The TLS settings of a server of the current http block that sets none itself.
    private var inheritedTLS: InheritedTLS?

    /// What `TLSSettings.apply` gave a server that inherits all its TLS settings.
    private struct InheritedTLS {
        var ssl: Value?
        var locations: [AttributePath: SourceLocation]
        var settings: TLSSettings
    }
    /// Per http server (index into `resources`): its listeners, protocols and names.
    private var httpServers: [HTTPServerInfo] = []

    private struct HTTPServerInfo {
        var index: Int
        var listens: [Listen]
        var names: [String]
        var protocols: [String]?
        var protocolsLocation: SourceLocation?
        var isTLS: Bool
    }

    /// `include` directives whose files could not be read.
    let unresolved: Set<SourceLocation>

    /// `idPrefix` ending in `/`, or nil when ids show paths as they are.
    private let displayPrefix: String?
    /// `nginx_version` and `assumed_version`, the same for every resource.
    private let versionValue: Value
    private let assumedVersionValue: Value?

    init(version: NginxVersion?, idPrefix: String, unresolved: Set<SourceLocation> = []) {
        self.version = version
        self.idPrefix = idPrefix
        self.unresolved = unresolved
        if idPrefix.isEmpty || idPrefix == "." {
            displayPrefix = nil
        } else {
            displayPrefix = idPrefix.hasSuffix("/") ? idPrefix : idPrefix + "/"
        }
        versionValue = version.map { .string($0.description) } ?? .null
        assumedVersionValue = version == nil ? .string(NginxVersion.oldestSupported.description) : nil
    }

    /// Builds the resources of a whole configuration (`fragment`: the file is the inside of `http`).
    mutating func build(_ top: [Directive], fragment: Bool) -> [Resource] {
        if fragment {
            buildHTTP(nil, level: top)
        } else {
            for directive in top {
                guard let block = directive.block else { continue }
                switch directive.name {
                case "http": buildHTTP(directive, level: block)
                case "stream": buildStream(directive, level: block)
                case "mail": buildMail(directive, level: block)
                default: break
                }
            }
        }
        linkServers()
        return resources.map(\.resource)
    }

    private func displayPath(_ path: String) -> String {
        guard let prefix = displayPrefix, path.hasPrefix(prefix) else { return path }
        return String(path.dropFirst(prefix.count))
    }

    private mutating func id(_ d: Directive, _ label: String) -> String {
        let display: String
        if let last = lastDisplayPath, last.path == d.location.path {
            display = last.display
        } else {
            display = displayPath(d.location.path)
            lastDisplayPath = (d.location.path, display)
        }
        return "\(display):\(d.location.line) \(label)"
    }

    private func versionAttributes(_ draft: inout ResourceDraft) {
        draft.set("nginx_version", versionValue)
        if let assumedVersionValue { draft.set("assumed_version", assumedVersionValue) }
    }

    @discardableResult
    private mutating func add(_ draft: ResourceDraft, parent: String?, includedFrom: String?) -> Int {
        var draft = draft
        // A snippet included in several servers (`include snippets/acme.conf;` with a location)
        // yields one resource per inclusion, written at the same place: qualify the id.
        if usedIDs.contains(draft.id) {
            let qualified = "\(draft.id) in \(parent ?? "?")"
            var candidate = qualified
            var n = 2
            while usedIDs.contains(candidate) {
                candidate = "\(qualified) #\(n)"
                n += 1
            }
            draft.id = candidate
        }
        usedIDs.insert(draft.id)
        resources.append(draft)
        if let parent { edges.append(LocalEdge(from: parent, to: draft.id, kind: .contains)) }
        if let includedFrom { edges.append(LocalEdge(from: includedFrom, to: draft.id, kind: .includes)) }
        return resources.count - 1
    }

    /// The id of the resource whose block holds the `include` that brought `d` in, if any.
    private func includer(_ d: Directive, parentBlock: Directive?, parentID: String?) -> String? {
        guard let via = d.includedVia.last else { return nil }
        if let parentBlock, parentBlock.includedVia.last == via { return nil }
        return parentID
    }

    // MARK: http

    private mutating func buildHTTP(_ http: Directive?, level: [Directive]) {
        var httpID: String?
        inheritedTLS = nil
        let scope = Scope([level], unresolved: unresolved)
        if let http {
            var draft = ResourceDraft(id: id(http, "http"), kind: "nginx/http", location: http.location, locations: 32)
            draft.setDirectives(level, paths: &directivePaths)
            versionAttributes(&draft)
            _ = TLSSettings.apply(scope: scope, version: version, ciphers: &ciphers, to: &draft)
            let index = add(draft, parent: nil, includedFrom: nil)
            httpID = resources[index].id
        }
        let variables = VariableTable(maps: level.filter { $0.name == "map" })
        var prebuilt = prebuildBlocks(level, scope: scope, parent: httpID, parentBlock: http, variables: variables)
        if !prebuilt.isEmpty {
            // Room for every part up front, so the merge does not regrow (and rehash) as it goes.
            let count = prebuilt.reduce(0) { $0 + $1.resources.count }
            resources.reserveCapacity(resources.count + count)
            usedIDs.reserveCapacity(usedIDs.count + count)
            edges.reserveCapacity(edges.count + prebuilt.reduce(0) { $0 + $1.edges.count })
            httpServers.reserveCapacity(httpServers.count + prebuilt.reduce(0) { $0 + $1.httpServers.count })
        }
        var blockNumber = 0
        for i in level.indices where ModelBuilder.isResourceBlock(level[i]) {
            defer { blockNumber += 1 }
            if blockNumber < prebuilt.count, merge(prebuilt[blockNumber]) {
                prebuilt[blockNumber] = BlockPart()
                continue
            }
            let d = level[i]
            buildBlock(d, block: d.block ?? [], scope: scope, parent: httpID, parentBlock: http, variables: variables)
        }
    }

    /// True for the blocks of an http level that become resources: `server` and `upstream`.
    private static func isResourceBlock(_ d: Directive) -> Bool {
        d.block != nil && (d.name == "server" || d.name == "upstream")
    }

    private mutating func buildBlock(
        _ d: Directive, block: [Directive], scope: Scope, parent: String?, parentBlock: Directive?, variables: VariableTable
    ) {
        if d.name == "server" {
            buildServer(d, block: block, scope: scope, parent: parent, parentBlock: parentBlock, variables: variables)
        } else {
            buildUpstream(d, block: block, parent: parent, parentBlock: parentBlock)
        }
    }

    private mutating func buildUpstream(_ d: Directive, block: [Directive], parent: String?, parentBlock: Directive?) {
        var draft = ResourceDraft(id: id(d, "upstream \(d.argument(0) ?? "")"), kind: "nginx/upstream", location: d.location)
        draft.setDirectives(block, paths: &directivePaths)
        draft.set("name", .string(d.argument(0) ?? ""))
        draft.set("servers", .list(block.filter { $0.name == "server" }.compactMap { $0.argument(0) }.map(Value.string)))
        add(draft, parent: parent, includedFrom: includer(d, parentBlock: parentBlock, parentID: parent))
    }

    /// What building one server or upstream on its own gave: its resources (a server, then
    /// its locations), their edges, and a server's listeners.
    private struct BlockPart {
        var resources: [ResourceDraft] = []
        var edges: [LocalEdge] = []
        var httpServers: [HTTPServerInfo] = []
    }

    /// Below this many servers and upstreams an http block is built (and its servers linked)
    /// on one thread.
    var concurrentServers = 64

    /// The servers and upstreams of an http level built on every core, each as if it were the
    /// first resource, in level order; empty when the level has few servers.
    private mutating func prebuildBlocks(
        _ level: [Directive], scope: Scope, parent: String?, parentBlock: Directive?, variables: VariableTable
    ) -> [BlockPart] {
        // By index: copying each directive of a level of thousands out of the array costs more
        // than the walk.
        let blocks = level.indices.filter { ModelBuilder.isResourceBlock(level[$0]) }
        guard blocks.count >= concurrentServers else { return [] }
        let chunks = min(16, blocks.count)
        let slots = ConcurrentSlots<[BlockPart]>(count: chunks)
        var template = self
        template.resources = []
        template.edges = []
        template.usedIDs = []
        template.httpServers = []
        // Cipher strings are summarised once for all workers.
        template.ciphers.share()
        let start = template
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (blocks.count * chunk / chunks)..<(blocks.count * (chunk + 1) / chunks)
            // One builder per worker, emptied after each block: what it remembers (the last
            // header and path, listeners, inherited TLS settings) holds for the next blocks too.
            var builder = start
            var parts: [BlockPart] = []
            parts.reserveCapacity(range.count)
            for i in range {
                let d = level[blocks[i]]
                builder.buildBlock(d, block: d.block ?? [], scope: scope, parent: parent, parentBlock: parentBlock, variables: variables)
                parts.append(BlockPart(resources: builder.resources, edges: builder.edges, httpServers: builder.httpServers))
                builder.resources = []
                builder.edges = []
                builder.httpServers = []
                builder.usedIDs.removeAll(keepingCapacity: true)
            }
            slots.set(chunk, parts)
        }
        return slots.values.flatMap { $0 }
    }

    /// Appends a server or upstream built on its own; false (and nothing appended) when one of
    /// its ids is already taken, so that building it here would have qualified the id.
    private mutating func merge(_ part: BlockPart) -> Bool {
        guard !part.resources.isEmpty else { return false }
        // The part's own ids are distinct, so a failed insert is a clash with an earlier resource.
        for i in part.resources.indices where !usedIDs.insert(part.resources[i].id).inserted {
            for earlier in part.resources[..<i] { usedIDs.remove(earlier.id) }
            return false
        }
        let offset = resources.count
        resources += part.resources
        edges += part.edges
        for var info in part.httpServers {
            info.index += offset
            httpServers.append(info)
        }
        return true
    }

    private mutating func buildServer(
        _ server: Directive, block: [Directive], scope outer: Scope, parent: String?, parentBlock: Directive?,
        variables: VariableTable
    ) {
        let names = block.filter { $0.name == "server_name" }.flatMap(\.args)
        let label = names.first.map { "server \($0)" } ?? "server"
        var draft = ResourceDraft(id: id(server, label), kind: "nginx/server", location: server.location, attributes: 24, locations: 40)
        draft.setDirectives(block, paths: &directivePaths)
        versionAttributes(&draft)
        let scope = outer.pushing(block)
        let listenDirectives = block.filter { $0.name == "listen" }
        var listens = listenDirectives.map { Listen($0) }
        if listens.isEmpty {
            // A server without `listen` listens on *:80 (or *:8000 without root privileges).
            var implicit = Listen(Directive(name: "listen", location: server.location))
            implicit.port = 80
            listens = [implicit]
        }
        draft.set("listen", .list(listens.map { listenValue($0) }), at: listenDirectives.first?.location)
        // `listen` itself is located at the first listener, so `listen[0]` needs no entry.
        for (i, l) in listens.enumerated().dropFirst() where !listenDirectives.isEmpty {
            draft.locations[AttributePath([.key("listen"), .index(i)])] = l.location
        }
        draft.set("server_names", .list(names.map(Value.string)), at: block.first { $0.name == "server_name" }?.location)
        let sslOn = block.first { $0.name == "ssl" }.map { $0.argument(0)?.lowercased() == "on" }
            ?? (outer.innermost("ssl")?.argument(0)?.lowercased() == "on")
        let http2Directive = scope.innermost("http2")?.argument(0)?.lowercased() == "on"
        let tlsListen = listens.first { $0.isTLS || (sslOn && !$0.quic) }
        let isTLS = tlsListen != nil
        let plain = listens.filter { !$0.isTLS && !sslOn }
        draft.set("tls", .bool(isTLS), at: tlsListen?.location)
        draft.set("plain_http", .bool(!plain.isEmpty), at: plain.first?.location)
        draft.set("loopback_only", .bool(listens.allSatisfy(\.isLoopback)))
        draft.set("ssl_on", .bool(sslOn), at: scope.innermost("ssl")?.location)
        draft.set("http2", .bool(http2Directive || listens.contains { $0.http2 }))
        let settings = applyTLS(scope: scope, block: block, to: &draft)

        // Headers and HSTS.
        applyHeaders(scope: scope, to: &draft)

        // Redirects and content.
        let serverTerminal = Terminal.of(block)
        let locations = block.filter { $0.name == "location" && $0.block != nil }
        let redirects = serverTerminal == .redirectHTTPS
        var servesContent: Bool
        switch serverTerminal {
        case .redirectHTTPS, .redirectOther, .error: servesContent = false
        case .content: servesContent = true
        case nil:
            servesContent = locations.isEmpty || locations.contains { ModelBuilder.locationServesContent($0) }
        }
        draft.set("redirects_to_https", .bool(redirects), at: serverTerminal == nil ? nil : Terminal.directive(block)?.location)
        draft.set("serves_content", .bool(servesContent))
        draft.set("locations", .int(Int64(locations.count)))
        draft.set("http", parent.map(Value.string) ?? .null)
        let index = add(draft, parent: parent, includedFrom: includer(server, parentBlock: parentBlock, parentID: parent))
        let serverID = resources[index].id
        httpServers.append(
            HTTPServerInfo(
                index: index, listens: listens, names: names, protocols: settings.protocols,
                protocolsLocation: settings.protocolsDirective?.location, isTLS: isTLS))
        var inheritedHeaders: ResourceDraft?
        for location in locations {
            buildLocation(location, scope: scope, serverID: serverID, serverBlock: server, parent: serverID, parentBlock: server,
                          isTLS: isTLS, variables: variables, inheritedHeaders: &inheritedHeaders)
        }
    }

    /// `listen.value`, remembered: thousands of servers repeat a handful of listeners.
    private mutating func listenValue(_ listen: Listen) -> Value {
        var key = listen
        key.location = ModelBuilder.noLocation
        if let known = listenValues[key] { return known }
        let value = listen.value
        listenValues[key] = value
        return value
    }

    private static let noLocation = SourceLocation(path: "", line: 1)

    /// True when a level sets headers itself (or holds an include that could not be read, which
    /// might): otherwise its header attributes are those of any sibling that does not either.
    private func setsHeaders(_ level: [Directive]) -> Bool {
        level.contains { d in
            d.name == "add_header" || d.name == "add_header_inherit" || d.name == "more_set_headers"
                || (d.name == "include" && unresolved.contains(d.location))
        }
    }

    /// `TLSSettings.apply` for an http server. One that sets no TLS directive itself (and holds
    /// no include that could not be read) inherits every setting from the http block, so the
    /// first such server's result is reused for the others.
    private mutating func applyTLS(scope: Scope, block: [Directive], to draft: inout ResourceDraft) -> TLSSettings {
        let setsTLS = block.contains { d in
            TLSSettings.directiveNames.contains(d.name) || (d.name == "include" && unresolved.contains(d.location))
        }
        if setsTLS { return TLSSettings.apply(scope: scope, version: version, ciphers: &ciphers, to: &draft) }
        let inherited: InheritedTLS
        if let known = inheritedTLS {
            inherited = known
        } else {
            var blank = ResourceDraft(id: draft.id, kind: draft.kind, location: draft.location)
            let settings = TLSSettings.apply(scope: scope, version: version, ciphers: &ciphers, to: &blank)
            inherited = InheritedTLS(ssl: blank.attributes["ssl"], locations: blank.locations, settings: settings)
            inheritedTLS = inherited
        }
        draft.attributes["ssl"] = inherited.ssl
        for (path, location) in inherited.locations { draft.locations[path] = location }
        return inherited.settings
    }

    private static func locationServesContent(_ location: Directive) -> Bool {
        let path = location.arguments.last?.text ?? ""
        if path.containsText("/.well-known/acme-challenge") { return false }
        switch Terminal.of(location.block ?? []) {
        case .redirectHTTPS, .redirectOther, .error: return false
        default: return true
        }
    }

    /// `HSTSHeader(value)`, remembering the last one (a server's locations inherit its header)
    /// and every other.
    private mutating func hstsHeader(_ value: String) -> HSTSHeader {
        if let last = lastHSTS, last.value == value { return last.header }
        let header: HSTSHeader
        if let known = hstsHeaders[value] {
            header = known
        } else {
            header = HSTSHeader(value)
            hstsHeaders[value] = header
        }
        lastHSTS = (value, header)
        return header
    }

    /// What `applyHeaders` makes of one list of effective `add_header` directives.
    private struct HeaderSummary {
        /// Where the directives are (which tells what they say).
        var locations: [SourceLocation]
        var headers: Value
        /// The position of the HSTS header among them, and its `hsts` attribute.
        var hsts: (index: Int, value: Value)?
    }

    /// The last header summary made: the next resource most often has the same headers (a
    /// server's locations, servers including the same snippet).
    private var lastHeaders: HeaderSummary?

    private static func isHSTS(_ d: Directive) -> Bool {
        d.argument(0)?.lowercased() == "strict-transport-security" && !(d.argument(1) ?? "").isEmpty
    }

    private mutating func headerSummary(_ effective: [Directive]) -> HeaderSummary {
        if let last = lastHeaders, last.locations.count == effective.count,
            zip(last.locations, effective).allSatisfy({ $0.0 == $0.1.location })
        {
            return last
        }
        let headers: Value = .list(effective.map { d in
            .map(["name": .string(d.argument(0) ?? ""), "value": .string(d.argument(1) ?? ""),
                  "always": .bool(d.argument(2)?.lowercased() == "always")])
        })
        var hsts: (index: Int, value: Value)?
        if let index = effective.firstIndex(where: ModelBuilder.isHSTS) {
            let h = effective[index]
            let value = h.args[1]
            let parsed = hstsHeader(value)
            var map: [String: Value] = [
                "value": .string(value), "include_subdomains": .bool(parsed.includeSubDomains),
                "preload": .bool(parsed.preload), "always": .bool(h.argument(2)?.lowercased() == "always"),
            ]
            map["max_age"] = parsed.maxAge.map(Value.int) ?? .null
            hsts = (index, .map(map))
        }
        let summary = HeaderSummary(locations: effective.map(\.location), headers: headers, hsts: hsts)
        lastHeaders = summary
        return summary
    }

    private mutating func applyHeaders(scope: Scope, to draft: inout ResourceDraft) {
        let (effective, parent) = scope.headers()
        let summary = headerSummary(effective)
        draft.set("headers", summary.headers, at: effective.first?.location)
        func hsts(_ list: [Directive]) -> Directive? {
            list.first(where: ModelBuilder.isHSTS)
        }
        if let (index, map) = summary.hsts {
            let h = effective[index]
            draft.set("hsts", map, at: h.location)
            // Whether this level sets the header itself (rather than inheriting it).
            let own = scope.levels.last?.contains { $0.name == "add_header" && $0.location == h.location } ?? false
            draft.set("hsts_own", .bool(own), at: h.location)
            for path in AttributePath.hstsKeys { draft.locate(path, h.location) }
        } else if let more = scope.array("more_set_headers").first(where: { d in
            d.args.contains { $0.lowercased().hasPrefix("strict-transport-security:") }
        }), let header = more.args.first(where: { $0.lowercased().hasPrefix("strict-transport-security:") }) {
            // headers-more: `more_set_headers "Strict-Transport-Security: max-age=…"`, sent on
            // every status unless restricted with `-s`.
            let value = String(header.dropFirst("strict-transport-security:".count).trimmingSpaces)
            let parsed = hstsHeader(value)
            var map: [String: Value] = [
                "value": .string(value), "include_subdomains": .bool(parsed.includeSubDomains),
                "preload": .bool(parsed.preload), "always": .bool(!more.args.contains("-s")),
            ]
            map["max_age"] = parsed.maxAge.map(Value.int) ?? .null
            draft.set("hsts", .map(map), at: more.location)
            for path in AttributePath.hstsKeys { draft.locate(path, more.location) }
            let own = scope.levels.last?.contains { $0.location == more.location } ?? false
            draft.set("hsts_own", .bool(own), at: more.location)
        } else if scope.hasUnresolvedInclude {
            draft.set("hsts", .unknown)
        } else if hsts(parent) != nil, let own = scope.levels.last {
            // This level's own add_header (or add_header_inherit off) hides the outer HSTS header.
            let hider = own.first { $0.name == "add_header" || $0.name == "add_header_inherit" }
            draft.set("hsts_shadowed_by", .string(hider.map { "\($0.name) \($0.argument(0) ?? "")" } ?? ""), at: hider?.location)
        }
    }

    private mutating func buildLocation(
        _ location: Directive, scope outer: Scope, serverID: String, serverBlock: Directive, parent: String,
        parentBlock: Directive, isTLS: Bool, variables: VariableTable, inheritedHeaders: inout ResourceDraft?
    ) {
        let block = location.block ?? []
        let path = location.args.joined(separator: " ")
        // Room for the headers', HSTS and upstream locations besides the raw directives'.
        var draft = ResourceDraft(id: id(location, "location \(path)"), kind: "nginx/location", location: location.location, locations: 16)
        draft.setDirectives(block, paths: &directivePaths)
        draft.set("path", .string(location.arguments.last?.text ?? ""))
        draft.set("modifier", .string(location.arguments.count > 1 ? location.arguments[0].text : ""))
        draft.set("server", .string(serverID))
        draft.set("tls", .bool(isTLS))
        versionAttributes(&draft)
        let scope = outer.pushing(block)
        if setsHeaders(block) {
            applyHeaders(scope: scope, to: &draft)
        } else {
            // The same for every location of the enclosing level that sets no header: built
            // once, on a blank draft, and copied.
            if inheritedHeaders == nil {
                var blank = ResourceDraft(id: draft.id, kind: draft.kind, location: draft.location)
                blank.locations.reserveCapacity(16)
                applyHeaders(scope: scope, to: &blank)
                inheritedHeaders = blank
            }
            if let inherited = inheritedHeaders {
                for (key, value) in inherited.attributes { draft.attributes[key] = value }
                for (path, located) in inherited.locations { draft.locations[path] = located }
            }
        }
        applyUpstream(scope: scope, block: block, variables: variables, to: &draft)
        let index = add(draft, parent: parent, includedFrom: includer(location, parentBlock: parentBlock, parentID: parent))
        let myID = resources[index].id
        var nestedHeaders: ResourceDraft?
        for nested in block where nested.name == "location" && nested.block != nil {
            buildLocation(nested, scope: scope, serverID: serverID, serverBlock: serverBlock, parent: myID, parentBlock: location,
                          isTLS: isTLS, variables: variables, inheritedHeaders: &nestedHeaders)
        }
    }

    /// `upstream`: the proxy_pass / grpc_pass target and whether its TLS is verified.
    private func applyUpstream(scope: Scope, block: [Directive], variables: VariableTable, to draft: inout ResourceDraft) {
        // proxy_pass may sit in `if` or `limit_except` inside the location.
        var candidates: [Directive] = []
        var sets: [Directive] = scope.all("set")
        func collect(_ list: [Directive]) {
            for d in list {
                if d.name == "proxy_pass" || d.name == "grpc_pass" { candidates.append(d) }
                if d.name == "set" { sets.append(d) }
                if (d.name == "if" || d.name == "limit_except"), let inner = d.block { collect(inner) }
            }
        }
        collect(block)
        guard let pass = candidates.first, let target = pass.argument(0) else { return }
        let isGRPC = pass.name == "grpc_pass"
        let tlsScheme = isGRPC ? "grpcs://" : "https://"
        var tls: Value
        var resolvedVia: Value = .null
        if target.lowercased().hasPrefix(tlsScheme) {
            tls = true
        } else if target.containsText("://") || (isGRPC && !target.hasPrefix("$")) {
            tls = false
        } else if target.hasPrefix("$") {
            let name = VariableTable.variableName(target)
            let values = sets.filter { $0.argument(0) == "$" + name }.compactMap { $0.argument(1) }
                + variables.values(of: name)
            if values.isEmpty {
                tls = .unknown
            } else {
                tls = .bool(values.contains { $0.lowercased().hasPrefix(tlsScheme) })
                resolvedVia = .list(values.map(Value.string))
            }
        } else {
            tls = false
        }
        let prefix = isGRPC ? "grpc" : "proxy"
        let (verify, verifyDirective) = scope.flag("\(prefix)_ssl_verify", default: false)
        let trusted = scope.innermost("\(prefix)_ssl_trusted_certificate")
        var map: [String: Value] = [
            "directive": .string(pass.name), "target": .string(target), "tls": tls, "verify": .bool(verify),
            "resolved_values": resolvedVia,
        ]
        map["trusted_certificate"] = trusted?.argument(0).map(Value.string) ?? .null
        draft.set("upstream", .map(map), at: pass.location)
        draft.locate(.upstreamTarget, pass.location)
        draft.locate(.upstreamTLS, pass.location)
        draft.locate(.upstreamVerify, verifyDirective?.location ?? pass.location)
        draft.locate(.upstreamTrustedCertificate, trusted?.location ?? pass.location)
    }

    // MARK: stream and mail

    private mutating func buildStream(_ stream: Directive, level: [Directive]) {
        let scope = Scope([level], unresolved: unresolved)
        for d in level where d.name == "server" && d.block != nil {
            let block = d.block ?? []
            var draft = ResourceDraft(id: id(d, "stream server"), kind: "nginx/stream-server", location: d.location, attributes: 16, locations: 32)
            draft.setDirectives(block, paths: &directivePaths)
            versionAttributes(&draft)
            let listenDirectives = block.filter { $0.name == "listen" }
            let listens = listenDirectives.map { Listen($0, defaultPort: nil) }
            draft.set("listen", .list(listens.map(\.value)), at: listenDirectives.first?.location)
            let tlsListen = listens.first { $0.ssl }
            draft.set("tls", .bool(tlsListen != nil), at: tlsListen?.location)
            _ = TLSSettings.apply(scope: scope.pushing(block), version: version, ciphers: &ciphers, to: &draft)
            let (proxySSL, proxySSLDirective) = scope.pushing(block).flag("proxy_ssl", default: false)
            let (verify, verifyDirective) = scope.pushing(block).flag("proxy_ssl_verify", default: false)
            draft.set("proxy_ssl", .bool(proxySSL), at: proxySSLDirective?.location)
            draft.set("proxy_ssl_verify", .bool(verify), at: verifyDirective?.location)
            // The same `upstream` shape as http locations, so one policy judges both.
            if let pass = block.first(where: { $0.name == "proxy_pass" }), let target = pass.argument(0) {
                let trusted = scope.pushing(block).innermost("proxy_ssl_trusted_certificate")
                var map: [String: Value] = [
                    "directive": "proxy_pass", "target": .string(target), "tls": .bool(proxySSL), "verify": .bool(verify),
                    "resolved_values": .null,
                ]
                map["trusted_certificate"] = trusted?.argument(0).map(Value.string) ?? .null
                draft.set("upstream", .map(map), at: pass.location)
                draft.locate(.upstreamTarget, pass.location)
                draft.locate(.upstreamTLS, proxySSLDirective?.location ?? pass.location)
                draft.locate(.upstreamVerify, verifyDirective?.location ?? proxySSLDirective?.location ?? pass.location)
                draft.locate(.upstreamTrustedCertificate, trusted?.location ?? pass.location)
            }
            add(draft, parent: nil, includedFrom: nil)
        }
    }

    private mutating func buildMail(_ mail: Directive, level: [Directive]) {
        let scope = Scope([level], unresolved: unresolved)
        for d in level where d.name == "server" && d.block != nil {
            let block = d.block ?? []
            let inner = scope.pushing(block)
            var draft = ResourceDraft(id: id(d, "mail server"), kind: "nginx/mail-server", location: d.location, attributes: 16, locations: 32)
            draft.setDirectives(block, paths: &directivePaths)
            versionAttributes(&draft)
            let listenDirectives = block.filter { $0.name == "listen" }
            let listens = listenDirectives.map { Listen($0, defaultPort: nil) }
            draft.set("listen", .list(listens.map(\.value)), at: listenDirectives.first?.location)
            let starttls = inner.innermost("starttls")
            let starttlsOn = ["on", "only"].contains(starttls?.argument(0)?.lowercased() ?? "")
            let sslOn = inner.innermost("ssl")?.argument(0)?.lowercased() == "on"
            let tlsListen = listens.first { $0.ssl }
            draft.set("tls", .bool(tlsListen != nil || starttlsOn || sslOn), at: tlsListen?.location ?? starttls?.location)
            draft.set("starttls", .string(starttls?.argument(0) ?? "off"), at: starttls?.location)
            draft.set("protocol", .string(inner.innermost("protocol")?.argument(0) ?? ""))
            _ = TLSSettings.apply(scope: inner, version: version, ciphers: &ciphers, to: &draft)
            add(draft, parent: nil, includedFrom: nil)
        }
    }

    // MARK: across servers

    /// Effective protocols per listen socket (the default server's, before 1.29.2) and whether a
    /// plain-HTTP server's names also have a TLS server.
    private mutating func linkServers() {
        // Each listener's socket key, built once.
        let sockets = httpServers.map { $0.listens.map(\.socket) }
        var defaults: [String: Int] = [:]  // socket → position in httpServers
        defaults.reserveCapacity(httpServers.count)
        for (position, info) in httpServers.enumerated() {
            for (l, socket) in zip(info.listens, sockets[position]) where l.defaultServer && defaults[socket] == nil {
                defaults[socket] = position
            }
        }
        for position in httpServers.indices {
            for socket in sockets[position] where defaults[socket] == nil { defaults[socket] = position }
        }
        let context = LinkContext(
            servers: httpServers, sockets: sockets, defaults: defaults,
            tlsNames: Set(httpServers.filter(\.isTLS).flatMap(\.names)),
            ids: httpServers.map { resources[$0.index].id }, locations: httpServers.map { resources[$0.index].location })
        let count = httpServers.count
        guard count >= concurrentServers else {
            for position in 0..<count {
                ModelBuilder.link(&resources[context.servers[position].index], position: position, context, version: version)
            }
            return
        }
        // Each server's draft is changed by one worker only; what they read of the others is
        // in `context`.
        let chunks = min(16, count)
        let version = self.version
        resources.withUnsafeMutableBufferPointer { buffer in
            let drafts = SharedDrafts(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for position in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
                    ModelBuilder.link(&drafts.buffer[context.servers[position].index], position: position, context, version: version)
                }
            }
        }
    }

    /// The drafts, for workers that each change different ones of them.
    private struct SharedDrafts: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<ResourceDraft>
    }

    /// What linking one server needs to know of all of them.
    private struct LinkContext {
        var servers: [HTTPServerInfo]
        /// Per server, the socket of each listener.
        var sockets: [[String]]
        /// Socket → position of its default server.
        var defaults: [String: Int]
        /// The names of TLS servers.
        var tlsNames: Set<String>
        /// Per server, its resource id and location.
        var ids: [String]
        var locations: [SourceLocation]
    }

    /// Sets the attributes of the server at `position` that depend on the other servers.
    private static func link(_ draft: inout ResourceDraft, position: Int, _ context: LinkContext, version: NginxVersion?) {
        let info = context.servers[position]
        let isDefault = context.sockets[position].contains { context.defaults[$0] == position }
        draft.set("default_server", .bool(isDefault))
        let ownNames = info.names.filter { $0 != "_" && !$0.isEmpty }
        draft.set("https_peer", .bool(info.isTLS || ownNames.contains { context.tlsNames.contains($0) }))
        draft.set("catch_all", .bool(ownNames.isEmpty))
        guard info.isTLS, var ssl = draft.attributes.removeValue(forKey: "ssl")?.mapValue else { return }
        let tlsSockets = zip(info.listens, context.sockets[position]).filter { $0.0.isTLS }.map(\.1)
        let others = Set(tlsSockets.compactMap { context.defaults[$0] }).sorted().filter { $0 != position }
        let sameAsOwn = others.allSatisfy { context.servers[$0].protocols != nil && context.servers[$0].protocols == info.protocols }
        var effective: Value
        var from: SourceLocation? = info.protocolsLocation
        if let version, version >= NginxVersion.perServerProtocols || others.isEmpty {
            effective = info.protocols.map { .list($0.map(Value.string)) } ?? .unknown
        } else if others.isEmpty || sameAsOwn {
            effective = info.protocols.map { .list($0.map(Value.string)) } ?? .unknown
        } else if version != nil {
            let union = others.compactMap { context.servers[$0].protocols }.flatMap { $0 }
            effective = others.contains { context.servers[$0].protocols == nil } ? .unknown : .list(Array(Set(union)).sorted().map(Value.string))
            from = context.servers[others[0]].protocolsLocation ?? context.locations[others[0]]
        } else {
            effective = .unknown
            from = context.servers[others[0]].protocolsLocation ?? context.locations[others[0]]
        }
        ssl["socket_protocols"] = effective
        if let list = effective.listValue {
            ssl["socket_weak_protocols"] = .list(list.filter { TLSSettings.weakProtocols.contains($0.stringValue ?? "") })
        } else {
            ssl["socket_weak_protocols"] = .unknown
        }
        ssl["socket_default_server"] = others.first.map { .string(context.ids[$0]) } ?? .string(draft.id)
        draft.attributes["ssl"] = .map(ssl)
        draft.locate(.sslSocketProtocols, from)
        draft.locate(.sslSocketWeakProtocols, from)
    }
}
