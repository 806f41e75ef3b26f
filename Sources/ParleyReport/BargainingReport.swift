import Foundation

/// A bargaining model's run on one actor table, as plain values for output: the actors, the
/// positions and the forecast by round. The report module renders it without knowing the
/// bargaining library; `parley bargain run` fills it in.
///
/// JSON is this structure with sorted keys; CSV and the text table have one row per round and
/// dimension, with the forecast, the weighted mean and every actor's position.
public struct BargainingDocument: Sendable, Equatable, Codable {
    /// One actor's fixed attributes.
    public struct Actor: Sendable, Equatable, Codable {
        /// The name.
        public var name: String
        /// Capability.
        public var capability: Double
        /// Salience per dimension (0 to 1).
        public var saliences: [Double]
        /// Starting position per dimension.
        public var positions: [Double]
        /// Sources by field, as the table gives them.
        public var sources: [String: String]

        /// Creates an actor.
        public init(name: String, capability: Double, saliences: [Double], positions: [Double], sources: [String: String]) {
            self.name = name
            self.capability = capability
            self.saliences = saliences
            self.positions = positions
            self.sources = sources
        }
    }

    /// The state after one round.
    public struct Round: Sendable, Equatable, Codable {
        /// 0 for the starting positions.
        public var round: Int
        /// Positions, actor × dimension.
        public var positions: [[Double]]
        /// The forecast per dimension.
        public var forecast: [Double]
        /// The capability × salience weighted mean per dimension.
        public var mean: [Double]

        /// Creates a round.
        public init(round: Int, positions: [[Double]], forecast: [Double], mean: [Double]) {
            self.round = round
            self.positions = positions
            self.forecast = forecast
            self.mean = mean
        }
    }

    /// The table's name and its title, if any.
    public var table: String
    public var title: String?
    /// Where the table comes from, if it says.
    public var source: String?
    /// The model's name and what it is.
    public var model: String
    public var modelSummary: String
    /// The dimensions' names.
    public var dimensions: [String]
    /// The reference point per dimension, if known.
    public var reference: [Double]?
    /// The actors.
    public var actors: [Actor]
    /// The rounds, starting with round 0.
    public var rounds: [Round]
    /// The forecast outcome per dimension.
    public var outcome: [Double]
    /// Why the model stopped.
    public var stopReason: String

    /// Creates a document.
    public init(table: String, title: String?, source: String?, model: String, modelSummary: String, dimensions: [String],
                reference: [Double]?, actors: [Actor], rounds: [Round], outcome: [Double], stopReason: String) {
        self.table = table
        self.title = title
        self.source = source
        self.model = model
        self.modelSummary = modelSummary
        self.dimensions = dimensions
        self.reference = reference
        self.actors = actors
        self.rounds = rounds
        self.outcome = outcome
        self.stopReason = stopReason
    }

    /// One row per round and dimension: round, dimension, forecast, mean, each actor's position.
    public var roundTable: Table {
        var table = Table(columns: ["round"] + (dimensions.count > 1 ? ["dimension"] : []) + ["forecast", "mean"] + actors.map(\.name),
                          alignments: [.right] + (dimensions.count > 1 ? [.left] : []) + Array(repeating: .right, count: 2 + actors.count))
        for round in rounds {
            for (index, dimension) in dimensions.enumerated() {
                table.append(["\(round.round)"] + (dimensions.count > 1 ? [dimension] : [])
                    + [Self.number(round.forecast[index]), Self.number(round.mean[index])]
                    + round.positions.map { Self.number($0[index]) })
            }
        }
        return table
    }

