/// A checked, compiled scenario: every name resolved to an index, every expression compiled
/// once. It cannot hold an unresolved name, so the engine never looks anything up by string.
public struct Scenario: Sendable {
    /// The scenario's display name.
    public var name: String
    /// One paragraph on what the scenario is about.
    public var summary: String
    /// The file it was loaded from, as the user named it.
    public var file: String
    /// The time axis.
    public var clock: Clock
    /// Uncertain inputs, fixed for a run.
    public var parameters: [Parameter]
    /// The actors, each with its policies.
    public var actors: [Actor]
    /// The state variables.
    public var variables: [StateVariable]
    /// All actions of all actors. Their indices are also their history slots.
    public var actions: [Action]
    /// Scheduled, random and conditional events. Event `i` has history slot `actions.count + i`.
    public var events: [Event]
    /// Update rules applied after effects, simultaneously.
    public var dynamics: [Assignment]
    /// What is measured.
    public var metrics: [Metric]
    /// For each state variable read with `last(x, k)`, the largest k (0 if never).
    public var maximumLag: [Int]
    /// The deepest stack any expression needs.
    public var maximumStackDepth: Int
    /// Staged deals: ordered benchmarks, each matched to a reciprocal measure.
    public var roadmaps: [Roadmap]
    /// The claims the scenario is asked about (`parley claims`).
    public var claims: [Claim]
    /// Warnings found while checking (missing sources, unreachable rules, …).
    public var warnings: [Diagnostic]
    /// The calibration file whose parameter values this scenario uses, if any (`calibration:`).
    public var calibration: CalibrationSource?
    /// Whole posterior draws from the calibration file: runs that draw their parameters take one
    /// row for these parameters instead of drawing each alone (nil: every parameter is drawn alone).
    public var jointDraws: JointDraws?

    /// The number of history slots (actions then events).
    public var historySlotCount: Int { actions.count + events.count }

    /// Creates a compiled scenario. Normally made by ``ScenarioLoader``.
    public init(
        name: String, summary: String, file: String, clock: Clock, parameters: [Parameter], actors: [Actor],
        variables: [StateVariable], actions: [Action], events: [Event], dynamics: [Assignment], metrics: [Metric],
        roadmaps: [Roadmap] = [], claims: [Claim] = [], maximumLag: [Int], maximumStackDepth: Int, warnings: [Diagnostic]
    ) {
        self.name = name
        self.summary = summary
        self.file = file
        self.clock = clock
        self.parameters = parameters
        self.actors = actors
        self.variables = variables
        self.actions = actions
        self.events = events
        self.dynamics = dynamics
        self.metrics = metrics
        self.roadmaps = roadmaps
        self.claims = claims
        self.maximumLag = maximumLag
        self.maximumStackDepth = maximumStackDepth
        self.warnings = warnings
        self.calibration = nil
        self.jointDraws = nil
    }

    /// The index of the parameter with this name.
    public func parameterIndex(named name: String) -> Int? { parameters.firstIndex { $0.name == name } }
    /// The index of the actor with this key.
    public func actorIndex(named name: String) -> Int? { actors.firstIndex { $0.name == name } }
    /// The index of the metric with this name.
    public func metricIndex(named name: String) -> Int? { metrics.firstIndex { $0.name == name } }
    /// The index of the state variable with this name.
    public func variableIndex(named name: String) -> Int? { variables.firstIndex { $0.name == name } }

    /// The name of history slot `slot` (an action's or an event's).
    public func historySlotName(_ slot: Int) -> String {
        slot < actions.count ? actions[slot].name : events[slot - actions.count].name
    }
}

