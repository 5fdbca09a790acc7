import LinearCodes
import Symbols
import Testing
import TestSupport

/// Encode → render → decode for Code 39 (check character, full ASCII, Code 32) and Code 93.
@Suite struct Code39And93RoundTripTests {
    let harness = LinearTestHarness()

    func expectRead(_ symbol: LinearSymbol, module: Double = 1.5, sourceLocation: SourceLocation = #_sourceLocation) {
        let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: module))
        #expect(symbol.isOnlyRead(in: reads), "\(reads)", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["CODE39", "HELLO-WORLD", "A", "12345", "$/+% .-", "Z9"])
    func readsCode39(_ text: String) {
        expectRead(Code39Encoder.symbol(text))
    }

    @Test func readsCode39WithEitherWideRatio() {
        expectRead(Code39Encoder.symbol("RATIO2", narrow: 1, wide: 2), module: 3)
        expectRead(Code39Encoder.symbol("RATIO3", narrow: 1, wide: 3), module: 3)
    }

    @Test func verifiesCode39CheckCharacter() {
        let symbol = Code39Encoder.symbol("CHECKED", check: true)
        #expect(symbol.aim == "]A1")
        expectRead(symbol)
    }

    @Test(arguments: ["Hello, World!", "a", "12ab", "Tab\there", "{|}~"])
    func readsCode39FullASCII(_ text: String) {
        expectRead(Code39Encoder.fullASCII(text))
    }

    @Test func readsItalianPharmacodeAsCode32() {
        // 123456788 in base 32 (digits and consonants), as six Code 39 characters.
        let digits = Array("0123456789BCDFGHJKLMNPQRSTUVWXYZ")
        var n = 123_456_788
        var code = ""
        for _ in 0..<6 {
            code = String(digits[n % 32]) + code
            n /= 32
        }
        let symbol = Code39Encoder.symbol(code)
        let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: 1.5))
        #expect(reads.map(\.text) == ["A123456788"], "\(code): \(reads)")
    }

    @Test(arguments: ["CODE93", "TEST 93", "12345678901234567890", "Hello, world!", "a\u{7}b", "$%/+"])
    func readsCode93(_ text: String) {
        expectRead(Code93Encoder.symbol(text), module: 2)
    }

    @Test func rejectsCode93WithABadCheckCharacter() {
        var symbol = Code93Encoder.symbol("CHECK")
        // Replace the K check character (before the stop and termination bar) by '0'.
        let end = symbol.widths.count - 7
        symbol.widths.replaceSubrange((end - 6)..<end, with: [1, 3, 1, 1, 1, 2])
        let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: 2))
        #expect(reads.isEmpty, "\(reads)")
    }
}
