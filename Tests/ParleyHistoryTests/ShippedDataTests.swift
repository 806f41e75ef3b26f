import Testing
@testable import ParleyHistory

/// The shipped record loads cleanly and says what the sources say.
struct ShippedDataTests {
    @Test func shippedDataLoadCleanly() throws {
        let record = try DPRKRecord(directory: Shipped.directory)
        #expect(record.missileTests.count == 156)
        #expect(record.missileYears.count == 37)
        #expect(record.nuclearTests.count == 6)
        #expect(record.sanctions.count == 15)
        #expect(record.episodes.count == 32)
        #expect(record.warheadEstimates.count == 17)
    }

    @Test func shippedFilesAreReadableAsText() {
        for name in Shipped.fileNames {
            #expect((Shipped.texts[name] ?? "").utf8.suffix(2).elementsEqual("\r\n".utf8), "\(name) ends with CRLF")
        }
        #expect(Shipped.line(1, of: DPRKRecord.FileName.nuclearTests).hasPrefix("test_no,date_utc,"))
    }

    @Test func sixNuclearTestsFrom2006To2017() throws {
        let record = try #require(Shipped.record)
        #expect(record.nuclearTests.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(record.nuclearTests.first?.date.description == "2006-10-09")
        #expect(record.nuclearTests.last?.date.description == "2017-09-03")
        #expect(record.nuclearTests.map(\.date.year) == [2006, 2009, 2013, 2016, 2016, 2017])
    }

    @Test func noRowIsDatedAfterTheCutoff() throws {
        let record = try #require(Shipped.record)
        let cutoff = DPRKRecord.cutoff
        #expect(record.missileTests.allSatisfy { $0.date.lastDay <= cutoff })
        #expect(record.nuclearTests.allSatisfy { $0.date <= cutoff })
        #expect(record.sanctions.allSatisfy { $0.adopted <= cutoff })
        #expect(record.episodes.allSatisfy { ($0.start?.lastDay ?? cutoff) <= cutoff && ($0.end?.lastDay ?? cutoff) <= cutoff })
        #expect(record.warheadEstimates.allSatisfy { $0.asOf.firstDay <= cutoff })
        #expect(record.missileYears.allSatisfy { $0.year <= 2020 })
        #expect(record.missileTests.map(\.date).max()?.description == "2021-03-24")
    }

    @Test func missiles2017EqualTheAnnualFile() throws {
        let record = try #require(Shipped.record)
        let perMissile = record.missileTests.filter { $0.date.year == 2017 }
        let annual = try #require(record.missileYears.first { $0.year == 2017 })
        #expect(perMissile.count == 21)
        #expect(annual.missiles == 21)
        #expect(DPRKRecord.launchDays(of: perMissile) == annual.launchDays)
        #expect(annual.launchDays == 15)
    }

    @Test func annualFileAgreesWithThePerMissileFileEveryYear() throws {
        // The cross-check would have thrown; this states the rule's outcome explicitly.
        let record = try #require(Shipped.record)
        for year in record.missileYears {
            let rows = record.missileTests.filter { $0.date.year == year.year }
            #expect(rows.count == year.missiles, "\(year.year)")
            #expect(DPRKRecord.launchDays(of: rows) == year.launchDays, "\(year.year)")
        }
    }

    @Test func annualFileStopsAt2020And2021ComesOnlyFromThePerMissileFile() throws {
        let record = try #require(Shipped.record)
        #expect(record.missileYears.map(\.year) == Array(1984...2020))
        #expect(record.missileTests.filter { $0.date.year == 2021 }.map(\.id) == ["CNS-155", "CNS-156"])
    }

    @Test func monthPrecisionDatesAreTheEightEarlyCNSEstimates() throws {
        let record = try #require(Shipped.record)
        let coarse = record.missileTests.filter { $0.date.precision != .day }
        #expect(coarse.map(\.id) == ["CNS-004", "CNS-005", "CNS-006", "CNS-007", "CNS-008", "CNS-009", "CNS-010", "CNS-011"])
        #expect(coarse.allSatisfy { $0.date.precision == .month && $0.date.year <= 1992 })
        // 1984: CNS-001…003 on 1984-04-09 and CNS-004…006 in 1984-09 make two launch days, as the annual file says.
        #expect(record.missileYears.first { $0.year == 1984 }?.launchDays == 2)
    }

    @Test func quotedFieldsWithCommasAreRead() throws {
        let record = try #require(Shipped.record)
        let taepodong = try #require(record.missileTests.first { $0.id == "CNS-016" })
        #expect(taepodong.name == "Taepodong-1")
        #expect(taepodong.type == .slv)
        #expect(record.episodes.first { $0.id == "E01" }?.parties == "US, DPRK")
    }

    @Test func openEndedAndMonthOnlyEpisodesKeepTheirDates() throws {
        let record = try #require(Shipped.record)
        let moratorium = try #require(record.episodes.first { $0.id == "E17" })
        #expect(moratorium.start?.description == "2018-04-21")
        #expect(moratorium.end == nil)
        #expect(record.episodes.first { $0.id == "E02" }?.start == nil)
        #expect(record.episodes.first { $0.id == "E14a" }?.start?.precision == .month)
    }

    @Test func sanctionTriggerDatesAreExtractedFromText() throws {
        let record = try #require(Shipped.record)
        let resolution = try #require(record.sanctions.first { $0.instrument == "2270 (2016)" })
        #expect(resolution.triggerDates.map(\.description) == ["2016-01-06", "2016-02-07"])
        #expect(resolution.isResolution)
        #expect(record.sanctions.filter(\.isResolution).count == 11)
    }

    @Test func sipriSeriesIsTheSixYearbookEstimates() throws {
        let record = try #require(Shipped.record)
        let series = try record.sipriWarheadSeries()
        #expect(series.points.map(\.year) == Array(2016...2021))
        #expect(series.points.map(\.low) == [10, 10, 10, 20, 30, 40])
        #expect(series.points.map(\.high) == [10, 20, 20, 30, 40, 50])
        #expect(series.points.map(\.midpoint) == [10, 15, 15, 25, 35, 45])
        #expect(series.point(year: 2021)?.publication == "SIPRI Yearbook 2021")
    }

    @Test func secondSipriEstimateForAYearIsInconsistent() throws {
        let record = try #require(Shipped.record)
        var estimates = record.warheadEstimates
        if let copy = estimates.first(where: { $0.estimator == "SIPRI" }) { estimates.append(copy) }
        let error = caught { try WarheadSeries.sipriYearbook(estimates) }
        #expect(error?.kind == .inconsistent)
    }
}
