import Dispatch
import Graph

/// Replaces `include` directives by the directives of the files they name, through a
/// `SourceProvider`, the way nginx does: relative paths against the prefix, globs sorted,
/// a glob matching nothing is fine, a missing plain file is an error.
struct IncludeExpander {
    /// Includes nested deeper than this are reported instead of followed.
    static let maxDepth = 32
    /// At most this many files are read for one entry file.
    static let maxFiles = 5000

    let provider: any SourceProvider
    /// The directory relative include paths are resolved against ("" for the working directory).
    let prefix: String

    private(set) var diagnostics: [Diagnostic] = []
    private(set) var dependencies: [String] = []
    /// `include` directives whose files could not be read or parsed: values they might have
    /// set are unknown.
    private(set) var unresolved = Set<SourceLocation>()
    private var filesRead = 0
    private var dependencySet = Set<String>()
    /// Each file read and tokenized once per parse, however many includes name it (a snippet
    /// in every server): path → what reading it gave.
    private var loaded: [String: Loaded] = [:]
    /// What the expander that made this one (a worker's copy) had read: looked up, never
    /// changed, so the workers do not each copy the whole table on their first read.
    private var inheritedLoaded: [String: Loaded] = [:]
    /// The paths added to `loaded`, in order, so a copy's additions can be taken over.
    private var newlyLoaded: [String] = []
    /// Each glob listed once per parse: pattern → matching paths.
    private var globbed: [String: [String]] = [:]
    /// Plain (not glob) include arguments found readable: argument → the path read.
    private var resolved: [String: [String]] = [:]

    /// The outcome of reading one included file.
    private enum Loaded {
        case unreadable
        case parsed(path: String, directives: [Directive])
        case failed(path: String, error: ParseError)
        /// Parsed, and its directives handed over to the one include that a glob matched it for
        /// (see `expandConcurrently`): read again if another include names it.
        case handedOver(path: String)

        var isReadable: Bool {
            if case .unreadable = self { return false }
            return true
        }
    }

    init(provider: any SourceProvider, prefix: String) {
        self.provider = provider
        self.prefix = prefix
    }

    /// `directives` (of the file at `path`) with every include expanded in place.
    mutating func expand(_ directives: [Directive], path: String) -> [Directive] {
        var out: [Directive] = []
        var shared = directives
        expand(&shared, owned: false, stack: [path], via: [], into: &out)
        return out
    }

    /// Appends `directives` to `out` with includes expanded: one output array per block, rather
    /// than one per included file copied into it.
    ///
    /// `owned`: nothing else holds `directives` (nor their blocks), so each directive is moved
    /// out of it, left there as an empty one, rather than copied.
    private mutating func expand(
        _ directives: inout [Directive], owned: Bool, stack: [String], via: [SourceLocation], into out: inout [Directive]
    ) {
        // Not for a block that files are being appended to: growing it by exactly their size
        // each time would copy it once per file.
        if out.isEmpty { out.reserveCapacity(directives.count) }
        for i in directives.indices {
            var directive: Directive
            if owned {
                directive = Directive(name: "", location: IncludeExpander.nowhere)
                swap(&directive, &directives[i])
            } else {
                directive = directives[i]
            }
            if !via.isEmpty { directive.includedVia = directive.includedVia.isEmpty ? via : via + directive.includedVia }
            if directive.block != nil, directive.rawBody == nil {
                var block = directive.block ?? []
                // Released first, so that the rebuilt block is not a second copy of it (and,
                // when owned, so that `block` is its only holder).
                directive.block = nil
                var expanded: [Directive] = []
                expand(&block, owned: owned, stack: stack, via: via, into: &expanded)
                directive.block = expanded
            }
            guard directive.name == "include" else {
                out.append(directive)
                continue
            }
            out.append(directive)
            guard directive.arguments.count == 1, let pattern = directive.arguments.first?.text else {
                diagnostics.append(Diagnostic(.error, "invalid number of arguments in \"include\" directive", at: directive.location))
                continue
            }
            let paths = resolve(pattern, at: directive.location)
            let fresh = prefetch(paths)
            if paths.count >= concurrentFiles,
                expandConcurrently(paths, fresh: fresh, include: directive.location, stack: stack, via: via, into: &out)
            {
                continue
            }
            for path in paths { expandFile(path, include: directive.location, stack: stack, via: via, into: &out) }
        }
    }

