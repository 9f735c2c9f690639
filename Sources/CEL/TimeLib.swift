/// `timestamp()`, `duration()` and their getters.
enum TimeLib {
    static func register(into env: inout CELEnvironment) {
        env.unary("timestamp") { v throws(CELError) in
            switch v {
            case .timestamp: return v
            case .string(let s): return .timestamp(try CELTimestamp.parse(s))
            case .int(let i): return .timestamp(try CELTimestamp(seconds: i))
            default: throw CELError.noOverload("timestamp", v)
            }
        }
        env.unary("duration") { v throws(CELError) in
            switch v {
            case .duration: return v
            case .string(let s): return .duration(try CELDuration.parse(s))
            case .int(let i): return .duration(try CELDuration(seconds: 0, nanos: i))
            default: throw CELError.noOverload("duration", v)
            }
        }
        typealias Fields = (year: Int64, month: Int64, day: Int64, dayOfYear: Int64, weekday: Int64, hour: Int64, minute: Int64, second: Int64)
        let getters: [(String, @Sendable (Fields, CELTimestamp) -> Int64)] = [
            ("getFullYear", { f, _ in f.year }),
            ("getMonth", { f, _ in f.month - 1 }),
            ("getDayOfYear", { f, _ in f.dayOfYear }),
            ("getDayOfMonth", { f, _ in f.day - 1 }),
            ("getDate", { f, _ in f.day }),
            ("getDayOfWeek", { f, _ in f.weekday }),
            ("getHours", { f, _ in f.hour }),
            ("getMinutes", { f, _ in f.minute }),
            ("getSeconds", { f, _ in f.second }),
            ("getMilliseconds", { _, t in Int64(t.nanos) / 1_000_000 }),
        ]
        for (name, get) in getters {
            env.unary(name, receiver: true, global: false) { v throws(CELError) in
                switch v {
                case .timestamp(let t): return .int(get(try t.fields(in: nil), t))
                case .duration(let d): return .int(try durationGetter(name, d))
                default: throw CELError.noOverload(name, v)
                }
            }
            env.binary(name, receiver: true, global: false) { v, z throws(CELError) in
                guard case .timestamp(let t) = v, case .string(let zone) = z else { throw CELError.noOverload(name, v, z) }
                return .int(get(try t.fields(in: zone), t))
            }
        }
    }

    static func durationGetter(_ name: String, _ d: CELDuration) throws(CELError) -> Int64 {
        // Truncated toward zero, like Go's time.Duration methods.
        let m = d.magnitude
        let sign: Int64 = m.negative ? -1 : 1
        switch name {
        case "getHours": return sign * (m.seconds / 3600)
        case "getMinutes": return sign * (m.seconds / 60)
        case "getSeconds": return sign * m.seconds
        case "getMilliseconds": return sign * ((m.seconds * 1000 + m.nanos / 1_000_000) % 1000)
        default: throw CELError.noOverload(name, .duration(d))
        }
    }
}