/// The time axis of a scenario.
public struct Clock: Sendable, Hashable {
    /// The length of a step.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case day, week, month, quarter, year
        /// An abstract step with no calendar (`clock: { steps: 100 }`).
        case step
    }

    /// The length of one step.
    public var unit: Unit
    /// How many steps a run has.
    public var steps: Int
    /// The first step's date, for calendar clocks.
    public var start: CalendarDate?
    /// The length of a step in years (`dt` in expressions).
    public var stepLength: Double
    /// The date (day number) at the start of each step, and one more for the end of the run.
    public var dayNumbers: [Double]

    /// Creates a clock.
    public init(unit: Unit, steps: Int, start: CalendarDate?, stepLength: Double) {
        self.unit = unit
        self.steps = steps
        self.start = start
        self.stepLength = stepLength
        self.dayNumbers = (0...steps).map { Clock.date(of: $0, start: start, unit: unit)?.dayNumber ?? Double($0) }
    }

    /// The calendar date at the start of step `step` (nil for abstract clocks).
    public func date(ofStep step: Int) -> CalendarDate? { Clock.date(of: step, start: start, unit: unit) }

    /// A label for step `step`: its date, or `step N`.
    public func label(ofStep step: Int) -> String {
        date(ofStep: step).map(\.description) ?? "step \(step)"
    }

    static func date(of step: Int, start: CalendarDate?, unit: Unit) -> CalendarDate? {
        guard let start else { return nil }
        switch unit {
        case .day: return start.addingDays(step)
        case .week: return start.addingDays(7 * step)
        case .month: return start.addingMonths(step)
        case .quarter: return start.addingMonths(3 * step)
        case .year: return start.addingMonths(12 * step)
        case .step: return nil
        }
    }

    /// The step whose period contains the given day number, if any.
    public func step(containing dayNumber: Double) -> Int? {
        guard start != nil else { return nil }
        for step in 0..<steps where dayNumbers[step] <= dayNumber && dayNumber < dayNumbers[step + 1] {
            return step
        }
        return nil
    }
}

/// Where a number comes from, so that reports can show it and critics can check it.
public struct Provenance: Sendable, Hashable {
    /// The `source:` text (`assumption`, `calibrated`, a citation), or nil when missing.
    public var source: String?
    /// The unit, if given.
    public var unit: String?
    /// A free description.
    public var description: String?

    /// Creates a provenance record.
    public init(source: String? = nil, unit: String? = nil, description: String? = nil) {
        self.source = source
        self.unit = unit
        self.description = description
    }
}

/// An uncertain input: a value, optionally a distribution, and its provenance.
public struct Parameter: Sendable, Hashable {
    /// The name used in expressions.
    public var name: String
    /// `number` or `boolean`.
    public var type: ValueType
    /// The value used when parameters are not drawn (`--central`; booleans as 0/1).
    public var value: Double
    /// The distribution each run draws from (unless `--central`).
    public var distribution: Distribution?
    /// Draws outside these bounds are redrawn (truncation).
    public var minimum: Double?
    /// Draws outside these bounds are redrawn (truncation).
    public var maximum: Double?
    /// Source, unit and description.
    public var provenance: Provenance
    /// Where it is declared.
    public var location: SourceLocation
}

/// A probability distribution for a parameter.
public enum Distribution: Sendable, Hashable, CustomStringConvertible {
    case uniform(lower: Double, upper: Double)
    case logUniform(lower: Double, upper: Double)
    case normal(mean: Double, standardDeviation: Double)
    case logNormal(mu: Double, sigma: Double)
    case triangular(lower: Double, mode: Double, upper: Double)
    case pert(lower: Double, mode: Double, upper: Double)
    case beta(alpha: Double, beta: Double, lower: Double, upper: Double)
    case gamma(shape: Double, scale: Double)
    case bernoulli(probability: Double)
    case choice([Double])

    /// The smallest and largest value a draw can take (infinite for unbounded tails).
    public var support: ClosedRange<Double> {
        switch self {
        case let .uniform(a, b), let .logUniform(a, b): a...b
        case .normal: -Double.infinity...Double.infinity
        case .logNormal, .gamma: 0...Double.infinity
        case let .triangular(a, _, b), let .pert(a, _, b), let .beta(_, _, a, b): a...b
        case .bernoulli: 0...1
        case let .choice(values): (values.min() ?? 0)...(values.max() ?? 0)
        }
    }

