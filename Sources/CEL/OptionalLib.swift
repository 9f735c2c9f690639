/// Extension library (see register).
enum OptionalLib {
    static func register(into env: inout CELEnvironment) {}
}
