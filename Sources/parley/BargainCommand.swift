import ArgumentParser
import Foundation
import ParleyBargaining
import ParleyData
import ParleyReport

/// `parley bargain`: where a multi-actor negotiation lands, by several bargaining models.
struct BargainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bargain",
        abstract: "Forecast where a multi-actor negotiation lands (compromise, median, Nash, BDM, SMP, fitted).",
        discussion: """
            Models: \(BargainingModel.allCases.map(\.rawValue).joined(separator: ", ")).
            Shipped tables: \(ShippedData.bargainingTables.map(\.name).joined(separator: ", ")).
            Shipped DEU files: \(ShippedData.deuFiles.map(\.name).joined(separator: ", ")).

            Examples:
              parley bargain run eu-emissions --model bdm --rounds 8
              parley bargain run korea-relief-freeze --model smp --report korea.html
              parley bargain predict deu3-dev --model compromise --format csv
              parley bargain validate deu3-dev
              parley bargain fit deu3-dev --output data/bargaining/parley-model.json

            Exit status: 0 on success, 64 for bad command-line usage, 65 for bad data. See docs/bargaining.md.
            """,
        subcommands: [BargainRunCommand.self, BargainPredictCommand.self, BargainValidateCommand.self, BargainFitCommand.self,
                      BargainTablesCommand.self]
    )
}

extension BargainingModel: ExpressibleByArgument {}

/// Reading tables, DEU files and the fitted values for the bargain commands: a bad file stops
/// with its diagnostic on standard error and exit status 65.
enum BargainInput {
    /// A shipped table's name or a path, read as an actor table.
    static func table(_ argument: String) throws -> BargainingTable {
        let (url, name) = try locate(argument, shipped: ShippedData.bargainingTables, what: "table")
        return try readingData { () throws(BargainingDataError) in
            try ActorTableReader.read(bytes: try bytes(url, name), file: name, name: name)
        }
    }

    /// A shipped DEU file's name or a path, read as DEU issues.
    static func issues(_ argument: String) throws -> [DEUIssue] {
        let (url, name) = try locate(argument, shipped: ShippedData.deuFiles, what: "DEU file")
        return try readingData { () throws(BargainingDataError) in try DEUReader.read(bytes: try bytes(url, name), file: name) }
    }

    /// The fitted model's values from `path`, or the shipped ones.
    static func fitted(_ path: String?) throws -> FittedModel {
        let url = path.map { URL(fileURLWithPath: $0) } ?? ShippedData.bargainingModelFile
        guard let data = try? Data(contentsOf: url) else {
            Terminal.error("\(url.path): error: cannot read the fitted model's values\n    hint: write them with 'parley bargain fit'\n")
            throw ExitCode(65)
        }
        do {
            return try JSONDecoder().decode(FittedModel.self, from: data)
        } catch {
            Terminal.error("\(url.path):1:1: error: not a fitted model file (\(error.localizedDescription))\n    hint: write it with 'parley bargain fit'\n")
            throw ExitCode(65)
        }
    }

    private static func locate(_ argument: String, shipped: [(name: String, file: String)], what: String) throws -> (URL, String) {
        if let entry = shipped.first(where: { $0.name == argument }) {
            return (ShippedData.bargainingDirectory.appendingPathComponent(entry.file), entry.name)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ValidationError("no \(what) '\(argument)': give a file or one of \(shipped.map(\.name).joined(separator: ", "))")
        }
        return (URL(fileURLWithPath: argument), argument)
    }

    private static func bytes(_ url: URL, _ name: String) throws(BargainingDataError) -> [UInt8] {
        guard let data = try? Data(contentsOf: url) else {
            throw BargainingDataError(.unreadableFile, at: BargainingLocation(file: name, line: 1, column: 1), "the file cannot be read")
        }
        return Array(data)
    }

    private static func readingData<T>(_ body: () throws(BargainingDataError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            Terminal.error(error.description + "\n")
            throw ExitCode(65)
        }
    }
}