    /// The distribution as it would be written in a scenario.
    public var description: String {
        func n(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
        switch self {
        case let .uniform(a, b): return "uniform(\(n(a)), \(n(b)))"
        case let .logUniform(a, b): return "loguniform(\(n(a)), \(n(b)))"
        case let .normal(m, s): return "normal(\(n(m)), \(n(s)))"
        case let .logNormal(m, s): return "lognormal(\(n(m)), \(n(s)))"
        case let .triangular(a, m, b): return "triangular(\(n(a)), \(n(m)), \(n(b)))"
        case let .pert(a, m, b): return "pert(\(n(a)), \(n(m)), \(n(b)))"
        case let .beta(a, b, lo, hi):
            return lo == 0 && hi == 1 ? "beta(\(n(a)), \(n(b)))" : "beta(\(n(a)), \(n(b)), \(n(lo)), \(n(hi)))"
        case let .gamma(k, s): return "gamma(\(n(k)), \(n(s)))"
        case let .bernoulli(p): return "bernoulli(\(n(p)))"
        case let .choice(values): return "choice(\(values.map(n).joined(separator: ", ")))"
        }
    }
}

/// A party to the standoff.
public struct Actor: Sendable, Hashable {
    /// The key used in names (`dprk` in `dprk.missile_test`).
    public var name: String
    /// The name people read (`North Korea`).
    public var displayName: String
    /// Source, description.
    public var provenance: Provenance
    /// The actor's policies; a run uses one of them.
    public var policies: [Policy]
    /// The policy used unless the user picks another (index into `policies`), nil if it has none.
    public var defaultPolicy: Int?
    /// The probability that the actor's chosen action comes out as its `flip:` (or not at all).
    public var implementationError: Code?
    /// The probability that the actor misreads another's action as that action's `flip:`.
    public var perceptionError: Code?
    /// Indices of this actor's actions.
    public var actions: [Int]
    /// Where it is declared.
    public var location: SourceLocation

    /// The index of the policy with this name.
    public func policyIndex(named name: String) -> Int? { policies.firstIndex { $0.name == name } }
}

/// A move an actor can make.
public struct Action: Sendable, Hashable {
    /// The qualified name, `actor.action`.
    public var name: String
    /// The name within its actor.
    public var localName: String
    /// The actor's index.
    public var actor: Int
    /// The condition under which the action is available (nil: always).
    public var requires: Code?
    /// State changes, applied in order.
    public var effects: [Assignment]
    /// The Goldstein (1992) conflict–cooperation score of the act, from −10 to +10.
    public var goldstein: Double
    /// The action it turns into under implementation error and is mistaken for under perception error.
    public var flip: Int?
    /// Source, description.
    public var provenance: Provenance
    /// Where it is declared.
    public var location: SourceLocation
}

/// `variable := code`, clamped to the variable's bounds.
public struct Assignment: Sendable, Hashable {
    /// The state variable written.
    public var variable: Int
    /// The new value.
    public var code: Code
}

/// A state variable.
public struct StateVariable: Sendable, Hashable {
    /// The name, possibly actor-qualified (`dprk.warheads`).
    public var name: String
    /// `number` or `boolean`.
    public var type: ValueType
    /// The initial value (may use parameters).
    public var initial: Code
    /// Lower bound; values below are raised to it.
    public var minimum: Double?
    /// Upper bound; values above are lowered to it.
    public var maximum: Double?
    /// Source, unit and description.
    public var provenance: Provenance
    /// Where it is declared.
    public var location: SourceLocation
    /// The roadmap that computes this variable (`NAME.step`, …); nil for variables the scenario declares.
    public var computedBy: String?
}

/// A policy: how an actor chooses its actions each step — one decision, or several decision
/// tracks made in the same step (`tracks:`), each choosing among its own actions.
public struct Policy: Sendable, Hashable {
    /// How one decision is made.
    public enum Kind: Sendable, Hashable {
        /// Ordered rules: the first whose condition holds and whose actions are available acts.
        case rules([Rule])
        /// Discrete choice: P(a) ∝ exp(utility(a) / temperature) over available actions.
        case choice(temperature: Code, options: [ChoiceOption])
        /// A strategy from the games library, playing two of the actor's actions as C and D.
        case builtin(BuiltinPolicy)
    }

