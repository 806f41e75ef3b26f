import Foundation
import ParleyAnalysis
import ParleyEngine
import ParleyLanguage

/// One self-contained HTML file describing what a scenario did: fan charts of its series over
/// time, policy comparisons with paired differences, tornado plots of sensitivity, the claims'
/// verdicts, the parameter table, and the exact command and seed to reproduce it all.
///
/// The file needs nothing else: no scripts, no fonts, no network; charts are inline SVG with a
/// `<title>` and `<desc>` each, drawn with shapes and line styles that survive black-and-white
/// print. Sections without content are left out, and the output depends only on the inputs, so
/// two reports of the same runs are byte-identical.
///
/// ```swift
/// var report = HTMLReport(title: "korea-2021", scenario: scenario,
///                         command: HTMLReport.commandLine(CommandLine.arguments), seed: 1)
/// report.addEnsemble(summary, label: "calibrated")
/// report.addComparison(comparison)
/// report.addClaims(verdicts, runs: 2000)
/// try report.write(to: URL(fileURLWithPath: "report.html"))
/// ```
public struct HTMLReport: Sendable {
    /// An ensemble and the name it is shown under.
    public struct LabelledEnsemble: Sendable, Equatable {
        /// The name of the ensemble's panel (a policy, a setting).
        public var label: String
        /// The ensemble's summaries.
        public var summary: EnsembleSummary
    }

    /// One tornado plot's inputs.
    public struct SensitivityPanel: Sendable, Equatable {
        /// The plot's title.
        public var title: String
        /// What the bars measure.
        public var measure: String
        /// The factors.
        public var bars: [SensitivityBar]
        /// Where bars start.
        public var baseline: Double
        /// How the values were obtained, in a sentence, shown under the plot.
        public var method: String?
    }

    /// The page's title and main heading.
    public var title: String
    /// The scenario the runs came from: its parameters, metrics' descriptions and clock.
    public var scenario: Scenario
    /// The command line that produced the results, shown verbatim to reproduce them.
    public var command: String
    /// The seed of the runs.
    public var seed: UInt64
    /// The ensembles added, in order.
    public private(set) var ensembles: [LabelledEnsemble] = []
    /// The policy comparisons added, in order.
    public private(set) var comparisons: [PolicyComparisonResult] = []
    /// Each comparison's label, if it was given one.
    public private(set) var comparisonLabels: [String?] = []
    /// The sensitivity plots added, in order.
    public private(set) var sensitivities: [SensitivityPanel] = []
    /// The claims' verdicts added.
    public private(set) var claims: [ClaimVerdict] = []
    /// Paired runs per claim, if known.
    public private(set) var claimRuns: Int?
    /// Sections added by other reports (a backtest), shown before the parameters.
    var extraSections: [Section] = []

    /// Creates an empty report.
    ///
    /// - Parameters:
    ///   - title: the page title (usually the scenario's name and what was run).
    ///   - scenario: the compiled scenario.
    ///   - command: the command line to reproduce the results; ``commandLine(_:)`` quotes
    ///     `CommandLine.arguments` for a shell.
    ///   - seed: the seed of the runs.
    public init(title: String, scenario: Scenario, command: String, seed: UInt64) {
        self.title = title
        self.scenario = scenario
        self.command = command
        self.seed = seed
    }

    /// Adds an ensemble: each of its series metrics gets a fan chart (one panel per ensemble
    /// added), and its metrics a summary table.
    public mutating func addEnsemble(_ summary: EnsembleSummary, label: String) {
        ensembles.append(LabelledEnsemble(label: label, summary: summary))
    }

    /// Adds a policy comparison: a fan chart per series metric with one panel per policy, a
    /// dot-and-whisker chart per other metric with paired differences, and the numbers in a table.
    ///
    /// - Parameter label: what distinguishes this comparison from the others in the report (a
    ///   sweep point such as `sanctions_2021=0.9`); it goes into the section's heading.
    public mutating func addComparison(_ result: PolicyComparisonResult, label: String? = nil) {
        comparisons.append(result)
        comparisonLabels.append(label)
    }

