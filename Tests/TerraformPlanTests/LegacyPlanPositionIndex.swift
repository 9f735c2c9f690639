import Graph

@testable import TerraformPlan

/// Where resources and their attribute values are in a plan's JSON text.
///
/// json-c gives no positions, so this is a single pass over the bytes that follows the JSON
/// structure and records only what findings need: for each resource object in
/// `planned_values`, `prior_state` and `resource_changes`, the line and column of its
/// `"address"` member, and of every key (and every element that is an object or a list) inside
/// its `values` (or `change.after`). Strings are only created for those keys and addresses.
struct LegacyPlanPositionIndex {
    /// The positions of one resource object.
    struct Entry {
        var location: SourceLocation
        var attributes: [AttributePath: SourceLocation] = [:]
    }

    /// Which part of the plan a resource object was found in.
    enum Section: Int {
        case planned = 0, prior, changes
    }

    private(set) var sections: [[String: Entry]] = [[:], [:], [:]]

    /// The positions of the resource at `address` in `section`.
    func entry(_ section: Section, _ address: String) -> Entry? { sections[section.rawValue][address] }

    private enum Context: UInt8 {
        case top, planned, priorState, priorValues, module, moduleList, resourceList, resource
        case values, changeList, change, changeBody, skip
    }

    private struct Frame {
        var isObject: Bool
        var context: Context
        var section: Section
        var expectKey = true
        var index = 0
        var keyStart = 0
        var keyEnd = 0
        var keyEscaped = false
        /// Number of `path` segments that lead to this container (values contexts only).
        var depth = 0
    }

    /// Indexes UTF-8 `bytes` (no BOM); locations are reported under `path`.
    init(_ bytes: [UInt8], path: String) {
        bytes.withUnsafeBufferPointer { scan($0, path: path) }
    }

