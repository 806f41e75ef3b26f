import ParleyGames
import PropertyBased
import Testing

@Test func historyWindowsCountWhatTheyContain() async {
    await propertyCheck(input: Gen.bool().array(of: 0...60), Gen.int(in: 0...80)) { bits, window in
        let history = MoveHistory(bits.map { $0 ? Move.defect : .cooperate })
        let naive = bits.suffix(window).filter { $0 }.count
        #expect(history.defections(inLast: window) == naive)
        #expect(history.containsDefection(inLast: window) == (naive > 0))
        history.withView { view in
            #expect(view.defections(inLast: window) == naive)
            #expect(view.containsDefection(inLast: window) == (naive > 0))
            #expect(view.count == bits.count && view.defections == bits.filter { $0 }.count)
        }
    }
}

@Test func historyLettersRoundTrip() {
    #expect(MoveHistory(letters: "CDDC")?.letters == "CDDC")
    #expect(MoveHistory(letters: "CXD") == nil)
}