    /// One decision of a policy. A policy without `tracks:` has one track without a name; with
    /// `tracks:`, every track decides in the same step, on the same state, among actions no other
    /// track decides, and the actor performs what they all chose.
    public struct Track: Sendable, Hashable {
        /// The track's name (`testing`), nil for a policy without `tracks:`.
        public var name: String?
        /// How it decides.
        public var kind: Kind
        /// Where it is declared.
        public var location: SourceLocation

        /// Creates a track.
        public init(name: String?, kind: Kind, location: SourceLocation) {
            self.name = name
            self.kind = kind
            self.location = location
        }
    }

    /// The policy's name (`calibrated`).
    public var name: String
    /// Its decisions, made in this order within a step (each from the actor's own random stream).
    public var tracks: [Track]
    /// Source, description.
    public var provenance: Provenance
    /// Where it is declared.
    public var location: SourceLocation
}

/// One rule of a rule-based policy.
public struct Rule: Sendable, Hashable {
    /// The condition (nil: always).
    public var condition: Code?
    /// The actions taken together when the rule fires.
    public var actions: [Int]
    /// Where the rule is.
    public var location: SourceLocation
}

/// One option of a discrete-choice policy.
public struct ChoiceOption: Sendable, Hashable {
    /// The action.
    public var action: Int
    /// Its utility.
    public var utility: Code
}

/// A repeated-game strategy used as a policy: the actor's two actions play cooperate and defect,
/// and a condition tells the strategy whether the opponent defected in the latest step.
public struct BuiltinPolicy: Sendable, Hashable {
    /// The strategy's key in the games catalogue (`tit_for_tat`).
    public var strategy: String
    /// Strategy parameters overriding its defaults.
    public var parameters: [String: Double]
    /// The action played as cooperation.
    public var cooperate: Int
    /// The action played as defection.
    public var defect: Int
    /// Whether the opponent is seen to have defected in the latest visible step (evaluated in
    /// the actor's own eyes, so perception error applies).
    public var opponentDefected: Code
}

/// Something that happens to the world rather than an actor's choice.
public struct Event: Sendable, Hashable {
    /// When an event fires.
    public enum Trigger: Sendable, Hashable {
        /// At the listed steps.
        case scheduled([Int])
        /// Each step with this probability.
        case hazard(Code)
        /// Each step in which this condition holds.
        case condition(Code)
        /// Fired by a roadmap (`NAME.agreed`, `NAME.verified`, `NAME.breached`), never by the events phase.
        case roadmap
    }

    /// The name (usable in `did`, `count`, `since`).
    public var name: String
    /// When it fires.
    public var trigger: Trigger
    /// The first step it may fire in.
    public var firstStep: Int
    /// The last step it may fire in.
    public var lastStep: Int
    /// Whether it fires at most once per run.
    public var once: Bool
    /// State changes, applied in order.
    public var effects: [Assignment]
    /// The Goldstein score of the event.
    public var goldstein: Double
    /// Source, description.
    public var provenance: Provenance
    /// Where it is declared.
    public var location: SourceLocation
}

/// Something measured in each run.
public struct Metric: Sendable, Hashable {
    /// How a metric's values become one number per run (or a series).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The expression at the end of the run.
        case final
        /// The expression after each step, kept as a series.
        case series
        /// The sum over steps.
        case sum
        /// The mean over steps.
        case mean
        /// The largest value over steps.
        case max
        /// The smallest value over steps.
        case min
    }

