import ParleyLanguage

/// Why a run stopped before its end.
public struct RunError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The expression whose value was not a finite number.
    public var expression: String
    /// Where the expression is written.
    public var location: SourceLocation
    /// What the expression was computing (`the new value of tension`, `the hazard of us_distracted`).
    public var role: String
    /// The step at which it happened, as a date or `step N`.
    public var step: String
    /// The value produced (NaN or ±infinity).
    public var value: Double
    /// The run's index within its ensemble.
    public var run: Int

    /// `file:line:column: error: … at step …`, with a hint.
    public var description: String {
        "\(location): error: \(role) is \(value) (not a finite number) at \(step) in run \(run)\n"
            + "    expression: \(expression)\n"
            + "    hint: look for a division by zero, log of 0 or less, or growth without a bound (add max: to the state variable)"
    }
}
