import Testing
@testable import ParleyHistory

/// One test per way a DPRK file can be wrong: each names the file, line and column.
struct LoaderErrorTests {
    static let missiles = DPRKRecord.FileName.missileTests
    static let annual = DPRKRecord.FileName.missileTestsAnnual

    /// Line 2 of missile_tests.csv (CNS-001) with field `index` replaced.
    static func missileError(field index: Int, value: String, line: Int = 2) -> (HistoryDataError?, Int) {
        let original = Shipped.line(line, of: missiles)
        let error = caught { try Shipped.record(in: missiles, line: line, replacedBy: replacingField(index, of: original, with: value)) }
        return (error, columnOfField(index, in: original))
    }

    @Test func impossibleDateIsABadDate() {
        let (error, column) = LoaderErrorTests.missileError(field: 1, value: "1984-13-09")
        expectError(error, .badDate, file: LoaderErrorTests.missiles, line: 2, column: column)
        #expect(column == 9)
    }

    @Test func dateThatDisagreesWithItsPrecisionIsABadDate() {
        let (error, column) = LoaderErrorTests.missileError(field: 1, value: "1984-04")
        expectError(error, .badDate, file: LoaderErrorTests.missiles, line: 2, column: column)
        #expect(error?.message.contains("date_precision says day") == true)
    }

    @Test func yearThatDisagreesWithTheDateIsABadDate() {
        let (error, column) = LoaderErrorTests.missileError(field: 3, value: "1985")
        expectError(error, .badDate, file: LoaderErrorTests.missiles, line: 2, column: column)
    }

    @Test func unreadableNumberIsABadNumber() {
        let (error, column) = LoaderErrorTests.missileError(field: 8, value: "40.8N")
        expectError(error, .badNumber, file: LoaderErrorTests.missiles, line: 2, column: column)
    }

    @Test func latitudeOutOfRangeIsABadNumber() {
        let (error, column) = LoaderErrorTests.missileError(field: 8, value: "140.5")
        expectError(error, .badNumber, file: LoaderErrorTests.missiles, line: 2, column: column)
        #expect(error?.message.contains("out of range") == true)
    }

    @Test func unknownCoordinatesAreMissingButUnknownApogeeIsNot() throws {
        let record = try #require(Shipped.record)
        #expect(record.missileTests.first { $0.id == "CNS-055" }?.facilityLatitude == nil)
        let (error, _) = LoaderErrorTests.missileError(field: 11, value: "Unknown")
        #expect(error?.kind == .badNumber)
    }

    @Test func nonFiniteNumberIsABadNumber() {
        let (error, _) = LoaderErrorTests.missileError(field: 11, value: "inf")
        #expect(error?.kind == .badNumber)
    }

    @Test func unknownMissileTypeIsABadValueWithASuggestion() {
        let (error, column) = LoaderErrorTests.missileError(field: 6, value: "SRMB")
        expectError(error, .badValue, file: LoaderErrorTests.missiles, line: 2, column: column)
        #expect(error?.hint == "did you mean 'SRBM'?")
    }

    @Test func unknownProvenanceTagIsABadValue() {
        let original = Shipped.line(2, of: LoaderErrorTests.missiles)
        #expect(original.hasSuffix(",found_file"))
        let changed = String(original.dropLast("found_file".count)) + "found_fil"
        let error = caught { try Shipped.record(in: LoaderErrorTests.missiles, line: 2, replacedBy: changed) }
        #expect(error?.kind == .badValue)
        #expect(error?.hint == "did you mean 'found_file'?")
    }

    @Test func missileDateAfterTheCutoffIsRefused() {
        let line = 157  // CNS-156, 2021-03-24
        let original = Shipped.line(line, of: LoaderErrorTests.missiles)
        let changed = replacingField(1, of: original, with: "2021-07-01")
        let error = caught { try Shipped.record(in: LoaderErrorTests.missiles, line: line, replacedBy: changed) }
        expectError(error, .afterCutoff, file: LoaderErrorTests.missiles, line: line, column: 9)
        #expect(error?.message == "2021-07-01 in 'date' is after the cut-off 2021-06-30")
    }

    @Test func coarseDatesThatStartByTheCutoffAreAcceptedAndLaterOnesAreNot() {
        let reader = try? CSVTable(text: "d\n2021-06\n2021\n2021-07\n2022\n2021-06-30\n2021-07-01\n", file: "d.csv").rowReaders(requiring: ["d"])
        let refused = (0..<6).map { index in caught { try reader?[index].date("d", notAfter: DPRKRecord.cutoff) }?.kind == .afterCutoff }
        #expect(refused == [false, false, true, true, false, true])
    }

    @Test func annualRowFor2021IsRefusedAsAfterTheCutoff() {
        let text = (Shipped.texts[LoaderErrorTests.annual] ?? "") + "2021,2,1,2,0,0,2,0,0,0,0,0,0,0,CNS,0,0,0,,s,found_file\n"
        let error = caught { try Shipped.record(replacing: LoaderErrorTests.annual, with: Array(text.utf8)) }
        expectError(error, .afterCutoff, file: LoaderErrorTests.annual, line: 39, column: 1)
    }

    @Test func sanctionAdoptedAfterTheCutoffIsRefused() {
        let file = DPRKRecord.FileName.sanctions
        let original = Shipped.line(2, of: file)
        let error = caught { try Shipped.record(in: file, line: 2, replacedBy: replacingField(1, of: original, with: "2021-07-01")) }
        expectError(error, .afterCutoff, file: file, line: 2, column: 13)
    }

