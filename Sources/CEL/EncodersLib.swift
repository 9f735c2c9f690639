/// Extension library (see register).
enum EncodersLib {
    static func register(into env: inout CELEnvironment) {}
}
