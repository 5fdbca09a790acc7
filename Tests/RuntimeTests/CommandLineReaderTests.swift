import Runtime
import Testing

/// Command lines cut from a byte stream, and match-code patterns, as units.
struct CommandLineReaderTests {
    /// Feeds `bytes`; returns the lines and over-long events as text ("!" + head for over-long).
    func lines(_ bytes: [UInt8], capacity: Int = 8, stxEtx: Bool = false) -> [String] {
        let r = CommandLineReader(capacity: capacity, stxEtxFraming: stxEtx)
        var out: [String] = []
        for b in bytes {
            switch r.take(b) {
            case .none: break
            case .line: out.append((r.lineWasFramed ? "^" : "") + String(decoding: r.line, as: UTF8.self))
            case .overlong: out.append("!" + String(decoding: r.line, as: UTF8.self))
            }
        }
        return out
    }

    @Test func crLfAndCrLfEachEndOneLineAndEmptyLinesAreIgnored() {
        #expect(lines(Array("A\rB\nC\r\n\r\n\nD".utf8)) == ["A", "B", "C"])
    }

    @Test func escAndBreakDiscardThePartialLine() {
        #expect(lines(Array("XY\u{1B}LON\r".utf8)) == ["LON"])
        #expect(lines([0x4C, 0x00, 0x4C, 0x4F, 0x4E, 0x0D]) == ["LON"])
    }

    @Test func anOverlongLineIsReportedOnceAtItsEndWithItsHead() {
        #expect(lines(Array("123456789ABC\rOK\r".utf8)) == ["!12345678", "OK"])
        #expect(lines(Array("12345678\r".utf8)) == ["12345678"], "exactly the capacity fits")
    }

    @Test func stxAndEtxFrameALineOnlyWhenEnabled() {
        #expect(lines(Array("\u{02}LON\u{03}LOFF\r".utf8), stxEtx: true) == ["^LON", "LOFF"])
        #expect(lines(Array("\u{02}LON\u{03}\r".utf8)) == ["\u{02}LON\u{03}"])
    }

    @Test func everyByteValueInAnyOrderIsTakenWithoutTrapping() {
        var rng = SystemRandomNumberGenerator()
        let r = CommandLineReader(capacity: 16, stxEtxFraming: true)
        for _ in 0..<100_000 { _ = r.take(UInt8.random(in: 0...255, using: &rng)) }
    }

    func matches(_ pattern: String, _ data: String) -> Bool {
        let m = MatchCode(expected: Array(pattern.utf8), increment: 0)
        return Array(data.utf8).withUnsafeBufferPointer { m.matches($0) }
    }

    @Test func patternsMatchWithOneByteAndRunWildcards() {
        #expect(matches("ABC", "ABC") && !matches("ABC", "ABCD") && !matches("ABC", "AB"))
        #expect(matches("A?C", "ABC") && !matches("A?C", "AC"))
        #expect(matches("LOT-*", "LOT-") && matches("LOT-*", "LOT-42") && !matches("LOT-*", "LOX-42"))
        #expect(matches("*-7", "BOX-7") && matches("*", "") && matches("A*B*C", "AxxBxxC") && !matches("A*B*C", "AxxBxx"))
        #expect(matches("**?", "Q") && !matches("?", ""))
    }

    func advanced(_ pattern: String, by increment: Int, times: Int = 1) -> String {
        let m = MatchCode(expected: Array(pattern.utf8), increment: increment)
        for _ in 0..<times { m.advance() }
        return String(decoding: m.expected, as: UTF8.self)
    }

    @Test func autoIncrementAddsToTheLastRunOfDigitsKeepingItsWidth() {
        #expect(advanced("LOT-0099", by: 1) == "LOT-0100")
        #expect(advanced("9999", by: 1) == "0000")
        #expect(advanced("A12B", by: 5) == "A17B")
        #expect(advanced("7-01-X", by: 10, times: 3) == "7-31-X")
        #expect(advanced("NODIGITS", by: 1) == "NODIGITS")
        #expect(advanced("SN0001", by: 0) == "SN0001")
        #expect(advanced("SN0995", by: 1234) == "SN2229")
    }
}
