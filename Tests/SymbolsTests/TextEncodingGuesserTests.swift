import Symbols
import Testing

/// The guess for byte data without ECI, on the cases zxing-cpp's rules decide.
@Suite struct TextEncodingGuesserTests {
    static func guess(_ bytes: [UInt8]) -> TextEncoding {
        var guesser = TextEncodingGuesser()
        bytes.withUnsafeBufferPointer { guesser.feed($0) }
        return guesser.guess
    }

    @Test func takesValidUTF8WithAMultiByteCharacter() {
        #expect(Self.guess(Array("Grüße".utf8)) == .utf8)
        #expect(Self.guess(Array("MECARD:N:測試;;".utf8)) == .utf8)
        #expect(Self.guess([0xEF, 0xBB, 0xBF, 0x41]) == .utf8, "byte-order mark")
    }

    @Test func takesPlainASCIIAsISO8859_1() {
        #expect(Self.guess(Array("http://example.com".utf8)) == .iso8859_1)
        #expect(Self.guess([]) == .iso8859_1)
    }

    @Test func takesLatin1Letters() {
        #expect(Self.guess([0x47, 0x72, 0xFC, 0xDF, 0x65]) == .iso8859_1) // "Grüße" in Latin-1
        #expect(Self.guess([0x63, 0x61, 0x66, 0xE9]) == .iso8859_1) // "café": É could start a Shift_JIS pair, but 1 pair
    }

    @Test func takesShiftJISWithThreeKanaOrKanjiInARow() {
        #expect(Self.guess([0xC3, 0xDE, 0xBB, 0xDE, 0xB2, 0xDD, 0x51, 0x52]) == .shiftJIS) // ﾃﾞｻﾞｲﾝQR
        #expect(Self.guess([0x8D, 0xA1, 0x93, 0x78, 0x82, 0xCC]) == .shiftJIS) // 今度の
        #expect(Self.guess([0x47, 0x6F, 0x6F, 0x67, 0x6C, 0x65, 0x20, 0x83, 0x82, 0x83, 0x6F, 0x83, 0x43, 0x83, 0x8B]) == .shiftJIS)
    }

    @Test func takesTwoAdjacentHalfWidthKanaAsShiftJIS() {
        #expect(Self.guess([0x41, 0xB1, 0xB2, 0x42]) == .shiftJIS)
        // Two kana apart, and under 10 % of the bytes: Latin-1 symbols (± and ²) more likely.
        #expect(Self.guess([0x54, 0x65, 0x6D, 0x70, 0xB1, 0x30, 0x2E, 0x35, 0x20, 0x4B, 0x2C, 0x20, 0x61, 0x72,
                            0x65, 0x61, 0x20, 0x33, 0x20, 0x6D, 0xB2]) == .iso8859_1)
    }

    @Test func takesLatin1SymbolHeavyTextAsShiftJIS() {
        // ≥ 10 % bytes in 0xA0…0xBF (Latin-1 symbols, half-width kana in Shift_JIS).
        #expect(Self.guess([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0xB1]) == .shiftJIS)
    }

    @Test func rulesOutShiftJISForControlCharacters() {
        // As in qrcode-2/33: "\u{01}\u{10}" followed by a would-be Shift_JIS word is not Shift_JIS.
        // Not UTF-8 and not ISO-8859-1 either (0x8D is a C1 control): the ISO-8859-1 fallback.
        #expect(Self.guess([0x01, 0x10, 0x8D, 0xA1, 0x93, 0x78, 0x82, 0xCC]) == .iso8859_1)
        #expect(Self.guess([0x0D, 0x0A, 0x8D, 0xA1, 0x93, 0x78, 0x82, 0xCC]) == .shiftJIS, "CR and LF are fine")
    }

    @Test func fallsBackToISO8859_1WhenNothingFits() {
        #expect(Self.guess([0x80, 0xFF, 0xC3]) == .iso8859_1)
    }

    @Test func treatsSeveralFeedsAsOneRun() {
        var guesser = TextEncodingGuesser()
        let first: [UInt8] = [0xC3], second: [UInt8] = [0xBC] // "ü" split over two segments
        first.withUnsafeBufferPointer { guesser.feed($0) }
        second.withUnsafeBufferPointer { guesser.feed($0) }
        #expect(guesser.guess == .utf8)
    }
}