    @Test func episodeStartingAfterTheCutoffIsRefused() {
        let file = DPRKRecord.FileName.episodes
        let original = Shipped.line(2, of: file)
        let column = columnOfField(3, in: original)
        let error = caught { try Shipped.record(in: file, line: 2, replacedBy: replacingField(3, of: original, with: "2021-07")) }
        expectError(error, .afterCutoff, file: file, line: 2, column: column)
    }

    @Test func episodeEndingBeforeItStartsIsABadDate() {
        let file = DPRKRecord.FileName.episodes
        let original = Shipped.line(2, of: file)
        let column = columnOfField(4, in: original)
        let error = caught { try Shipped.record(in: file, line: 2, replacedBy: replacingField(4, of: original, with: "1994-09-01")) }
        expectError(error, .badDate, file: file, line: 2, column: column)
    }

    @Test func nuclearTestDatedToTheMonthOnlyIsABadDate() {
        let file = DPRKRecord.FileName.nuclearTests
        let original = Shipped.line(2, of: file)
        let error = caught { try Shipped.record(in: file, line: 2, replacedBy: replacingField(1, of: original, with: "2006-10")) }
        expectError(error, .badDate, file: file, line: 2, column: 3)
    }

    @Test func repeatedTestIDIsADuplicateID() {
        let original = Shipped.line(3, of: LoaderErrorTests.missiles)
        let error = caught { try Shipped.record(in: LoaderErrorTests.missiles, line: 3, replacedBy: replacingField(0, of: original, with: "CNS-001")) }
        expectError(error, .duplicateID, file: LoaderErrorTests.missiles, line: 3, column: 1)
        #expect(error?.message == "'CNS-001' appears twice (first on line 2)")
    }

    @Test func repeatedEpisodeIDIsADuplicateID() {
        let file = DPRKRecord.FileName.episodes
        let original = Shipped.line(3, of: file)
        let error = caught { try Shipped.record(in: file, line: 3, replacedBy: replacingField(0, of: original, with: "E01")) }
        expectError(error, .duplicateID, file: file, line: 3, column: 1)
    }

    @Test func renamedRequiredColumnIsAMissingColumn() {
        let header = Shipped.line(1, of: LoaderErrorTests.missiles).replacingOccurrences(of: ",outcome,", with: ",outcomes,")
        let error = caught { try Shipped.record(in: LoaderErrorTests.missiles, line: 1, replacedBy: header) }
        expectError(error, .missingColumn, file: LoaderErrorTests.missiles, line: 1, column: 1)
        #expect(error?.hint == "is 'outcomes' meant to be 'outcome'? rename the column")
    }

    @Test func rowCutShortIsAWrongFieldCount() {
        let original = Shipped.line(2, of: LoaderErrorTests.missiles)
        let short = original.split(separator: ",", omittingEmptySubsequences: false).prefix(5).joined(separator: ",")
        let error = caught { try Shipped.record(in: LoaderErrorTests.missiles, line: 2, replacedBy: short) }
        expectError(error, .wrongFieldCount, file: LoaderErrorTests.missiles, line: 2, column: short.count + 1)
    }

    @Test func warheadRangeWithLowAboveHighIsABadNumber() {
        let file = DPRKRecord.FileName.warheads
        let line = 10  // SIPRI Yearbook 2017, 10–20
        let original = Shipped.line(line, of: file)
        #expect(original.hasPrefix("2017-01,2017,SIPRI,"))
        let error = caught { try Shipped.record(in: file, line: line, replacedBy: replacingField(5, of: original, with: "30")) }
        expectError(error, .badNumber, file: file, line: line, column: columnOfField(5, in: original))
    }

    @Test func annualOutcomesThatDoNotAddUpAreInconsistent() {
        let line = 35  // 2017
        let original = Shipped.line(line, of: LoaderErrorTests.annual)
        #expect(original.hasPrefix("2017,21,15,"))
        let error = caught { try Shipped.record(in: LoaderErrorTests.annual, line: line, replacedBy: replacingField(3, of: original, with: "1")) }
        expectError(error, .inconsistent, file: LoaderErrorTests.annual, line: line, column: columnOfField(3, in: original))
    }

    @Test func annualMissileCountThatDisagreesWithThePerMissileFileIsInconsistent() {
        // Drop CNS-118 (2017-11-28): the per-missile file then has 20 missiles in 2017, the annual file 21.
        let error = caught { try Shipped.record(in: LoaderErrorTests.missiles, line: 119, replacedBy: "") }
        expectError(error, .inconsistent, file: LoaderErrorTests.annual, line: 35, column: 6)
        #expect(error?.message == "2017: n_missiles is 21 but missile_tests.csv gives 20 missiles")
    }

    @Test func annualLaunchDaysThatDisagreeWithThePerMissileFileAreInconsistent() {
        // Move CNS-118 onto CNS-117's day (2017-09-14): 14 distinct dates instead of 15.
        let original = Shipped.line(119, of: LoaderErrorTests.missiles)
        #expect(original.hasPrefix("CNS-118,2017-11-28,"))
        let error = caught { try Shipped.record(in: LoaderErrorTests.missiles, line: 119, replacedBy: replacingField(1, of: original, with: "2017-09-14")) }
        expectError(error, .inconsistent, file: LoaderErrorTests.annual, line: 35, column: 9)
    }
}