/// `parley bargain run TABLE --model NAME`: positions and the forecast by round.
struct BargainRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one model on an actor table: the forecast, and for BDM and SMP the positions by round.",
        discussion: """
            TABLE is a CSV file (actor,capability,position,salience[,risk][,source]; see docs/bargaining.md) or a shipped \
            table: \(ShippedData.bargainingTables.map(\.name).joined(separator: ", ")).

            Examples:
              parley bargain run eu-emissions --model bdm --rounds 8
              parley bargain run my-table.csv --model smp --format json
              parley bargain run korea-relief-freeze --model compromise --report korea.html
            """)

    @Argument(help: "An actor table (CSV) or a shipped table's name.")
    var table: String

    @Option(name: .long, help: "The model: \(BargainingModel.allCases.map(\.rawValue).joined(separator: ", ")).")
    var model: BargainingModel = .bdm

    @Option(name: .long, help: "Run exactly N rounds (BDM, SMP) instead of the stopping rule.")
    var rounds: Int?

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(name: .long, help: ArgumentHelp("Also write a self-contained HTML report with a trajectory chart to FILE.", valueName: "FILE"))
    var report: String?

    @Option(name: .long, help: ArgumentHelp("The fitted model's values (default: the shipped parley-model.json).", valueName: "FILE"))
    var modelFile: String?

    func validate() throws {
        if let rounds, !(1...10_000).contains(rounds) { throw ValidationError("--rounds must be between 1 and 10000") }
    }

    func run() throws {
        let loaded = try BargainInput.table(table)
        let fitted = model == .parley ? try BargainInput.fitted(modelFile) : nil
        let forecast = loaded.forecast(model, options: BargainingOptions(rounds: rounds), fitted: fitted)
        let document = BargainOutput.document(forecast, table: loaded)
        if let report {
            let html = document.html(command: HTMLReport.commandLine(["parley"] + CommandLine.arguments.dropFirst()))
            do {
                try Data(html.utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
            } catch {
                throw ValidationError("cannot write the report to \(report): \(error.localizedDescription)")
            }
        }
        print(document.render(format), terminator: "")
    }
}

/// `parley bargain predict DEU.tsv --model NAME`: one prediction per issue with an outcome.
struct BargainPredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict the outcome of every issue of a DEU file that has one.",
        discussion: """
            With --format csv the output is exactly the header issue,prediction and one row per issue with an outcome \
            (issue = the file's isnr), in the file's order.

            Examples:
              parley bargain predict deu3-dev --model compromise --format csv
              parley bargain predict my-deu.tsv --model bdm --format json
            """)

    @Argument(help: "A DEU III file (tab-separated) or a shipped one: \(ShippedData.deuFiles.map(\.name).joined(separator: ", ")).")
    var file: String

    @Option(name: .long, help: "The model: \(BargainingModel.allCases.map(\.rawValue).joined(separator: ", ")).")
    var model: BargainingModel = .compromise

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(name: .long, help: ArgumentHelp("The fitted model's values (default: the shipped parley-model.json).", valueName: "FILE"))
    var modelFile: String?

    func run() throws {
        let issues = try BargainInput.issues(file)
        let fitted = model == .parley ? try BargainInput.fitted(modelFile) : nil
        var table = Table(columns: ["issue", "prediction"], alignments: [.left, .right])
        for issue in issues where issue.outcome != nil {
            var options = BargainingOptions()
            options.procedure = issue.procedure
            options.votingRule = issue.votingRule
            let prediction = issue.table.forecast(model, options: options, fitted: fitted).outcome.first ?? .nan
            table.append([issue.id, BargainOutput.exact(prediction)])
        }
        print(BargainOutput.render(table, format: format), terminator: "")
    }
}

/// `parley bargain validate DEU.tsv`: every model's error with bootstrap intervals.
struct BargainValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Every model's mean absolute error on a DEU file, with bootstrap 95% intervals, on all issues and by procedure.",
        discussion: """
            The fitted model appears twice: with its shipped values (in sample when the file is the one it was fitted on) \
            and cross-validated (refitted fold by fold, predicting each issue from the other folds). The bootstrap resamples \
            issues, the same resamples for every model; the same seed gives the same numbers.

            Examples:
              parley bargain validate deu3-dev
              parley bargain validate deu3-dev --resamples 10000 --seed 7 --format csv
            """)

    @Argument(help: "A DEU III file (tab-separated) or a shipped one: \(ShippedData.deuFiles.map(\.name).joined(separator: ", ")).")
    var file: String

    @Option(name: .long, help: "Bootstrap resamples.")
    var resamples = 2000

    @Option(name: .long, help: "The bootstrap's seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @Option(name: .long, help: ArgumentHelp("The fitted model's values (default: the shipped parley-model.json).", valueName: "FILE"))
    var modelFile: String?

    func validate() throws {
        guard (10...1_000_000).contains(resamples) else { throw ValidationError("--resamples must be between 10 and 1000000") }
    }

    func run() throws {
        let issues = try BargainInput.issues(file)
        let fitted = try BargainInput.fitted(modelFile)
        let result = BargainingValidation.validate(issues, fitted: fitted, resamples: resamples, seed: seed)
        print(BargainOutput.validation(result, file: file).render(format), terminator: "")
    }
}

