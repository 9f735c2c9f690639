/// Extension library (see register).
enum MathLib {
    static func register(into env: inout CELEnvironment) {}
}
