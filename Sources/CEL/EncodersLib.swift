import Foundation

/// The CEL encoders extension: base64.encode(bytes) and base64.decode(string).
enum EncodersLib {
    static func register(into env: inout CELEnvironment) {
        env.unary("base64.encode") { v throws(CELError) in
            guard case .bytes(let b) = v else { throw CELError.noOverload("base64.encode", v) }
            return .string(Data(b).base64EncodedString())
        }
        env.unary("base64.decode") { v throws(CELError) in
            guard case .string(let s) = v else { throw CELError.noOverload("base64.decode", v) }
            var padded = s
            while padded.utf8.count % 4 != 0 { padded += "=" }
            guard let d = Data(base64Encoded: padded) else { throw CELError("base64.decode: invalid base64 input") }
            return .bytes(Array(d))
        }
    }
}