    /// Appends the directives of the file at `path`, named by the include at `include`.
    private mutating func expandFile(
        _ path: String, include: SourceLocation, stack: [String], via: [SourceLocation], into out: inout [Directive]
    ) {
        guard admits(path, include: include, stack: stack) else { return }
        let parsed: [Directive]
        switch load(path) {
        case .unreadable:
            diagnostics.append(Diagnostic(.error, "included file \(path) cannot be read", at: include))
            unresolved.insert(include)
            return
        case .failed(let filePath, let error):
            filesRead += 1
            if dependencySet.insert(filePath).inserted { dependencies.append(filePath) }
            diagnostics.append(Diagnostic(error))
            unresolved.insert(include)
            return
        case .parsed(let filePath, let directives):
            filesRead += 1
            if dependencySet.insert(filePath).inserted { dependencies.append(filePath) }
            parsed = directives
        case .handedOver:
            preconditionFailure("load(_:) reads a handed-over file again")
        }
        var shared = parsed
        expand(&shared, owned: false, stack: stack + [path], via: via + [include], into: &out)
    }

    /// `expandFile` for a file read as `filePath` whose tree (`directives`) this include alone
    /// holds: its directives are moved, not copied.
    private mutating func expandHandedOver(
        _ path: String, filePath: String, directives: inout [Directive], include: SourceLocation, stack: [String],
        via: [SourceLocation], into out: inout [Directive]
    ) {
        guard admits(path, include: include, stack: stack) else { return }
        filesRead += 1
        if dependencySet.insert(filePath).inserted { dependencies.append(filePath) }
        expand(&directives, owned: true, stack: stack + [path], via: via + [include], into: &out)
    }

    /// False (with a diagnostic) when the include at `include` may not read `path`: a cycle,
    /// too deep, too many files.
    private mutating func admits(_ path: String, include: SourceLocation, stack: [String]) -> Bool {
        if let cycleStart = stack.firstIndex(of: path) {
            let chain = (stack[cycleStart...] + [path]).joined(separator: " → ")
            diagnostics.append(Diagnostic(.error, "include cycle: \(chain) (nginx would not start); not followed", at: include))
            return false
        }
        if stack.count > IncludeExpander.maxDepth {
            diagnostics.append(Diagnostic(.error, "includes nested more than \(IncludeExpander.maxDepth) deep", at: include))
            return false
        }
        if filesRead >= IncludeExpander.maxFiles {
            diagnostics.append(Diagnostic(.error, "more than \(IncludeExpander.maxFiles) included files; \(path) not read", at: include))
            return false
        }
        return true
    }

