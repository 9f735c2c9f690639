/// Extension library (see register).
enum KubernetesLib {
    static func register(into env: inout CELEnvironment) {}
}
