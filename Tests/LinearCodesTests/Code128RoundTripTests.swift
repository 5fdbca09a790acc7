import LinearCodes
import Symbols
import Testing
import TestSupport

/// Encode → render → decode for Code 128: every code set, shift, latch, FNC4 and GS1-128.
@Suite struct Code128RoundTripTests {
    let harness = LinearTestHarness()
    typealias E = Code128Encoder

    func expectRead(_ symbol: LinearSymbol, gs1: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: 2))
        #expect(symbol.isOnlyRead(in: reads), "\(reads)", sourceLocation: sourceLocation)
        #expect(reads.first?.isGS1 == gs1, sourceLocation: sourceLocation)
    }

    @Test func readsCodeSetB() {
        expectRead(E.symbol(values: [E.startB] + "Code 128".map(E.b), text: "Code 128"))
    }

    @Test func readsCodeSetCDigitPairs() {
        expectRead(E.symbol(values: [E.startC] + E.c("102030405060708090"), text: "102030405060708090"))
    }

    @Test func readsCodeSetAControlCharacters() {
        let text = "AB\tC\r\n_"
        expectRead(E.symbol(values: [E.startA] + text.unicodeScalars.map { E.a($0.value) }, text: text))
    }

    @Test func readsShiftBetweenSetsAAndB() {
        // B: "ab", SHIFT → one set-A character (CR), back in B: "c"; A: "X", SHIFT → "y" from B.
        let b = E.symbol(values: [E.startB, E.b("a"), E.b("b"), E.shift, E.a("\r"), E.b("c")], text: "ab\rc")
        expectRead(b)
        let a = E.symbol(values: [E.startA, E.a("X"), E.shift, E.b("y"), E.a("Z")], text: "XyZ")
        expectRead(a)
    }

    @Test func readsLatchesBetweenAllSets() {
        // A → C → B → A → B → C, with data in each.
        let values = [E.startA, E.a("\t")] + [E.codeC] + E.c("1234") + [E.codeBOrFNC4, E.b("x"), E.codeAOrFNC4,
                      E.a("Q"), E.codeBOrFNC4, E.b("z"), E.codeC] + E.c("99")
        expectRead(E.symbol(values: values, text: "\t1234xQz99"))
    }

    @Test func readsFNC4AsLatin1() {
        // Single FNC4: the next character + 128 ('s' + 128 = 'ó'). Double FNC4 latches; a single FNC4
        // inside the latch gives a plain character; another double FNC4 unlatches.
        let f = E.codeBOrFNC4
        let values = [E.startB, f, E.b("s"), E.b("1"), f, f, E.b("s"), E.b("s"), f, E.b("a"), E.b("s"), f, f,
                      E.b("z")]
        expectRead(E.symbol(values: values, text: "ó1óóaóz"))
        // FNC4 in set A is value 101.
        expectRead(E.symbol(values: [E.startA, E.codeAOrFNC4, E.a("A"), E.a("B")], text: "ÁB"))
    }

    @Test func readsGS1128WithSeparators() {
        let values = [E.startC, E.fnc1] + E.c("0109501101530003") + E.c("10") + [E.codeBOrFNC4] + "AB12".map(E.b)
            + [E.fnc1] + [E.codeC] + E.c("21") + [E.codeBOrFNC4] + "XYZ".map(E.b)
        expectRead(E.symbol(values: values, text: "010950110153000310AB12\u{1D}21XYZ", gs1: true), gs1: true)
    }

    @Test func reportsAIMApplicationIndicator() {
        let symbol = E.symbol(values: [E.startB, E.b("A"), E.fnc1] + "1234".map(E.b), text: "A1234", aim: "]C2")
        expectRead(symbol)
    }

    @Test func dropsFNC2AndFNC3() {
        expectRead(E.symbol(values: [E.startB, E.fnc3, E.b("O"), E.fnc2, E.b("K")], text: "OK"))
    }

    @Test func readsRandomPrintableTexts() {
        var random = TestRandom(seed: 128)
        for _ in 0..<25 {
            let n = random.int(1...24)
            let text = String((0..<n).map { _ in Character(UnicodeScalar(UInt8(random.int(32...126)))) })
            let symbol = E.auto(text)
            let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: 2))
            #expect(symbol.isOnlyRead(in: reads), "\(text.debugDescription): \(reads)")
        }
    }

    /// Thin print under blur (corpus code128-2/06): bars printed half a module narrow, then blurred
    /// until a one-module bar is a shallow dip that no crossing level measures; the start's 2-module
    /// bar comes out no wider than the space after it. Read from the ink each bar holds
    /// (`InkAreas`), at 0° and 180°.
    @Test func readsThinPrintUnderHeavyBlur() {
        let s = E.symbol(values: [E.startB] + "15182881".map(E.b), text: "15182881")
        for (growth, blur, seeds) in [(-0.5, 1.1, 1...3), (-0.4, 1.3, 2...3)] {
            for seed in seeds {
                var o = LinearRenderOptions()
                o.width = 400
                o.height = 160
                o.module = 2
                o.heightRatio = 0.5
                o.barGrowth = growth
                o.blur = blur
                o.noise = 2
                o.seed = UInt64(seed)
                let image = LinearRenderer.render(s, o)
                #expect(s.isOnlyRead(in: harness.read(image)), "growth \(growth) blur \(blur) seed \(seed)")
                #expect(s.isOnlyRead(in: harness.read(image.rotated(quarterTurns: 2))),
                        "180°: growth \(growth) blur \(blur) seed \(seed)")
            }
        }
    }

    @Test func rejectsABadCheckCharacter() {
        var symbol = E.symbol(values: [E.startB] + "HELLO".map(E.b), text: "HELLO")
        // Swap the check character's pattern for another value's (elements before the 13-module stop).
        let stop = symbol.widths.count - 7
        let other = E.patterns[(E.b("H") + 1) % 103].compactMap { $0.wholeNumberValue }
        symbol.widths.replaceSubrange((stop - 6)..<stop, with: other)
        let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: 2))
        #expect(reads.isEmpty, "\(reads)")
    }
}
