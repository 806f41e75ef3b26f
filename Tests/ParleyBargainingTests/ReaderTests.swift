import ParleyBargaining
import ParleyNumerics
import PropertyBased
import Testing

@Test func shippedTablesAllRead() throws {
    for file in ["eu_emissions_bdm1994.csv", "sultan_bdm.csv", "china1989_dmasad.csv", "honduras_crisis_dmasad.csv",
                 "iran_election_2013_minimalgeek.csv", "ww1_bdm_minimalgeek.csv", "korea_relief_freeze_2021.csv"] {
        let table = try shippedTable(file)
        #expect(table.actors.count >= 5, "\(file)")
    }
}

@Test func saliencesOnAHundredScaleAreReadAsShares() throws {
    let china = try shippedTable("china1989_dmasad.csv")
    #expect(china.actors[0].saliences == [0.5])
}

@Test func koreaTableHasASourceForEveryValueAndAReferencePoint() throws {
    let korea = try shippedTable("korea_relief_freeze_2021.csv")
    #expect(korea.actors.map(\.name) == ["US", "Congress", "DPRK", "ROK", "Japan", "China", "Russia"])
    #expect(korea.reference == [0])
    #expect(korea.scales == [0...100])
    for actor in korea.actors {
        for field in ["capability", "position", "salience"] { #expect(!(actor.sources[field] ?? "").isEmpty, "\(actor.name) \(field)") }
    }
}

@Test func settingsLinesSetTitleScaleAndReference() throws {
    let table = try ActorTableReader.read(bytes: Array("# title: toy\n# scale: 0 10\n# reference: 2\n# a plain comment\nactor,capability,position,salience\nA,1,3,0.5\nB,1,7,1\n".utf8), file: "t.csv")
    #expect(table.title == "toy")
    #expect(table.scales == [0...10])
    #expect(table.reference == [2])
}

@Test func severalDimensionsReadFromPositionAndSalienceColumnPairs() throws {
    let table = try ActorTableReader.read(bytes: Array("actor,capability,position:relief,salience:relief,position:freeze,salience:freeze\nA,1,10,1,20,0.5\nB,2,30,0.5,40,1\n".utf8), file: "t.csv")
    #expect(table.dimensions == ["relief", "freeze"])
    #expect(table.actors[1].positions == [30, 40])
}

@Test func badNumberIsLocatedAtItsField() {
    let error = tableError("actor,capability,position,salience\nA,1,4,0.5\nB,1,x,0.5\n")
    #expect(error?.kind == .badNumber)
    #expect(error?.location.description == "t.csv:3:5")
    #expect(error?.expected != nil)
}

@Test func salienceAboveAHundredIsOutOfRange() {
    let error = tableError("actor,capability,position,salience\nA,1,4,50\nB,1,5,150\n")
    #expect(error?.kind == .badNumber)
    #expect(error?.location.line == 3)
}

@Test func missingColumnSuggestsTheNearName() {
    let error = tableError("actor,capabilty,position,salience\nA,1,4,0.5\nB,1,5,0.5\n")
    #expect(error?.kind == .missingColumn)
    #expect(error?.hint?.contains("capabilty") == true)
}

@Test func duplicateActorNamesTheFirstLine() {
    let error = tableError("actor,capability,position,salience\nA,1,4,0.5\nA,1,5,0.5\n")
    #expect(error?.kind == .duplicateName)
    #expect(error?.hint?.contains("line 2") == true)
}

@Test func unknownSettingSuggestsTheNearKey() {
    let error = tableError("# refrence: 3\nactor,capability,position,salience\nA,1,4,0.5\nB,1,5,0.5\n")
    #expect(error?.kind == .badValue)
    #expect(error?.hint?.contains("reference") == true)
}

@Test func extraFieldIsLocatedWhereItStarts() {
    let error = tableError("actor,capability,position,salience\nA,1,4,0.5,9\nB,1,5,0.5\n")
    #expect(error?.kind == .wrongFieldCount)
    #expect(error?.location.description == "t.csv:2:11")
}

@Test func unclosedQuoteIsAnError() {
    #expect(tableError("actor,capability,position,salience\n\"A,1,4,0.5\n")?.kind == .badQuote)
}

@Test func invalidUTF8IsLocated() {
    var bytes = Array("actor,capability,position,salience\nA,1,4,0.5\nB".utf8)
    bytes += [0xFF, 0x2C] + Array("1,5,0.5\n".utf8)
    do {
        _ = try ActorTableReader.read(bytes: bytes, file: "t.csv")
        Issue.record("expected an encoding error")
    } catch {
        #expect(error.kind == .invalidEncoding)
        #expect(error.location.line == 3 && error.location.column == 2)
    }
}

@Test func oneActorIsNotANegotiation() {
    #expect(tableError("actor,capability,position,salience\nA,1,4,0.5\n")?.kind == .unusableTable)
}

@Test func deuDevelopmentFileReadsEveryIssue() throws {
    let issues = try developmentIssues()
    #expect(issues.count == 191)
    #expect(issues.filter { $0.outcome != nil }.count == 185)
    #expect(issues.filter { $0.table.reference != nil }.count == 134)
    #expect(issues[0].id == "d00032i1")
    #expect(issues[0].procedure == "COD" && issues[0].votingRule == "QMV")
    let germany = try #require(issues[0].table.actors.first { $0.name == "de" })
    #expect(germany.capability == 4.1 && germany.positions == [0] && germany.saliences == [0.8])
    #expect(issues.reduce(0) { $0 + $1.imputedSaliences.count } == 34)
}

@Test func deuPositionOutOfRangeIsLocated() {
    let header = "isnr\tproc\tcounvte\tpde\tpfr\tsde\tsfr\trp\tout\n"
    let error = deuError(header + "\t\t\t4\t2\t\t\t\t\ni1\tCOD\tQMV\t50\t120\t50\t50\t0\t40\n")
    #expect(error?.kind == .badNumber)
    #expect(error?.location.description == "d.tsv:3:15")
}

@Test func deuWithoutRequiredColumnSaysWhich() {
    let error = deuError("isnr,proc,counvte,rp,out\n")
    #expect(error?.kind == .missingColumn)
    #expect(error?.hint?.contains("tab-separated") == true)
}

@Test func deuIssueWithOneActorIsUnusable() {
    let error = deuError("isnr\tproc\tcounvte\tpde\tpfr\tsde\tsfr\trp\tout\ni1\tCOD\tQMV\t50\t\t50\t\t0\t40\n")
    #expect(error?.kind == .unusableTable)
    #expect(error?.location.line == 2)
}

/// Random bytes, and random edits of a valid file, never crash or hang either reader: they
/// read or throw a located error.
@Test func readersSurviveRandomBytes() async {
    let valid = Array("# scale: 0 10\nactor,capability,position,salience,source\nA,1,4,0.5,\"x, y\"\nB,2,7,1,z\n".utf8)
    let deu = Array("isnr\tproc\tcounvte\tpde\tpfr\tsde\tsfr\trp\tout\n\t\t\t4\t2\t\t\t\t\ni1\tCOD\tQMV\t50\t60\t50\t50\t0\t40\n".utf8)
    await propertyCheck(count: 400, input: Gen.int(in: 0...255).array(of: 0...200), Gen.int(in: 0...1_000_000)) { noise, seed in
        let random = noise.map { UInt8($0) }
        var generator = Xoshiro256StarStar(seed: UInt64(seed))
        var mutated = seed % 2 == 0 ? valid : deu
        for byte in random.prefix(8) where !mutated.isEmpty {
            let index = Int(generator.nextUniform() * Double(mutated.count)) % mutated.count
            mutated[index] = byte
        }
        for bytes in [random, mutated] {
            if let table = try? ActorTableReader.read(bytes: bytes, file: "f.csv") { #expect(table.actors.count >= 2) }
            if let issues = try? DEUReader.read(bytes: bytes, file: "f.tsv") { #expect(!issues.isEmpty) }
        }
    }
}