/// `parley bargain fit DEU.tsv`: fits Parley's own model by cross-validation.
struct BargainFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit Parley's own model on a DEU file by cross-validation and write its values as JSON.",
        discussion: """
            Every specification (compromise, exponents, pull, roles) is scored by K-fold cross-validation; the best is refitted \
            on every issue. The result depends only on the file, --folds and --seed.

            Examples:
              parley bargain fit deu3-dev --output data/bargaining/parley-model.json
            """)

    @Argument(help: "A DEU III file (tab-separated) or a shipped one: \(ShippedData.deuFiles.map(\.name).joined(separator: ", ")).")
    var file: String

    @Option(name: .long, help: "Cross-validation folds.")
    var folds = 10

    @Option(name: .long, help: "The seed of the folds' assignment.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Write the values to FILE (default: standard output).", valueName: "FILE"))
    var output: String?

    func validate() throws {
        guard (2...100).contains(folds) else { throw ValidationError("--folds must be between 2 and 100") }
    }

    func run() throws {
        let issues = try BargainInput.issues(file)
        var command = ["parley", "bargain", "fit", file, "--folds", String(folds), "--seed", String(seed)]
        if let output { command += ["--output", output] }
        let model = FittedModel.fit(issues, folds: folds, seed: seed, command: HTMLReport.commandLine(command))
        let text = GamesOutput.encode(model)
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            Terminal.error("wrote \(output): \(model.specification.rawValue), cross-validated error "
                + String(format: "%.2f", model.scores.first { $0.specification == model.specification }?.crossValidatedError ?? .nan) + "\n")
        } else {
            print(text, terminator: "")
        }
    }
}

/// `parley bargain tables`: the shipped tables.
struct BargainTablesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tables", abstract: "List the shipped actor tables and DEU files.")

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    func run() throws {
        var table = Table(columns: ["name", "actors", "dimensions", "reference", "title"], alignments: [.left, .right, .right, .right, .left])
        for entry in ShippedData.bargainingTables {
            let loaded = try BargainInput.table(entry.name)
            table.append([entry.name, String(loaded.actors.count), String(loaded.dimensionCount),
                          loaded.reference.map { $0.map(BargainOutput.number).joined(separator: " ") } ?? "—", loaded.title ?? ""])
        }
        for entry in ShippedData.deuFiles {
            let issues = try BargainInput.issues(entry.name)
            table.append([entry.name, "DEU", "1", "per issue", "DEU III development file: \(issues.count) issues"])
        }
        print(BargainOutput.render(table, format: format), terminator: "")
    }
}

/// Copies library results into the report module's plain documents (the report module does not
/// know the bargaining library).
enum BargainOutput {
    static func document(_ forecast: BargainingForecast, table: BargainingTable) -> BargainingDocument {
        BargainingDocument(
            table: table.name, title: table.title, source: table.source, model: forecast.model.rawValue, modelSummary: forecast.model.summary,
            dimensions: table.dimensions, reference: table.reference,
            actors: table.actors.map { BargainingDocument.Actor(name: $0.name, capability: $0.capability, saliences: $0.saliences,
                                                                positions: $0.positions, sources: $0.sources) },
            rounds: forecast.rounds.map { BargainingDocument.Round(round: $0.round, positions: $0.positions, forecast: $0.forecast, mean: $0.mean) },
            outcome: forecast.outcome, stopReason: forecast.stopReason.rawValue)
    }

    static func validation(_ result: BargainingValidation, file: String) -> BargainingValidationDocument {
        BargainingValidationDocument(file: file, issues: result.issues, resamples: result.resamples, seed: result.seed, rows: result.rows.map {
            BargainingValidationDocument.Row(
                model: $0.model, group: $0.group, issues: $0.issues, meanAbsoluteError: $0.meanAbsoluteError, lower: $0.interval.lower,
                upper: $0.interval.upper, differenceFromCompromise: $0.differenceFromCompromise, differenceLower: $0.differenceInterval.lower,
                differenceUpper: $0.differenceInterval.upper, roundLimitStops: $0.roundLimitStops)
        })
    }

    /// A table as text, CSV, or JSON (an array of objects keyed by column).
    static func render(_ table: Table, format: OutputFormat) -> String {
        switch format {
        case .csv: return table.renderCSV()
        case .table: return table.renderText()
        case .json: return GamesOutput.encode(table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.columns, $0)) })
        }
    }

    /// The shortest text that reads back as the same number.
    static func exact(_ value: Double) -> String { value.isFinite ? String(value) : "nan" }

    static func number(_ value: Double) -> String { BargainingDocument.number(value) }
}
