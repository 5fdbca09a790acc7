import LinearCodes
import Symbols
import Testing
import TestSupport

/// Encode → render → decode for Interleaved 2 of 5 and Codabar.
@Suite struct ITFAndCodabarRoundTripTests {
    let harness = LinearTestHarness()

    func expectRead(_ symbol: LinearSymbol, module: Double = 1.2, sourceLocation: SourceLocation = #_sourceLocation) {
        let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: module))
        #expect(symbol.isOnlyRead(in: reads), "\(reads)", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["123456", "00123456", "0123456789", "98765432109876", "1234567890123456789012"])
    func readsITF(_ digits: String) {
        expectRead(ITFEncoder.symbol(digits))
    }

    @Test func marksITF14WithValidCheckDigit() {
        let symbol = ITFEncoder.symbol("10012345678902")
        #expect(symbol.aim == "]I1")
        expectRead(symbol)
    }

    @Test func rejectsShortITFInAFrame() {
        // Four digits inside a larger frame (not a tight crop): too short to trust.
        let symbol = ITFEncoder.symbol("1234")
        var o = LinearRenderer.fittingOptions(symbol, module: 1.5)
        o.width += 100
        #expect(harness.roundTrip(symbol, o).isEmpty)
    }

    @Test(arguments: ["A1234567890A", "B$-:/.+D", "C12C", "D01B", "A31117013206375B", "A40156B"])
    func readsCodabar(_ text: String) {
        expectRead(CodabarEncoder.symbol(text))
    }

    @Test func readsCodabarWithEitherWideRatio() {
        expectRead(CodabarEncoder.symbol("A123B", narrow: 1, wide: 2), module: 3)
        expectRead(CodabarEncoder.symbol("C456D", narrow: 1, wide: 3), module: 3)
    }

    @Test func rejectsCodabarWithOneDataCharacter() {
        let symbol = CodabarEncoder.symbol("A1A")
        #expect(harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: 1.5)).isEmpty)
    }
}
