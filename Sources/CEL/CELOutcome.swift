/// The result of evaluating a program.
public enum CELOutcome: Sendable {
    /// The expression evaluated to a value.
    case value(CELValue)
    /// The evaluation failed.
    case error(CELError)
    /// The result depends on values not known yet; `attributes` are the sorted, deduplicated
    /// trails of those values, like `"resource.kms_key_id"`.
    case unknown(attributes: [String])
}