    /// Adds a tornado plot of sensitivity.
    ///
    /// - Parameters:
    ///   - bars: one per factor, in any order.
    ///   - title: the plot's title, e.g. `Sensitivity of warheads_jan_2025`.
    ///   - measure: what the bars measure, e.g. `total Sobol index`.
    ///   - baseline: where bars start (0 for effects and indices).
    ///   - method: how the values were obtained, in a sentence.
    public mutating func addSensitivity(_ bars: [SensitivityBar], title: String = "Sensitivity", measure: String = "effect",
                                        baseline: Double = 0, method: String? = nil) {
        sensitivities.append(SensitivityPanel(title: title, measure: measure, bars: bars, baseline: baseline, method: method))
    }

    /// Adds claims' verdicts (from ``ClaimEvaluation/evaluate(_:claims:base:options:progress:)``).
    ///
    /// - Parameter runs: paired runs per claim, shown with the table.
    public mutating func addClaims(_ verdicts: [ClaimVerdict], runs: Int? = nil) {
        claims += verdicts
        if let runs { claimRuns = runs }
    }

    /// `arguments` as one line a POSIX shell reads back into the same arguments: arguments with
    /// spaces or shell metacharacters are single-quoted.
    ///
    /// ```swift
    /// HTMLReport.commandLine(["parley", "run", "--set", "x=a b"])   // parley run --set 'x=a b'
    /// ```
    public static func commandLine(_ arguments: [String]) -> String {
        arguments.map { argument in
            let plain = !argument.isEmpty && argument.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", "=", ":", ",", "+", "@", "%": true
                default: false
                }
            }
            return plain ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        .joined(separator: " ")
    }

    /// Writes the report to `url` atomically (a temporary file renamed into place), as UTF-8.
    ///
    /// - Throws: the file system's error if the file cannot be written.
    public func write(to url: URL) throws {
        try Data(render().utf8).write(to: url, options: .atomic)
    }

    /// The whole report as one HTML document.
    public func render() -> String {
        ReportPage.render(title: title, lede: scenario.summary, facts: overviewFacts(), sections: sections())
    }

    /// A section of the page: its anchor, heading, entries for the table of contents, and body.
    struct Section {
        var id: String
        var heading: String
        var entries: [(id: String, heading: String)] = []
        var body: String
    }

    /// The sections with content, in reading order.
    func sections() -> [Section] {
        var sections = [reproduceSection()]
        if let series = seriesSection() { sections.append(series) }
        if let periods = periodSection() { sections.append(periods) }
        if !ensembles.isEmpty { sections.append(summarySection()) }
        for (index, comparison) in comparisons.enumerated() {
            sections.append(comparisonSection(comparison, index: index))
        }
        if !sensitivities.isEmpty { sections.append(sensitivitySection()) }
        if !claims.isEmpty { sections.append(claimsSection()) }
        sections += extraSections
        sections.append(parameterSection())
        return sections
    }

    // MARK: - Sections

    private func overviewFacts() -> String {
        var facts: [(String, String)] = [("Scenario", scenario.name), ("File", scenario.file)]
        facts.append(("Seed", String(seed)))
        let runs = Set(ensembles.map(\.summary.runs) + comparisons.map(\.runs))
        if !runs.isEmpty { facts.append(("Runs", runs.sorted().map(String.init).joined(separator: ", "))) }
        facts.append(("Clock", "\(scenario.clock.steps) \(timeAxisTitle)\(scenario.clock.steps == 1 ? "" : "s")"
            + (scenario.clock.start.map { " from \($0)" } ?? "")))
        return ReportPage.facts(facts)
    }

    private func reproduceSection() -> Section {
        var writer = MarkupWriter()
        writer.element("p", text: "Run this command with the same version of Parley and the same scenario file to get the same numbers; "
            + "results do not depend on the number of threads.")
        writer.open("pre", [("class", "command")])
        writer.element("code", text: command)
        writer.close()
        writer.open("p")
        writer.write("Seed: ")
        writer.element("code", text: String(seed))
        writer.write(". Every policy and claim arm runs with the same seed, so run i of each meets the same parameter draws and events.")
        writer.close()
        return Section(id: "reproduce", heading: "Reproduce", body: writer.text)
    }

    var timeAxisTitle: String {
        scenario.clock.unit.rawValue
    }

    private func about(metric name: String) -> String? {
        scenario.metrics.first { $0.name == name }?.provenance.description
    }

    private func isSeries(metric name: String) -> Bool {
        scenario.metrics.first { $0.name == name }?.kind == .series
    }

    /// Fan charts of every series metric, one panel per labelled ensemble.
    func seriesCharts() -> [FanChart] {
        guard let first = ensembles.first else { return [] }
        return first.summary.metrics.enumerated().compactMap { index, metric in
            guard metric.kind == .series, !metric.series.isEmpty else { return nil }
            let fans = ensembles.compactMap { ensemble in
                ensemble.summary.metrics.first { $0.name == metric.name }.map { Fan(label: ensemble.label, series: $0.series) }
            }
            return FanChart(id: "fan-\(index)-\(Markup.identifier(metric.name))", metric: metric.name, unit: metric.unit,
                            about: about(metric: metric.name), stepLabels: first.summary.stepLabels,
                            timeAxisTitle: timeAxisTitle, fans: fans)
        }
    }

    private func seriesSection() -> Section? {
        let charts = seriesCharts()
        guard !charts.isEmpty else { return nil }
        var writer = MarkupWriter()
        let labels = ensembles.map { "\($0.label) (\($0.summary.runs) runs)" }.joined(separator: ", ")
        writer.element("p", text: "Each chart follows one series metric through time over every run of \(labels). "
            + "The thick line is the median run at each \(timeAxisTitle); the nested bands hold the central 50% (darkest, solid edge), "
            + "80% (dashed edge) and 95% (lightest, dotted edge) of runs. Bands are per \(timeAxisTitle): they are not the paths of "
            + "individual runs.")
        for chart in charts { writer.insert(Self.figure(svg: chart.svg(), id: chart.id, caption: chart.title, about: chart.about)) }
        return Section(id: "series", heading: "Series over time", entries: charts.map { ("figure-" + $0.id, $0.metric) },
                       body: writer.text)
    }

    /// Fan charts of every metric aggregated `per:` a calendar period, one panel per labelled
    /// ensemble, with the periods as the time axis.
    func periodCharts() -> [FanChart] {
        guard let first = ensembles.first else { return [] }
        return first.summary.metrics.enumerated().compactMap { index, metric in
            guard let grid = metric.periodGrid, !metric.periods.isEmpty else { return nil }
            let fans = ensembles.compactMap { ensemble in
                ensemble.summary.metrics.first { $0.name == metric.name }.map { Fan(label: ensemble.label, series: $0.periods) }
            }
            return FanChart(id: "period-\(index)-\(Markup.identifier(metric.name))", metric: metric.name, unit: metric.unit,
                            about: about(metric: metric.name), stepLabels: grid.labels.indices.map(grid.displayLabel),
                            timeAxisTitle: grid.period.rawValue, fans: fans)
        }
    }

    private func periodSection() -> Section? {
        let charts = periodCharts()
        guard !charts.isEmpty else { return nil }
        var writer = MarkupWriter()
        let labels = ensembles.map { "\($0.label) (\($0.summary.runs) runs)" }.joined(separator: ", ")
        writer.element("p", text: "Each chart shows one metric aggregated per calendar period (per:) over every run of \(labels): "
            + "the thick line is the median run's value in each period, the nested bands the central 50%, 80% and 95% of runs. "
            + "A period marked (partial) is covered only in part by the scenario's clock, so its value covers less time.")
        for chart in charts { writer.insert(Self.figure(svg: chart.svg(), id: chart.id, caption: chart.title, about: chart.about)) }
        return Section(id: "periods", heading: "By period", entries: charts.map { ("figure-" + $0.id, $0.metric) },
                       body: writer.text)
    }

    private func summarySection() -> Section {
        var writer = MarkupWriter()
        writer.element("p", text: "Each metric's distribution over runs: the mean and standard deviation, and the 10th, 50th and 90th "
            + "percentiles (the central 80% of runs lies between p10 and p90). Series metrics show their last value.")
        for ensemble in ensembles {
            writer.element("h3", text: "\(ensemble.label) — \(ensemble.summary.runs) runs, seed \(ensemble.summary.seed)")
            writer.insert(ReportTables.metrics(ensemble.summary, scenario: scenario))
        }
        return Section(id: "metrics", heading: "Metrics", body: writer.text)
    }

    /// The charts of one comparison: fans per series metric, then one comparison chart per other metric.
    func comparisonCharts(_ result: PolicyComparisonResult, index: Int) -> (fans: [FanChart], metrics: [ComparisonChart]) {
        let prefix = "compare-\(index)"
        var fans: [FanChart] = []
        if let first = result.paired.arms.first {
            for (metricIndex, metric) in first.metrics.enumerated() where metric.kind == .series && !metric.series.isEmpty {
                let armFans = zip(result.arms, result.paired.arms).map { name, arm in
                    Fan(label: name, series: metricIndex < arm.metrics.count ? arm.metrics[metricIndex].series : [])
                }
                fans.append(FanChart(id: "\(prefix)-fan-\(metricIndex)-\(Markup.identifier(metric.name))", metric: metric.name,
                                     unit: metric.unit, about: about(metric: metric.name), stepLabels: first.stepLabels,
                                     timeAxisTitle: timeAxisTitle, fans: armFans))
            }
        }
        let seriesNames = Set(result.paired.arms.first?.metrics.filter { $0.kind == .series }.map(\.name) ?? [])
        let metrics = result.metrics.enumerated().compactMap { metricIndex, metric -> ComparisonChart? in
            guard !seriesNames.contains(metric.metric), !isSeries(metric: metric.metric) else { return nil }
            return ComparisonChart(id: "\(prefix)-metric-\(metricIndex)-\(Markup.identifier(metric.metric))", comparison: metric,
                                   about: about(metric: metric.metric), runs: result.runs)
        }
        return (fans, metrics)
    }

    private func comparisonSection(_ result: PolicyComparisonResult, index: Int) -> Section {
        let id = comparisons.count == 1 ? "comparison" : "comparison-\(index + 1)"
        let reference = result.arms.first ?? ""
        let (fans, charts) = comparisonCharts(result, index: index)
        var writer = MarkupWriter()
        writer.element("p", text: "\(result.arms.count) policies — \(result.arms.joined(separator: ", ")) — each ran the same "
            + "\(result.runs) runs (seed \(result.seed)): run i of every policy draws the same parameters and meets the same random "
            + "events, so the differences are due to the policies. Differences are taken against \(reference), run by run; their "
            + "95% confidence intervals (Student's t over paired runs) are far narrower than the spread of runs.")
        var entries: [(id: String, heading: String)] = []
        if !fans.isEmpty {
            let heading = "Series by policy"
            writer.element("h3", [("id", "\(id)-series")], text: heading)
            writer.element("p", text: "One panel per policy on a shared scale, then every policy's median overlaid, told apart by line "
                + "style and marker.")
            for chart in fans { writer.insert(Self.figure(svg: chart.svg(), id: chart.id, caption: chart.title, about: chart.about)) }
            entries.append(("\(id)-series", heading))
        }
        if !charts.isEmpty {
            let heading = "Metrics by policy"
            writer.element("h3", [("id", "\(id)-metrics")], text: heading)
            writer.element("p", text: "Left: each policy's mean (marker) and the central 80% of runs (whisker). Right: the mean paired "
                + "difference from \(reference) and its 95% confidence interval; the dashed line is no difference. A filled marker "
                + "means the interval excludes zero, a hollow one that it includes zero.")
            for chart in charts { writer.insert(Self.figure(svg: chart.svg(), id: chart.id, caption: chart.title, about: chart.about)) }
            entries.append(("\(id)-metrics", heading))
        }
        let tableHeading = "The numbers"
        writer.element("h3", [("id", "\(id)-table")], text: tableHeading)
        writer.insert(ReportTables.comparison(result))
        entries.append(("\(id)-table", tableHeading))
        var heading = comparisons.count == 1 ? "Policy comparison" : "Policy comparison \(index + 1)"
        if let label = comparisonLabels[index] { heading += ": " + label }
        return Section(id: id, heading: heading, entries: entries, body: writer.text)
    }

    /// The tornado charts, one per sensitivity panel.
    func tornadoCharts() -> [TornadoChart] {
        sensitivities.enumerated().map { index, panel in
            TornadoChart(id: "tornado-\(index)", title: panel.title, measure: panel.measure, bars: panel.bars, baseline: panel.baseline)
        }
    }

    private func sensitivitySection() -> Section {
        var writer = MarkupWriter()
        writer.element("p", text: "Which inputs matter: one bar per factor, the most influential on top. A bar runs from the baseline "
            + "to the factor's value; the whisker is its interval (a confidence interval, or the effects at the factor's low and high "
            + "settings).")
        let charts = tornadoCharts()
        for (chart, panel) in zip(charts, sensitivities) {
            writer.insert(Self.figure(svg: chart.svg(), id: chart.id, caption: chart.title, about: panel.method))
        }
        return Section(id: "sensitivity", heading: "Sensitivity", entries: charts.map { ("figure-" + $0.id, $0.title) },
                       body: writer.text)
    }

    private func claimsSection() -> Section {
        var writer = MarkupWriter()
        let counts = Dictionary(grouping: claims, by: \.verdict).mapValues(\.count)
        let tally = [ClaimVerdict.Verdict.supported, .contradicted, .inconclusive].map { "\(counts[$0] ?? 0) \($0.rawValue)" }
        writer.element("p", text: "Each claim is a paired comparison of two arms on one metric"
            + (claimRuns.map { ", over \($0) paired runs," } ?? "")
            + " judged by the 95% confidence interval of the mean difference (alternative − baseline) against the claim's margin: "
            + "supported when it lies confidently on the claimed side by at least the margin, contradicted when it confidently does not, "
            + "inconclusive otherwise. Here: \(tally.joined(separator: ", ")).")
        writer.insert(ReportTables.claims(claims))
        return Section(id: "claims", heading: "Claims", body: writer.text)
    }

    private func parameterSection() -> Section {
        var writer = MarkupWriter()
        writer.element("p", text: "Every parameter of \(scenario.name): the value used when parameters are fixed, and the distribution "
            + "drawn once per run when uncertainty is on (draws outside the range are redrawn), with the unit and the source.")
        writer.insert(ReportTables.parameters(scenario))
        return Section(id: "parameters", heading: "Parameters", body: writer.text)
    }

    static func figure(svg: String, id: String, caption: String, about: String?) -> String {
        var writer = MarkupWriter()
        writer.newline()
        writer.open("figure", [("id", "figure-" + id), ("class", "chart-figure")])
        writer.newline()
        writer.insert(svg)
        writer.newline()
        writer.open("figcaption")
        writer.element("strong", text: caption)
        if let about, !about.isEmpty { writer.write(" — " + about) }
        writer.close()
        writer.close()
        return writer.text
    }
}