    /// The document as text (a summary line and the round table), CSV, or JSON.
    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .json: return GamesOutput.encode(self)
        case .csv: return roundTable.renderCSV()
        case .table:
            let outcomeText = zip(dimensions, outcome).map { dimensions.count > 1 ? "\($0) \(Self.number($1))" : Self.number($1) }
                .joined(separator: ", ")
            let roundsText = rounds.count > 1 ? ", \(rounds.count - 1) round\(rounds.count == 2 ? "" : "s")" : ""
            return "\(table)\(title.map { " — \($0)" } ?? ""): \(actors.count) actors\n"
                + "\(model) (\(modelSummary)): forecast \(outcomeText) (\(stopReason)\(roundsText))\n\n" + roundTable.renderText()
        }
    }

    /// The HTML report: the forecast, a trajectory chart per dimension (every actor's position
    /// by round, the forecast thick), the rounds' numbers, the actors with their sources, and the
    /// command that reproduces it.
    public func html(command: String) -> String {
        var sections: [HTMLReport.Section] = []
        var writer = MarkupWriter()
        writer.element("p", text: "\(model): \(modelSummary). Forecast " + zip(dimensions, outcome).map { "\($0) \(Markup.number($1, significantDigits: 4))" }
            .joined(separator: ", ") + "; stopped: \(stopReason), after \(rounds.count - 1) round\(rounds.count == 2 ? "" : "s").")
        writer.open("pre", [("class", "command")])
        writer.element("code", text: command)
        writer.close()
        sections.append(HTMLReport.Section(id: "forecast", heading: "Forecast", body: writer.text))
        var charts = MarkupWriter()
        var entries: [(id: String, heading: String)] = []
        for (index, dimension) in dimensions.enumerated() {
            let series = actors.indices.map { actor in
                LineChart.Series(label: actors[actor].name, values: rounds.map { $0.positions[actor][index] })
            } + [LineChart.Series(label: "forecast (\(model))", values: rounds.map { $0.forecast[index] }, isEmphasised: true)]
            let chart = LineChart(id: "trajectory-\(index)", title: "\(dimension): positions by round",
                                  about: "each actor's position on \(dimension) by round, and the \(model) forecast",
                                  stepLabels: rounds.map { String($0.round) }, valueTitle: dimension, series: series)
            charts.insert(HTMLReport.figure(svg: chart.svg(), id: chart.id, caption: chart.title,
                                            about: "thin lines are actors (hover for their path), the thick line the forecast"))
            entries.append(("figure-" + chart.id, dimension))
        }
        sections.append(HTMLReport.Section(id: "trajectory", heading: "Trajectory", entries: entries, body: charts.text))
        sections.append(HTMLReport.Section(id: "rounds", heading: "Rounds",
                                           body: HTMLReport.htmlTable(roundTable, caption: "Forecast, weighted mean and positions by round")))
        var actorTable = Table(columns: ["actor", "capability", "salience", "start", "sources"], alignments: [.left, .right, .right, .right, .left])
        for actor in actors {
            let sources = actor.sources.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            actorTable.append([actor.name, Self.number(actor.capability), actor.saliences.map(Self.number).joined(separator: " "),
                               actor.positions.map(Self.number).joined(separator: " "), Array(Set(actor.sources.values)).count == 1
                                ? actor.sources.values.first ?? "" : sources.joined(separator: "; ")])
        }
        sections.append(HTMLReport.Section(id: "actors", heading: "Actors", body: HTMLReport.htmlTable(actorTable, caption: "The table as read")))
        var facts: [(String, String)] = [("Table", table), ("Model", model), ("Actors", String(actors.count))]
        if let reference { facts.append(("Reference point", reference.map { Markup.number($0) }.joined(separator: ", "))) }
        if let source { facts.append(("Source", source)) }
        return ReportPage.render(title: "\(table): \(model)", lede: title ?? "", facts: ReportPage.facts(facts), sections: sections)
    }

    /// A number for tables: up to four decimals, no trailing zeros.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

/// The errors of bargaining models on a set of decisions, as plain rows for output.
public struct BargainingValidationDocument: Sendable, Equatable, Codable {
    /// One model on one group of issues.
    public struct Row: Sendable, Equatable, Codable {
        public var model: String
        public var group: String
        public var issues: Int
        public var meanAbsoluteError: Double
        public var lower: Double
        public var upper: Double
        public var differenceFromCompromise: Double
        public var differenceLower: Double
        public var differenceUpper: Double
        public var roundLimitStops: Int

        /// Creates a row.
        public init(model: String, group: String, issues: Int, meanAbsoluteError: Double, lower: Double, upper: Double,
                    differenceFromCompromise: Double, differenceLower: Double, differenceUpper: Double, roundLimitStops: Int) {
            self.model = model
            self.group = group
            self.issues = issues
            self.meanAbsoluteError = meanAbsoluteError
            self.lower = lower
            self.upper = upper
            self.differenceFromCompromise = differenceFromCompromise
            self.differenceLower = differenceLower
            self.differenceUpper = differenceUpper
            self.roundLimitStops = roundLimitStops
        }
    }

    /// The file validated on, its issues with an outcome, and the bootstrap's settings.
    public var file: String
    public var issues: Int
    public var resamples: Int
    public var seed: UInt64
    /// The rows.
    public var rows: [Row]

    /// Creates a document.
    public init(file: String, issues: Int, resamples: Int, seed: UInt64, rows: [Row]) {
        self.file = file
        self.issues = issues
        self.resamples = resamples
        self.seed = seed
        self.rows = rows
    }

    /// The error table: model, group, issues, MAE with its interval, the paired difference from
    /// the compromise model with its interval, and round-limit stops.
    public var table: Table {
        var table = Table(columns: ["model", "issues", "group", "MAE", "95% interval", "vs compromise", "95% interval", "round-limit stops"],
                          alignments: [.left, .right, .left, .right, .right, .right, .right, .right])
        func fixed(_ value: Double) -> String { String(format: "%.2f", value) }
        func signed(_ value: Double) -> String { String(format: "%+.2f", value) }
        for row in rows {
            table.append([row.model, String(row.issues), row.group, fixed(row.meanAbsoluteError), "[\(fixed(row.lower)), \(fixed(row.upper))]",
                          signed(row.differenceFromCompromise), "[\(signed(row.differenceLower)), \(signed(row.differenceUpper))]",
                          String(row.roundLimitStops)])
        }
        return table
    }

    /// The document as text, CSV or JSON.
    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .json: return GamesOutput.encode(self)
        case .csv: return table.renderCSV()
        case .table:
            return "\(file): \(issues) issues with an outcome; bootstrap \(resamples) resamples (paired across models), seed \(seed)\n\n"
                + table.renderText()
        }
    }
}