    /// The files of one glob expanded on every core, each run of them by a copy of this
    /// expander, then taken over in order; false (and nothing changed) when together they
    /// would reach `maxFiles`, where the order of reading decides which files are refused.
    private mutating func expandConcurrently(
        _ paths: [String], fresh: Set<String>, include: SourceLocation, stack: [String], via: [SourceLocation], into out: inout [Directive]
    ) -> Bool {
        // The trees of files read for the first time here go to the worker expanding them,
        // as their only holder, so it moves their directives instead of copying them; a later
        // include of one of them reads it again. (A file also named earlier, a snippet, keeps
        // its tree in `loaded` for the includes to come.)
        let handover = Handover(count: paths.count)
        for (i, path) in paths.enumerated() where fresh.contains(path) {
            guard case .parsed? = loaded[path],
                case .parsed(let filePath, let directives)? = loaded.removeValue(forKey: path)
            else { continue }
            loaded[path] = .handedOver(path: filePath)
            handover.put(i, filePath: filePath, directives: directives)
        }
        var start = self
        start.diagnostics = []
        start.dependencies = []
        start.unresolved = []
        start.newlyLoaded = []
        start.inheritedLoaded = inheritedLoaded.isEmpty ? loaded : inheritedLoaded.merging(loaded) { $1 }
        start.loaded = [:]
        let chunks = min(16, paths.count)
        let slots = ConcurrentSlots<(IncludeExpander, [Directive])>(count: chunks)
        let first = start
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var part = first
            var directives: [Directive] = []
            for i in (paths.count * chunk / chunks)..<(paths.count * (chunk + 1) / chunks) {
                if var tree = handover.take(i) {
                    let filePath = tree.filePath
                    part.expandHandedOver(
                        paths[i], filePath: filePath, directives: &tree.directives, include: include, stack: stack, via: via,
                        into: &directives)
                } else {
                    part.expandFile(paths[i], include: include, stack: stack, via: via, into: &directives)
                }
            }
            slots.set(chunk, (part, directives))
        }
        let parts = slots.values
        let read = parts.reduce(filesRead) { $0 + $1.0.filesRead - filesRead }
        // Expanded one by one instead (the handed-over files read again), in reading order.
        guard read < IncludeExpander.maxFiles else { return false }
        filesRead = read
        for (part, directives) in parts {
            out += directives
            diagnostics += part.diagnostics
            for path in part.dependencies where dependencySet.insert(path).inserted { dependencies.append(path) }
            unresolved.formUnion(part.unresolved)
            for path in part.newlyLoaded where lookup(path) == nil {
                loaded[path] = part.loaded[path]
                newlyLoaded.append(path)
            }
            for (pattern, matches) in part.globbed where globbed[pattern] == nil { globbed[pattern] = matches }
        }
        return true
    }

    /// The files an include argument names, sorted; a missing plain file is a diagnostic.
    private mutating func resolve(_ pattern: String, at location: SourceLocation) -> [String] {
        // A snippet included by thousands of servers is looked for once.
        if let known = resolved[pattern] { return known }
        let isGlob = pattern.contains { $0 == "*" || $0 == "?" || $0 == "[" }
        var candidates: [String] = []
        if pattern.hasPrefix("/") {
            candidates.append(pattern)
            // Trees copied from /etc/nginx keep absolute includes: map them onto the prefix,
            // preferring the longest tail that exists there.
            let parts = pattern.split(separator: "/").map(String.init)
            // A glob lists one directory (`/etc/nginx/modules-enabled/*.conf`): its tails keep
            // that directory's name, unless the prefix has it. Mapping it onto the prefix itself
            // would list unrelated files there, the main file among them (an include cycle
            // nginx never sees), when the copy left the directory out or empty.
            var keep = 1
            if isGlob, parts.count >= 2, IncludeExpander.lastComponent(prefix) != parts[parts.count - 2] { keep = 2 }
            for drop in 1..<max(1, parts.count - keep + 1) {
                candidates.append(IncludeExpander.join(prefix, parts[drop...].joined(separator: "/")))
            }
        } else {
            candidates.append(IncludeExpander.join(prefix, pattern))
        }
        for candidate in candidates {
            if isGlob {
                let matches = glob(candidate)
                if !matches.isEmpty { return matches }
            } else if load(candidate).isReadable {
                // Readable stays readable for this parse (`loaded` remembers), so the answer
                // holds for later includes of the same path.
                resolved[pattern] = [candidate]
                return [candidate]
            }
        }
        if !isGlob {
            unresolved.insert(location)
            let lookedFor = candidates[min(1, candidates.count - 1)]
            if pattern.hasPrefix("/") {
                // An absolute path names the host's filesystem, which a copy of the configuration
                // seldom holds all of (certbot's /etc/letsencrypt/options-ssl-nginx.conf): what
                // the file would set is unknown, and the tree itself is not broken.
                diagnostics.append(Diagnostic(
                    .warning, "included file \"\(pattern)\" is not in the scanned tree (looked for \(lookedFor)); what it sets is unknown",
                    at: location))
            } else {
                diagnostics.append(Diagnostic(.error, "included file \"\(pattern)\" not found (looked for \(lookedFor))", at: location))
            }
        }
        return []
    }

    /// The files matching `pattern` through the provider, listed once per parse.
    private mutating func glob(_ pattern: String) -> [String] {
        if let known = globbed[pattern] { return known }
        // Like glob(3), `*` does not match a leading dot.
        let patternName = pattern.split(separator: "/").last.map(String.init) ?? pattern
        let matches = provider.glob(pattern).filter { path in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return !name.hasPrefix(".") || patternName.hasPrefix(".")
        }
        globbed[pattern] = matches
        return matches
    }

    /// The file at `path` read through the provider and tokenized, once per parse (twice for a
    /// file whose tree was handed over).
    private mutating func load(_ path: String) -> Loaded {
        if let known = lookup(path) {
            guard case .handedOver = known else { return known }
            let outcome = IncludeExpander.read(path, from: provider)
            loaded[path] = outcome
            return outcome
        }
        let outcome = IncludeExpander.read(path, from: provider)
        loaded[path] = outcome
        newlyLoaded.append(path)
        return outcome
    }

    /// What reading `path` gave so far in this parse, if it was read.
    private func lookup(_ path: String) -> Loaded? {
        loaded[path] ?? inheritedLoaded[path]
    }

    /// At least this many files of one glob (a `conf.d/*.conf`) are read and expanded on every
    /// core.
    var concurrentFiles = 8

    /// Reads and tokenizes the files a glob matched on every core, ahead of expanding them in
    /// order; what `load` then finds is the same as reading them one by one. Returns the paths
    /// it read.
    @discardableResult
    private mutating func prefetch(_ paths: [String]) -> Set<String> {
        var seen = Set<String>()
        let missing = paths.filter { lookup($0) == nil && seen.insert($0).inserted }.prefix(max(0, IncludeExpander.maxFiles - filesRead))
        guard missing.count >= concurrentFiles else { return [] }
        let files = Array(missing)
        // In runs of files, so that workers do not queue for the slots after every small file.
        let chunks = min(16, files.count)
        let slots = ConcurrentSlots<[Loaded]>(count: chunks)
        let provider = self.provider
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (files.count * chunk / chunks)..<(files.count * (chunk + 1) / chunks)
            slots.set(chunk, range.map { IncludeExpander.read(files[$0], from: provider) })
        }
        for (path, outcome) in zip(files, slots.values.joined()) { loaded[path] = outcome }
        newlyLoaded += files
        return Set(files)
    }

    private static func read(_ path: String, from provider: any SourceProvider) -> Loaded {
        guard let file = provider.file(at: path) else { return .unreadable }
        do {
            return .parsed(path: file.path, directives: try ConfigReader.read(file))
        } catch {
            return .failed(path: file.path, error: error)
        }
    }

    /// A placeholder for a directive moved out of its array.
    private static let nowhere = SourceLocation(path: "", line: 1)

    /// Trees handed from the expander to the workers of `expandConcurrently`, each taken once.
    private final class Handover: @unchecked Sendable {
        private var trees: [(filePath: String, directives: [Directive])?]
        private let lock = DispatchSemaphore(value: 1)

        init(count: Int) { trees = Array(repeating: nil, count: count) }

        func put(_ i: Int, filePath: String, directives: [Directive]) {
            lock.wait()
            trees[i] = (filePath, directives)
            lock.signal()
        }

        /// The tree at `i`, leaving none there, so the caller holds the only reference.
        func take(_ i: Int) -> (filePath: String, directives: [Directive])? {
            var tree: (filePath: String, directives: [Directive])?
            lock.wait()
            swap(&tree, &trees[i])
            lock.signal()
            return tree
        }
    }

    /// The last component of a directory path ("" for the working directory).
    static func lastComponent(_ directory: String) -> String {
        directory.split(separator: "/").last.map(String.init) ?? ""
    }

    /// `directory/path`, or `path` when the directory is empty or `.`.
    static func join(_ directory: String, _ path: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty || directory == "." { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
}