    private mutating func scan(_ b: UnsafeBufferPointer<UInt8>, path filePath: String) {
        let n = b.count
        var frames: [Frame] = []
        frames.reserveCapacity(64)
        var segments: [AttributePath.Segment] = []
        var line = 1
        var lineStart = 0
        var colPos = 0
        var col = 1
        var inResource = false
        var currentLocation = SourceLocation(path: filePath, line: 1)
        var currentAttributes: [AttributePath: SourceLocation] = [:]
        var currentAddress: String?
        var currentSection = Section.planned
        // prior_state is read for data sources only; resource_changes' `after` only for
        // resources planned_values does not hold
        var currentIsData = false

        func location(_ pos: Int) -> SourceLocation {
            if colPos < lineStart || colPos > pos {
                colPos = lineStart
                col = 1
            }
            var i = colPos
            while i < pos {
                if b[i] & 0xC0 != 0x80 { col += 1 }
                i += 1
            }
            colPos = pos
            return SourceLocation(path: filePath, line: line, column: col)
        }

        func keyIs(_ frame: Frame, _ literal: StaticString) -> Bool {
            let length = frame.keyEnd - frame.keyStart
            guard length == literal.utf8CodeUnitCount, !frame.keyEscaped else { return false }
            let lit = literal.utf8Start
            var i = 0
            while i < length {
                if b[frame.keyStart + i] != lit[i] { return false }
                i += 1
            }
            return true
        }

        func text(_ start: Int, _ end: Int, escaped: Bool) -> String {
            let raw = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
            return escaped ? LegacyPlanPositionIndex.unescape(raw) : raw
        }

        /// The context of a container that starts as the current value of the top frame.
        func childContext(_ parent: Frame?) -> Context {
            guard let parent else { return .top }
            if !parent.isObject {
                switch parent.context {
                case .moduleList: return .module
                case .resourceList: return .resource
                case .changeList: return .change
                case .values: return .values
                default: return .skip
                }
            }
            switch parent.context {
            case .top:
                if keyIs(parent, "planned_values") { return .planned }
                if keyIs(parent, "prior_state") { return .priorState }
                if keyIs(parent, "resource_changes") { return .changeList }
            case .planned: if keyIs(parent, "root_module") { return .module }
            case .priorState: if keyIs(parent, "values") { return .priorValues }
            case .priorValues: if keyIs(parent, "root_module") { return .module }
            case .module:
                if keyIs(parent, "resources") { return .resourceList }
                if keyIs(parent, "child_modules") { return .moduleList }
            case .resource:
                if keyIs(parent, "values") && (parent.section != .prior || currentIsData) { return .values }
            case .change:
                if keyIs(parent, "change") && !(currentAddress.map { sections[0][$0] != nil } ?? false) { return .changeBody }
            case .changeBody: if keyIs(parent, "after") { return .values }
            case .values: return .values
            default: break
            }
            return .skip
        }

        var i = 0
        while i < n {
            let c = b[i]
            switch c {
            case 0x0A:
                line += 1
                lineStart = i + 1
                i += 1
            case 0x20, 0x09, 0x0D:
                i += 1
            case UInt8(ascii: ","):
                if let last = frames.indices.last, frames[last].isObject { frames[last].expectKey = true }
                i += 1
            case UInt8(ascii: ":"):
                if let last = frames.indices.last { frames[last].expectKey = false }
                i += 1
            case UInt8(ascii: "\""):
                var j = i + 1
                var escaped = false
                while j < n && b[j] != UInt8(ascii: "\"") {
                    if b[j] == UInt8(ascii: "\\") {
                        escaped = true
                        j += 2
                    } else {
                        j += 1
                    }
                }
                let end = min(j, n)
                if let last = frames.indices.last {
                    if frames[last].isObject && frames[last].expectKey {
                        frames[last].keyStart = i + 1
                        frames[last].keyEnd = end
                        frames[last].keyEscaped = escaped
                        if frames[last].context == .values, inResource {
                            LegacyPlanPositionIndex.truncate(&segments, frames[last].depth)
                            segments.append(.key(text(i + 1, end, escaped: escaped)))
                            currentAttributes[AttributePath(segments)] = location(i)
                        } else if (frames[last].context == .resource || frames[last].context == .change),
                            keyIs(frames[last], "address")
                        {
                            currentLocation = location(i)
                        }
                    } else {
                        if !frames[last].isObject { frames[last].index += 1 }
                        if frames[last].isObject, frames[last].context == .resource || frames[last].context == .change {
                            if keyIs(frames[last], "address") {
                                currentAddress = text(i + 1, end, escaped: escaped)
                            } else if keyIs(frames[last], "mode") {
                                currentIsData = end - i - 1 == 4 && b[i + 1] == UInt8(ascii: "d")
                            }
                        }
                    }
                }
                i = end + 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let parent = frames.last
                let context = childContext(parent)
                var frame = Frame(isObject: c == UInt8(ascii: "{"), context: context, section: parent?.section ?? .planned)
                switch context {
                case .priorState: frame.section = .prior
                case .changeList: frame.section = .changes
                case .resource, .change:
                    if frame.isObject {
                        inResource = true
                        currentLocation = location(i)
                        currentAttributes = [:]
                        currentAddress = nil
                        currentIsData = false
                        currentSection = frame.section
                    } else {
                        frame.context = .skip
                    }
                case .values:
                    if let parent, parent.context == .values, inResource {
                        if parent.isObject {
                            // the key's segment was appended when the key was read
                            if segments.count > parent.depth + 1 {
                                LegacyPlanPositionIndex.truncate(&segments, parent.depth + 1)
                            } else if segments.count <= parent.depth {
                                LegacyPlanPositionIndex.truncate(&segments, parent.depth)
                                segments.append(.key(text(parent.keyStart, parent.keyEnd, escaped: parent.keyEscaped)))
                            }
                        } else {
                            LegacyPlanPositionIndex.truncate(&segments, parent.depth)
                            segments.append(.index(parent.index))
                            currentAttributes[AttributePath(segments)] = location(i)
                        }
                        frame.depth = segments.count
                    } else {
                        segments.removeAll(keepingCapacity: true)
                        frame.depth = 0
                    }
                default: break
                }
                if let last = frames.indices.last, !frames[last].isObject { frames[last].index += 1 }
                frames.append(frame)
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let closed = frames.popLast(), closed.context == .resource || closed.context == .change {
                    if inResource, let address = currentAddress, sections[currentSection.rawValue][address] == nil {
                        sections[currentSection.rawValue][address] = Entry(location: currentLocation, attributes: currentAttributes)
                    }
                    inResource = false
                    currentAttributes = [:]
                    currentAddress = nil
                }
                if let last = frames.indices.last, frames[last].context == .values {
                    LegacyPlanPositionIndex.truncate(&segments, frames[last].depth)
                }
                i += 1
            default:
                // a number, true, false or null: skip to the next delimiter
                if let last = frames.indices.last, !frames[last].isObject { frames[last].index += 1 }
                i += 1
                while i < n {
                    let d = b[i]
                    if d == UInt8(ascii: ",") || d == UInt8(ascii: "}") || d == UInt8(ascii: "]") || d == 0x20
                        || d == 0x0A || d == 0x0D || d == 0x09
                    {
                        break
                    }
                    i += 1
                }
            }
        }
    }

    @inline(__always)
    private static func truncate(_ segments: inout [AttributePath.Segment], _ count: Int) {
        if segments.count > count { segments.removeLast(segments.count - count) }
    }

    /// Decodes JSON string escapes (`\"`, `\\`, `\n`, `\uXXXX` …) of a key.
    static func unescape(_ raw: String) -> String {
        var out = ""
        var it = raw.unicodeScalars.makeIterator()
        var pendingHigh: UInt32?
        while let s = it.next() {
            guard s == "\\", let e = it.next() else {
                out.unicodeScalars.append(s)
                continue
            }
            switch e {
            case "n": out += "\n"
            case "t": out += "\t"
            case "r": out += "\r"
            case "b": out += "\u{08}"
            case "f": out += "\u{0C}"
            case "u":
                var hex = ""
                for _ in 0..<4 { if let h = it.next() { hex.unicodeScalars.append(h) } }
                guard let v = UInt32(hex, radix: 16) else { continue }
                if (0xD800..<0xDC00).contains(v) {
                    pendingHigh = v
                } else if (0xDC00..<0xE000).contains(v), let high = pendingHigh {
                    let scalar = 0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00)
                    if let u = Unicode.Scalar(scalar) { out.unicodeScalars.append(u) }
                    pendingHigh = nil
                } else if let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                }
            default: out.unicodeScalars.append(e)
            }
        }
        return out
    }
}
