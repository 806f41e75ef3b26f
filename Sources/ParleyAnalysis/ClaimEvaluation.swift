import ParleyEngine
import ParleyLanguage
import ParleyNumerics

/// The model's answer to one claim.
public struct ClaimVerdict: Sendable, Equatable {
    /// How the evidence stands.
    public enum Verdict: String, Sendable, Equatable {
        /// The paired difference is confidently in the direction (and size) the claim states.
        case supported
        /// The paired difference is confidently not what the claim states.
        case contradicted
        /// The interval is too wide, or straddles the margin.
        case inconclusive
    }

    /// The claim's name.
    public var claim: String
    /// The claim in words.
    public var statement: String
    /// Where the claim comes from.
    public var source: String?
    /// The metric compared.
    public var metric: String
    /// The metric's unit.
    public var unit: String?
    /// The metric's mean under the baseline and the alternative.
    public var baselineMean: Double, alternativeMean: Double
    /// The mean paired difference (alternative − baseline) and its 95% confidence interval.
    public var effect: Double
    public var interval: ConfidenceInterval
    /// What the claim expects, and the smallest difference that matters.
    public var expectation: Claim.Expectation
    public var margin: Double
    /// The verdict.
    public var verdict: Verdict
}

/// Poses each of a scenario's claims to the model as a paired comparison and judges it.
///
/// The verdict compares the 95% confidence interval of the mean paired difference d
/// (alternative − baseline, over runs with common random numbers) with the claim and its margin m:
///
/// | claim      | supported                  | contradicted            | otherwise    |
/// |------------|----------------------------|-------------------------|--------------|
/// | increase   | lower > 0 and mean d ≥ m   | upper < m               | inconclusive |
/// | decrease   | upper < 0 and mean d ≤ −m  | lower > −m              | inconclusive |
/// | no_effect  | −m < lower and upper < m   | lower > m or upper < −m | inconclusive |
///
/// A claim of no effect with margin 0 can never be supported: absence of an effect is only
/// shown against a stated size that would matter.
public enum ClaimEvaluation {
    /// The judgement of a paired difference's interval against a claim.
    public static func verdict(effect: Double, interval: ConfidenceInterval, expectation: Claim.Expectation,
                               margin: Double) -> ClaimVerdict.Verdict {
        switch expectation {
        case .increase:
            if interval.lower > 0, effect >= margin { return .supported }
            return interval.upper < margin ? .contradicted : .inconclusive
        case .decrease:
            if interval.upper < 0, effect <= -margin { return .supported }
            return interval.lower > -margin ? .contradicted : .inconclusive
        case .noEffect:
            if interval.lower > -margin, interval.upper < margin { return .supported }
            return interval.lower > margin || interval.upper < -margin ? .contradicted : .inconclusive
        }
    }

    /// The configuration of a claim's arm, on top of `base`.
    public static func configuration(of arm: Claim.Arm, base: RunConfiguration) -> RunConfiguration {
        var configuration = base
        for (actor, policy) in arm.policies { configuration.policies[actor] = policy }
        for (parameter, value) in arm.parameters { configuration.overrides[parameter] = value }
        return configuration
    }

    /// Evaluates `claims` (default: all of the scenario's), each on `options.runs` paired runs.
    public static func evaluate(
        _ scenario: Scenario, claims: [Claim]? = nil, base: RunConfiguration, options: EnsembleOptions,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws(RunError) -> [ClaimVerdict] {
        var verdicts: [ClaimVerdict] = []
        for (index, claim) in (claims ?? scenario.claims).enumerated() {
            let simulations = [claim.baseline, claim.alternative].map {
                Simulation(scenario: scenario, configuration: configuration(of: $0, base: base))
            }
            let done = index * options.runs
            let paired = try await Ensemble.runPaired(simulations, options: options) { progress?(done + $0) }
            let difference = paired.differences[1][claim.metric]
            let interval = difference.meanConfidenceInterval(level: 0.95)
            verdicts.append(ClaimVerdict(
                claim: claim.name, statement: claim.statement, source: claim.provenance.source,
                metric: scenario.metrics[claim.metric].name, unit: scenario.metrics[claim.metric].provenance.unit,
                baselineMean: paired.arms[0].metrics[claim.metric].summary.mean,
                alternativeMean: paired.arms[1].metrics[claim.metric].summary.mean,
                effect: difference.mean, interval: interval, expectation: claim.expectation, margin: claim.margin,
                verdict: verdict(effect: difference.mean, interval: interval, expectation: claim.expectation, margin: claim.margin)))
        }
        return verdicts
    }
}
