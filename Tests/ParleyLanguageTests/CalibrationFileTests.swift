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
                                                        intervals: ["rate": 0.2...0.3]))
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
        let stray = Self.calibration + "\n  speed:\n    value: 3\n"
        let messages = errors(Self.base, file: "base.yaml", others: ["base.calibration.yaml": stray])
        #expect(messages.contains { $0.hasPrefix("base.calibration.yaml:12:3: error: the calibration sets 'speed'") })
    }

    @Test func aFileWithoutTheFormatLineIsRejected() {
        let messages = errors(Self.base, file: "base.yaml", others: ["base.calibration.yaml": "parameters: {}\n"])
        #expect(messages.contains { $0.contains("missing 'parley-calibration: 1'") })
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
        #expect(messages.contains { $0.hasPrefix("base.calibration.yaml:9:15: error: the interval of 'rate' must be two numbers") })
    }

    @Test func shippedCalibrationFilesAreNotListedAsScenarios() {
        #expect(!ShippedScenarios.names.contains { $0.hasSuffix(".calibration") })
    }
}