    /// The metric's name.
    public var name: String
    /// How it aggregates.
    public var kind: Kind
    /// The expression measured.
    public var code: Code
    /// Unit and description.
    public var provenance: Provenance
    /// For a metric aggregated `per:` a calendar period, the clock's periods: each run then has
    /// one value per period besides its value over the whole run (nil: no `per:`).
    public var periods: PeriodGrid? = nil
}

/// A staged deal: ordered benchmarks, each matched to a reciprocal measure, verified with some
/// probability, due by a deadline, and snapped back on breach.
///
/// The roadmap's progress lives in state variables it computes (`NAME.step`, `NAME.active`,
/// `NAME.completed`, `NAME.collapses`, `NAME.progress`) and in history slots for `did`/`count`
/// (`NAME.agreed`, `NAME.verified`, `NAME.breached`).
public struct Roadmap: Sendable, Hashable {
    /// One benchmark and the measure that reciprocates it.
    public struct Step: Sendable, Hashable {
        /// The benchmark's name (`testing_freeze`).
        public var name: String
        /// Whether the benchmark is being met in the current step (the truth).
        public var benchmark: Code
        /// The probability per step that meeting the benchmark is verified.
        public var verification: Code
        /// Steps allowed after the benchmark opens (nil: no deadline).
        public var deadline: Int?
        /// The reciprocal measure, applied once when the benchmark is verified.
        public var reward: [Assignment]
        /// Where the step is declared.
        public var location: SourceLocation
    }

    /// The roadmap's name.
    public var name: String
    /// When the deal is agreed (and, after a collapse, agreed again).
    public var startsWhen: Code
    /// What counts as a breach while the deal is active (nil: only missed deadlines collapse it).
    public var breach: Code?
    /// Applied when the deal collapses (breach or missed deadline).
    public var snapback: [Assignment]
    /// The benchmarks in order.
    public var steps: [Step]
    /// The state variables it computes: step, active, completed, collapses, progress.
    public var stepVariable: Int, activeVariable: Int, completedVariable: Int, collapsesVariable: Int, progressVariable: Int
    /// Its history slots: agreed, verified, breached.
    public var agreedSlot: Int, verifiedSlot: Int, breachedSlot: Int
    /// Source and description.
    public var provenance: Provenance
    /// Where it is declared.
    public var location: SourceLocation
}

/// One of the claims a scenario is asked about: two arms that differ in a policy or a parameter,
/// a metric, and what the claim says the difference (alternative − baseline) should be.
public struct Claim: Sendable, Hashable {
    /// What the claim says about the paired difference of the metric, alternative − baseline.
    public enum Expectation: String, Sendable, Hashable, CaseIterable {
        /// The alternative raises the metric by at least the margin.
        case increase
        /// The alternative lowers the metric by at least the margin.
        case decrease
        /// The alternative changes the metric by less than the margin either way.
        case noEffect = "no_effect"
    }

    /// One arm: policies chosen by actor index and parameters fixed by index.
    public struct Arm: Sendable, Hashable {
        /// Policy index per actor index, for the actors the arm sets.
        public var policies: [Int: Int]
        /// Parameter values by parameter index.
        public var parameters: [Int: Double]
    }

    /// The claim's name.
    public var name: String
    /// The claim in words, as the source states it.
    public var statement: String
    /// The metric compared.
    public var metric: Int
    /// The arm the claim is measured from.
    public var baseline: Arm
    /// The arm it is measured to.
    public var alternative: Arm
    /// What the claim says about alternative − baseline.
    public var expectation: Expectation
    /// The smallest difference that matters, in the metric's unit (0: any).
    public var margin: Double
    /// Source and description.
    public var provenance: Provenance
    /// Where it is declared.
    public var location: SourceLocation
}
