import Foundation
import Testing
@testable import ParleyHistory

/// RFC 4180 reading: what is accepted and where each field is.
struct CSVTableTests {
    @Test func readsHeaderAndRows() throws {
        let table = try CSVTable(text: "a,b\n1,2\n3,4\n", file: "t.csv")
        #expect(table.columnNames == ["a", "b"])
        #expect(table.rows.map { $0.fields.map(\.text) } == [["1", "2"], ["3", "4"]])
    }

    @Test func quotedFieldsKeepCommasNewlinesAndDoubledQuotes() throws {
        let table = try CSVTable(text: "a,b\n\"x, y\",\"say \"\"hi\"\"\nthere\"\n", file: "t.csv")
        #expect(table.rows.count == 1)
        #expect(table.rows[0].fields.map(\.text) == ["x, y", "say \"hi\"\nthere"])
        #expect(table.rows[0].fields.map(\.wasQuoted) == [true, true])
    }

    @Test func fieldsKeepTheirLineAndColumn() throws {
        let table = try CSVTable(text: "id,text,n\nA,\"two\nlines\",7\nB,x,8\n", file: "t.csv")
        let first = table.rows[0].fields, second = table.rows[1].fields
        #expect(first.map(\.line) == [2, 2, 3])
        #expect(first.map(\.column) == [1, 3, 8])
        #expect(second.map(\.line) == [4, 4, 4])
        #expect(second.map(\.column) == [1, 3, 5])
    }

    @Test func columnsCountUnicodeScalars() throws {
        let table = try CSVTable(text: "a,b\nLidingö,x\n", file: "t.csv")
        #expect(table.rows[0].fields[1].column == 9)
    }

    @Test func crlfAndLoneCRLineEndingsAreAccepted() throws {
        let crlf = try CSVTable(text: "a,b\r\n1,2\r\n3,4", file: "t.csv")
        let cr = try CSVTable(text: "a,b\r1,2\r3,4\r", file: "t.csv")
        #expect(crlf.rows.map { $0.fields.map(\.text) } == [["1", "2"], ["3", "4"]])
        #expect(cr.rows.map { $0.fields.map(\.text) } == [["1", "2"], ["3", "4"]])
        #expect(crlf.rows[1].line == 3)
    }

    @Test func byteOrderMarkIsDropped() throws {
        let table = try CSVTable(bytes: [0xEF, 0xBB, 0xBF] + Array("year,n\n2017,21\n".utf8), file: "t.csv")
        #expect(table.columnNames == ["year", "n"])
        #expect(table.header[0].column == 1)
    }

    @Test func missingFinalNewlineAndBlankLinesAreAccepted() throws {
        let table = try CSVTable(text: "a,b\n\n1,2\n\n\n3,4", file: "t.csv")
        #expect(table.rows.count == 2)
        #expect(table.rows[1].line == 6)
    }

    @Test func emptyFieldsAndTrailingCommaAreFields() throws {
        let table = try CSVTable(text: "a,b,c\n,,\n\"\",x,\n", file: "t.csv")
        #expect(table.rows.map { $0.fields.map(\.text) } == [["", "", ""], ["", "x", ""]])
    }

    @Test func unterminatedQuoteIsReportedWhereItOpens() {
        let error = caught { try CSVTable(text: "a,b\n1,\"open\n2,3\n", file: "q.csv") }
        expectError(error, .unterminatedQuote, file: "q.csv", line: 2, column: 3)
    }

    @Test func quoteInsideUnquotedFieldIsReported() {
        let error = caught { try CSVTable(text: "a,b\n1,ab\"c\n", file: "q.csv") }
        expectError(error, .strayQuote, file: "q.csv", line: 2, column: 5)
    }

    @Test func textAfterClosingQuoteIsReported() {
        let error = caught { try CSVTable(text: "a,b\n1,\"ab\"c\n", file: "q.csv") }
        expectError(error, .strayQuote, file: "q.csv", line: 2, column: 7)
    }

    @Test func rowWithTooManyFieldsPointsAtTheFirstExtraField() {
        let error = caught { try CSVTable(text: "a,b\n1,2\n3,4,5\n", file: "n.csv") }
        expectError(error, .wrongFieldCount, file: "n.csv", line: 3, column: 5)
        #expect(error?.message == "row has 3 fields but the header has 2")
    }

    @Test func rowWithTooFewFieldsPointsAtItsEnd() {
        let error = caught { try CSVTable(text: "a,b,c\n1,2\n", file: "n.csv") }
        expectError(error, .wrongFieldCount, file: "n.csv", line: 2, column: 4)
        #expect(error?.hint?.contains("double quotes") == true)
    }

    @Test func repeatedHeaderNameIsReported() {
        let error = caught { try CSVTable(text: "a,b,a\n1,2,3\n", file: "h.csv") }
        expectError(error, .duplicateColumn, file: "h.csv", line: 1, column: 5)
    }

    @Test func emptyFileIsReported() {
        expectError(caught { try CSVTable(text: "", file: "e.csv") }, .emptyFile, file: "e.csv", line: 1, column: 1)
        expectError(caught { try CSVTable(text: "\n\n", file: "e.csv") }, .emptyFile, file: "e.csv", line: 1, column: 1)
    }

    @Test func invalidUTF8IsReportedAtItsPlace() {
        let error = caught { try CSVTable(bytes: Array("a,b\n1,".utf8) + [0xC3, 0x28], file: "u.csv") }
        expectError(error, .invalidEncoding, file: "u.csv", line: 2, column: 3)
    }

    @Test func unreadableFileIsReported() {
        let url = Shipped.directory.appendingPathComponent("no_such_file.csv")
        expectError(caught { try CSVTable(contentsOf: url) }, .unreadableFile, file: url.path, line: 1, column: 1)
    }

    @Test func errorsPrintLikeScenarioDiagnostics() {
        let error = HistoryDataError(
            .badDate, at: HistoryLocation(file: "f.csv", line: 3, column: 9), "'x' in 'date' is not a date",
            expected: "a date YYYY-MM-DD", hint: "dates are ISO 8601")
        #expect(error.description == "f.csv:3:9: error: 'x' in 'date' is not a date\n    expected: a date YYYY-MM-DD\n    hint: dates are ISO 8601")
    }

    @Test func missingColumnSuggestsTheClosestName() {
        let table = try? CSVTable(text: "test_id,date\nA,2017-01-01\n", file: "m.csv")
        let error = caught { try table?.columnIndex("test_ids") }
        expectError(error, .missingColumn, file: "m.csv", line: 1, column: 1)
        #expect(error?.hint == "is 'test_id' meant to be 'test_ids'? rename the column")
    }
}
