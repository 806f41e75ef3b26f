import Testing
@testable import ParleyLanguage
import ParleyScenarios

/// `calibration: FILE` lays a calibration's posterior over a scenario's parameters.
struct CalibrationFileTests {
    static let base = """
        parley: 1
        name: Calibrated base
        clock: { steps: 12 }
        calibration: base.calibration.yaml
        parameters:
          rate: { value: 0.5, dist: "uniform(0, 1)", min: 0, max: 1, unit: per year, source: "calibrated; prior wide" }
          other: { value: 2, source: assumption }
        state:
          x: { init: 0, source: assumption }
        dynamics:
          x: "x + rate"
        metrics:
          x: { final: "x" }
        """

    static let calibration = """
        parley-calibration: 2
        scenario: base
        command: parley calibrate base --seed 3
        method: ABC-SMC, 10 particles
        parameters:
          rate:
            value: 0.25
            interval: [0.2, 0.3]
            prior: "uniform(0, 1)"
            source: "calibrated: posterior median"
        draws:
          columns: [rate]
          rows:
            - [0.2]
            - [0.25]
            - [0.3]
        """

    /// The same posterior in the first format: a separate `dist:` per parameter.
    static let formatOne = """
        parley-calibration: 1
        scenario: base
        command: parley calibrate base --seed 3
        method: ABC-SMC, 10 particles
        parameters:
          rate:
            value: 0.25
            dist: "choice(0.2, 0.25, 0.3)"
            interval: [0.2, 0.3]
            prior: "uniform(0, 1)"
            source: "calibrated: posterior median"
        """

    /// Two calibrated parameters whose draws are perfectly correlated.
    static let twoParameters = """
        parley: 1
        name: Two
        clock: { steps: 1 }
        calibration: two.calibration.yaml
        parameters:
          a: { value: 0, dist: "uniform(0, 10)", source: calibrated }
          b: { value: 0, dist: "uniform(0, 10)", source: calibrated }
        metrics:
          a: "a"
          b: "b"
        """

    static let twoCalibration = """
        parley-calibration: 2
        scenario: two
        command: parley calibrate two
        method: test
        parameters:
          a: { value: 2, interval: [1, 3] }
          b: { value: 20, interval: [10, 30] }
        draws:
          columns: [a, b]
          rows:
            - [1, 10]
            - [2, 20]
            - [3, 30]
        """

