import CJSONC
import Graph

/// The thin layer over json-c: parsing with error positions, and reading json_object trees.
///
/// A `JSONC.Document` owns its tree; every `OpaquePointer` handed out is valid until the
/// document is released, so readers must not keep them past `withDocument`.
enum JSONC {
    /// Nesting deeper than this is rejected by the tokener (and so never recursed into).
    static let maxDepth: Int32 = 256

    /// A json-c parse error: a message and the byte offset it was found at.
    struct Failure: Error {
        var message: String
        var offset: Int
    }

    /// Parses `bytes` (UTF-8) and runs `body` with the root object; frees the tree afterwards.
    static func withDocument<T>(_ bytes: [UInt8], _ body: (OpaquePointer?) -> T) -> Result<T, Failure> {
        guard let tokener = json_tokener_new_ex(maxDepth) else {
            return .failure(Failure(message: "out of memory", offset: 0))
        }
        defer { json_tokener_free(tokener) }
        json_tokener_set_flags(tokener, Int32(JSON_TOKENER_STRICT))
        let count = bytes.count
        guard count < Int(Int32.max) else {
            return .failure(Failure(message: "file too large for the JSON parser", offset: 0))
        }
        let root: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: count) { json_tokener_parse_ex(tokener, $0, Int32(count)) }
            } ?? nil
        }
        let error = json_tokener_get_error(tokener)
        let end = Int(json_tokener_get_parse_end(tokener))
        if error == json_tokener_continue || (root == nil && error == json_tokener_success) {
            json_object_put(root)
            return .failure(Failure(message: "unexpected end of file: the JSON is truncated", offset: count))
        }
        if error != json_tokener_success {
            json_object_put(root)
            let description = json_tokener_error_desc(error).map { String(cString: $0) } ?? "invalid JSON"
            // json-c stops at the offending character, or at the whitespace before it
            var at = min(end, count)
            while at < count && PlanText.isSpace(bytes[at]) { at += 1 }
            return .failure(Failure(message: "invalid JSON: \(description)", offset: at))
        }
        var rest = end
        while rest < count && PlanText.isSpace(bytes[rest]) { rest += 1 }
        if rest < count {
            json_object_put(root)
            return .failure(Failure(message: "invalid JSON: unexpected text after the top-level value", offset: rest))
        }
        defer { json_object_put(root) }
        return .success(body(root))
    }

    static func isObject(_ o: OpaquePointer?) -> Bool { o != nil && json_object_get_type(o) == json_type_object }
    static func isArray(_ o: OpaquePointer?) -> Bool { o != nil && json_object_get_type(o) == json_type_array }

    /// The member `key` of an object, or nil.
    static func member(_ o: OpaquePointer?, _ key: String) -> OpaquePointer? {
        guard isObject(o) else { return nil }
        var out: OpaquePointer?
        return json_object_object_get_ex(o, key, &out) != 0 ? out : nil
    }

    /// The string, when `o` is one.
    static func string(_ o: OpaquePointer?) -> String? {
        guard let o, json_object_get_type(o) == json_type_string else { return nil }
        return stringValue(o)
    }

    private static func stringValue(_ o: OpaquePointer) -> String {
        let length = Int(json_object_get_string_len(o))
        guard let chars = json_object_get_string(o) else { return "" }
        return chars.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// The elements of an array (empty for anything else).
    static func elements(_ o: OpaquePointer?) -> [OpaquePointer?] {
        guard isArray(o) else { return [] }
        let n = json_object_array_length(o)
        var out: [OpaquePointer?] = []
        out.reserveCapacity(n)
        for i in 0..<n { out.append(json_object_array_get_idx(o, i)) }
        return out
    }

    /// Calls `body` for each member of an object, in document order.
    static func forEachMember(_ o: OpaquePointer?, _ body: (String, OpaquePointer?) -> Void) {
        guard isObject(o) else { return }
        var it = json_object_iter_begin(o)
        var end = json_object_iter_end(o)
        while json_object_iter_equal(&it, &end) == 0 {
            if let name = json_object_iter_peek_name(&it) {
                body(String(cString: name), json_object_iter_peek_value(&it))
            }
            json_object_iter_next(&it)
        }
    }

    /// The tree under `o` as a `Value`.
    static func value(_ o: OpaquePointer?) -> Value {
        guard let o else { return .null }
        let type = json_object_get_type(o)
        if type == json_type_string { return .string(stringValue(o)) }
        if type == json_type_object {
            var members: [String: Value] = [:]
            members.reserveCapacity(Int(json_object_object_length(o)))
            forEachMember(o) { key, child in members[key] = value(child) }
            return .map(members)
        }
        if type == json_type_array {
            let n = json_object_array_length(o)
            var list: [Value] = []
            list.reserveCapacity(n)
            for i in 0..<n { list.append(value(json_object_array_get_idx(o, i))) }
            return .list(list)
        }
        if type == json_type_boolean { return .bool(json_object_get_boolean(o) != 0) }
        if type == json_type_int { return .int(json_object_get_int64(o)) }
        if type == json_type_double { return .double(json_object_get_double(o)) }
        return .null
    }

    /// Parses a small JSON text (a policy document) into a `Value`, or nil when it is not JSON.
    static func parseValue(_ text: String) -> Value? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, case .success(let v) = withDocument(bytes, { value($0) }) else { return nil }
        return v
    }
}
