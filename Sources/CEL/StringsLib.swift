/// Extension library (see register).
enum StringsLib {
    static func register(into env: inout CELEnvironment) {}
}