    @Test func aCalibrationFileReplacesValueDistributionAndSource() throws {
        let loaded = try scenario(Self.base, file: "base.yaml", others: ["base.calibration.yaml": Self.calibration])
        let rate = loaded.parameters[0]
        #expect(rate.value == 0.25)
        #expect(rate.distribution == .choice([0.2, 0.25, 0.3]))
        #expect(rate.provenance.source == "calibrated: posterior median")
        #expect(rate.minimum == 0 && rate.maximum == 1 && rate.provenance.unit == "per year")
        #expect(loaded.parameters[1].value == 2)
        #expect(loaded.calibration == CalibrationSource(file: "base.calibration.yaml", command: "parley calibrate base --seed 3",
                                                        method: "ABC-SMC, 10 particles", parameters: ["rate"],
                                                        intervals: ["rate": 0.2...0.3], jointDrawCount: 3))
        #expect(loaded.jointDraws == JointDraws(parameters: [0], rows: [[0.2], [0.25], [0.3]]))
        #expect(loaded.warnings.isEmpty)
    }

    @Test func wholeDrawsKeepTheirRowsAndGiveEachParameterItsMarginal() throws {
        let loaded = try scenario(Self.twoParameters, file: "two.yaml", others: ["two.calibration.yaml": Self.twoCalibration])
        #expect(loaded.jointDraws == JointDraws(parameters: [0, 1], rows: [[1, 10], [2, 20], [3, 30]]))
        #expect(loaded.parameters[1].distribution == .choice([10, 20, 30]))
        #expect(loaded.parameters[1].value == 20)
    }

    @Test func aFormatOneFileStillLoadsWithAWarningAboutCorrelations() throws {
        let loaded = try scenario(Self.base, file: "base.yaml", others: ["base.calibration.yaml": Self.formatOne])
        #expect(loaded.parameters[0].distribution == .choice([0.2, 0.25, 0.3]))
        #expect(loaded.jointDraws == nil)
        #expect(loaded.warnings.map(\.description) == ["""
            base.calibration.yaml:1:21: warning: calibration format 1 keeps each parameter's posterior draws apart, so runs lose the posterior's correlations
                hint: rerun the command in this file ('parley calibrate') to write format 2, with whole draws
            """])
    }

    @Test func aRowOfTheWrongLengthIsAnErrorAtTheRow() {
        let bad = Self.twoCalibration.replacingOccurrences(of: "- [2, 20]", with: "- [2]")
        let messages = errors(Self.twoParameters, file: "two.yaml", others: ["two.calibration.yaml": bad])
        #expect(messages == ["""
            two.calibration.yaml:12:7: error: this row of draws has 1 value, but there are 2 columns
                expected: one value per column
            """])
    }

    @Test func aColumnThatIsNotAListedParameterIsAnError() {
        let bad = Self.twoCalibration.replacingOccurrences(of: "columns: [a, b]", with: "columns: [a, c]")
        let messages = errors(Self.twoParameters, file: "two.yaml", others: ["two.calibration.yaml": bad])
        #expect(messages.first?.hasPrefix("two.calibration.yaml:9:16: error: column 'c' of the draws is not one of the file's parameters") == true)
    }

    @Test func aDrawThatIsNotANumberIsAnErrorAtTheValue() {
        let bad = Self.twoCalibration.replacingOccurrences(of: "- [3, 30]", with: "- [3, thirty]")
        let messages = errors(Self.twoParameters, file: "two.yaml", others: ["two.calibration.yaml": bad])
        #expect(messages == ["""
            two.calibration.yaml:13:11: error: a drawn value must be a number, but it is 'thirty'
                expected: a number such as 0.5 or 1e-3
            """])
    }

    @Test func aFormatTwoFileWithoutDrawsIsAnError() {
        let bad = Self.twoCalibration.components(separatedBy: "draws:")[0]
        let messages = errors(Self.twoParameters, file: "two.yaml", others: ["two.calibration.yaml": bad])
        #expect(messages.first?.hasPrefix("two.calibration.yaml:1:1: error: a format-2 calibration file needs 'draws:'") == true)
    }

    @Test func theWrittenDocumentReadsBackWithTheSameDraws() throws {
        let document = CalibrationDocument(
            scenario: "two", command: "parley calibrate two", method: "test", fitted: "1990-01 to 2012-12",
            targets: [.init(name: "launch_months_per_year", observed: 0.478, scale: 1.2)],
            parameters: [.init(name: "a", median: 2, interval: 1...3, prior: "uniform(0, 10)", source: "calibrated: test"),
                         .init(name: "b", median: 20, interval: 10...30, prior: "uniform(0, 10)", source: "calibrated: test")],
            draws: [[1.5, 10.25], [2, 20], [3, 30]])
        let loaded = try scenario(Self.twoParameters, file: "two.yaml", others: ["two.calibration.yaml": document.text])
        #expect(loaded.jointDraws?.rows == [[1.5, 10.25], [2, 20], [3, 30]])
        #expect(loaded.parameters[0].provenance.source == "calibrated: test")
        #expect(loaded.calibration?.intervals == ["a": 1...3, "b": 10...30])
    }

    @Test func aLoaderThatIgnoresCalibrationsKeepsThePriors() throws {
        var files = ["base.calibration.yaml": Self.calibration]
        files["base.yaml"] = Self.base
        var ignoring = loader(files)
        ignoring.appliesCalibration = false
        let loaded = try ignoring.load(path: "base.yaml")
        #expect(loaded.parameters[0].value == 0.5)
        #expect(loaded.parameters[0].distribution == .uniform(lower: 0, upper: 1))
        #expect(loaded.calibration == nil)
    }

    @Test func aVariantInheritsItsBasesCalibrationAndNullDropsIt() throws {
        let others = ["base.yaml": Self.base, "base.calibration.yaml": Self.calibration]
        let inherited = try scenario("extends: base.yaml\nname: variant\n", file: "variant.yaml", others: others)
        #expect(inherited.parameters[0].value == 0.25)
        let dropped = try scenario("extends: base.yaml\nname: variant\ncalibration: null\n", file: "variant.yaml", others: others)
        #expect(dropped.parameters[0].value == 0.5)
        #expect(dropped.calibration == nil)
    }

    @Test func aCalibratedParameterTheScenarioLacksIsAnErrorAtItsKey() {
        let stray = Self.formatOne + "\n  speed:\n    value: 3\n"
        let messages = errors(Self.base, file: "base.yaml", others: ["base.calibration.yaml": stray])
        #expect(messages.contains { $0.hasPrefix("base.calibration.yaml:12:3: error: the calibration sets 'speed'") })
    }

    @Test func aFileWithoutTheFormatLineIsRejected() {
        let messages = errors(Self.base, file: "base.yaml", others: ["base.calibration.yaml": "parameters: {}\n"])
        #expect(messages.contains { $0.contains("missing 'parley-calibration: 2'") })
    }

    @Test func aMissingCalibrationFileIsAnErrorAtTheKey() {
        let messages = errors(Self.base, file: "base.yaml")
        #expect(messages.contains { $0.hasPrefix("base.yaml:4:14: error: cannot read calibration file 'base.calibration.yaml'") })
    }

    @Test func aCalibratedValueOutsideTheParametersBoundsIsReportedInTheCalibrationFile() {
        let outside = Self.calibration.replacingOccurrences(of: "value: 0.25", with: "value: 1.5")
        let messages = errors(Self.base, file: "base.yaml", others: ["base.calibration.yaml": outside])
        #expect(messages.contains { $0.hasPrefix("base.calibration.yaml:7:12: error:") })
    }

    @Test func anIntervalThatIsNotTwoNumbersIsAnError() {
        let bad = Self.calibration.replacingOccurrences(of: "interval: [0.2, 0.3]", with: "interval: [0.3]")
        let messages = errors(Self.base, file: "base.yaml", others: ["base.calibration.yaml": bad])
        #expect(messages.contains { $0.hasPrefix("base.calibration.yaml:8:15: error: the interval of 'rate' must be two numbers") })
    }

    @Test func shippedCalibrationFilesAreNotListedAsScenarios() {
        #expect(!ShippedScenarios.names.contains { $0.hasSuffix(".calibration") })
    }
}
