import Symbols
import Testing

/// Byte runs in each supported encoding → UTF-8, including malformed input.
@Suite struct TextTranscoderTests {
    /// Transcodes into a fresh buffer of `capacity` bytes and returns the UTF-8 bytes and overflow flag.
    static func transcode(_ bytes: [UInt8], _ encoding: TextEncoding, capacity: Int = 1024) -> (text: String, overflowed: Bool) {
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { storage.deallocate() }
        var out = PayloadBuffer(base: storage, capacity: capacity)
        TextTranscoder.append(bytes, as: encoding, to: &out)
        return (String(decoding: out.contents, as: UTF8.self), out.overflowed)
    }

    static func scalar(_ text: String) -> UInt32? { text.unicodeScalars.count == 1 ? text.unicodeScalars.first?.value : nil }

    @Test(arguments: [
        (TextEncoding.iso8859_2, 0xA1, 0x0104), (.iso8859_2, 0xB1, 0x0105), (.iso8859_4, 0xA1, 0x0104),
        (.iso8859_5, 0xBF, 0x041F), (.iso8859_5, 0xE0, 0x0440), (.iso8859_6, 0xC7, 0x0627), (.iso8859_7, 0xC1, 0x0391),
        (.iso8859_8, 0xE0, 0x05D0), (.iso8859_9, 0xDD, 0x0130), (.iso8859_10, 0xA1, 0x0104), (.iso8859_11, 0xA1, 0x0E01),
        (.iso8859_13, 0xA1, 0x201D), (.iso8859_14, 0xA1, 0x1E02), (.iso8859_15, 0xA4, 0x20AC), (.iso8859_16, 0xA1, 0x0104),
        (.cp437, 0x80, 0x00C7), (.cp437, 0xDB, 0x2588), (.windows1250, 0x8A, 0x0160), (.windows1251, 0xC0, 0x0410),
        (.windows1252, 0x80, 0x20AC), (.windows1256, 0xC7, 0x0627), (.iso8859_1, 0xE9, 0x00E9),
        // Undefined in the page: passed through as ISO-8859-1 (zxing-cpp's "straight through").
        (.iso8859_3, 0xA5, 0x00A5), (.windows1252, 0x81, 0x0081),
    ] as [(TextEncoding, Int, UInt32)])
    func mapsSingleByteCodePages(_ encoding: TextEncoding, byte: Int, scalar: UInt32) {
        #expect(Self.scalar(Self.transcode([UInt8(byte)], encoding).text) == scalar)
        #expect(Self.transcode([0x41, 0x7A], encoding).text == "Az")
    }

    @Test func mapsECINumbersToEncodings() {
        #expect(TextEncoding(eci: 26) == .utf8)
        #expect(TextEncoding(eci: 20) == .shiftJIS)
        #expect(TextEncoding(eci: 3) == .iso8859_1 && TextEncoding(eci: 1) == .iso8859_1)
        #expect(TextEncoding(eci: 0) == .cp437 && TextEncoding(eci: 2) == .cp437)
        #expect(TextEncoding(eci: 4) == .iso8859_2 && TextEncoding(eci: 18) == .iso8859_16 && TextEncoding(eci: 15) == .iso8859_13)
        #expect(TextEncoding(eci: 25) == .utf16BE && TextEncoding(eci: 27) == .ascii && TextEncoding(eci: 899) == .binary)
        #expect(TextEncoding(eci: 14) == nil && TextEncoding(eci: 19) == nil && TextEncoding(eci: 28) == nil)
        for encoding in TextEncoding.allCases { #expect(TextEncoding(eci: encoding.eci) == encoding) }
    }

    @Test func decodesShiftJIS() {
        // "ﾃﾞｻﾞｲﾝQR" (half-width), "点茗" (0x935F 0xE4AA), "阿" (0x88A2), "\~" straight through, "①" (NEC row 13),
        // a user-defined pair (0xF040 → U+E000).
        let bytes: [UInt8] = [0xC3, 0xDE, 0xBB, 0xDE, 0xB2, 0xDD, 0x51, 0x52, 0x93, 0x5F, 0xE4, 0xAA, 0x88, 0xA2,
                              0x5C, 0x7E, 0x87, 0x40, 0xF0, 0x40]
        #expect(Self.transcode(bytes, .shiftJIS).text == "ﾃﾞｻﾞｲﾝQR点茗阿\\~①\u{E000}")
        #expect(ShiftJIS.scalar(lead: 0x81, trail: 0x5F) == 0xFF3C)
        #expect(ShiftJIS.scalar(lead: 0x82, trail: 0xA0) == 0x3042) // あ
        #expect(ShiftJIS.scalar(lead: 0x81, trail: 0x7F) == nil)
        #expect(ShiftJIS.scalar(lead: 0x85, trail: 0x40) == nil) // unassigned row
    }

    @Test func replacesMalformedShiftJIS() {
        #expect(Self.transcode([0x88], .shiftJIS).text == "\u{FFFD}")
        #expect(Self.transcode([0x88, 0x31], .shiftJIS).text == "\u{FFFD}1")
        #expect(Self.transcode([0x80, 0xA0, 0xFD, 0x41], .shiftJIS).text == "\u{FFFD}\u{FFFD}\u{FFFD}A")
        #expect(Self.transcode([0x85, 0x40], .shiftJIS).text == "\u{FFFD}")
    }

    @Test func decodesGB2312() {
        #expect(Self.transcode([0xB0, 0xA2, 0x41, 0xD6, 0xD0, 0xCE, 0xC4], .gb2312).text == "阿A中文")
        #expect(GB2312.scalar(lead: 0xA1, trail: 0xA1) == 0x3000)
        #expect(GB2312.scalar(lead: 0xAA, trail: 0xA1) == nil)
        #expect(Self.transcode([0xB0, 0x41, 0xFF, 0xB0], .gb2312).text == "\u{FFFD}A\u{FFFD}\u{FFFD}")
        #expect(TextEncoding(eci: 29) == .gb2312)
    }

    @Test func validatesUTF8() {
        #expect(Self.transcode(Array("Grüße 点 🎉".utf8), .utf8).text == "Grüße 点 🎉")
        // Overlong, surrogate, above U+10FFFF, truncated, stray continuation: one U+FFFD per maximal subpart.
        #expect(Self.transcode([0xC0, 0xAF], .utf8).text == "\u{FFFD}\u{FFFD}")
        #expect(Self.transcode([0xED, 0xA0, 0x80], .utf8).text == "\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(Self.transcode([0xF4, 0x90, 0x80, 0x80], .utf8).text == "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(Self.transcode([0xE2, 0x82, 0x41], .utf8).text == "\u{FFFD}A")
        #expect(Self.transcode([0x80, 0x41], .utf8).text == "\u{FFFD}A")
        #expect(Self.transcode([0xF0, 0x9F, 0x8E], .utf8).text == "\u{FFFD}")
    }

    @Test func decodesUTF16AndUTF32() {
        #expect(Self.transcode([0x00, 0x41, 0x8F, 0xB9, 0xD8, 0x3C, 0xDF, 0x89], .utf16BE).text == "A边🎉")
        #expect(Self.transcode([0x41, 0x00, 0x3C, 0xD8, 0x89, 0xDF], .utf16LE).text == "A🎉")
        #expect(Self.transcode([0xD8, 0x3C, 0x00, 0x41], .utf16BE).text == "\u{FFFD}A")
        #expect(Self.transcode([0xDC, 0x00, 0x00], .utf16BE).text == "\u{FFFD}\u{FFFD}")
        #expect(Self.transcode([0x00, 0x01, 0xF3, 0x89, 0x00, 0x11, 0x00, 0x00], .utf32BE).text == "🎉\u{FFFD}")
        #expect(Self.transcode([0x89, 0xF3, 0x01, 0x00, 0x41], .utf32LE).text == "🎉\u{FFFD}")
    }

    @Test func readsASCIIAndBinaryByteForByte() {
        #expect(Self.transcode([0x41, 0xE9], .ascii).text == "Aé")
        #expect(Self.transcode([0x00, 0xFF], .binary).text == "\u{0}ÿ")
    }

    @Test func stopsAtTheBufferEndAndSaysSo() {
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 5)
        defer { storage.deallocate() }
        var out = PayloadBuffer(base: storage, capacity: 5)
        TextTranscoder.append(Array(repeating: 0xE9, count: 10), as: .iso8859_1, to: &out)
        #expect(out.overflowed && out.count == 5)
    }

    @Test func neverTrapsOnRandomBytesInAnyEncoding() {
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        for length in 0..<200 {
            let bytes = (0..<length).map { _ -> UInt8 in
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                return UInt8(truncatingIfNeeded: state)
            }
            for encoding in TextEncoding.allCases {
                let text = Self.transcode(bytes, encoding, capacity: 4 * length + 4).text
                #expect(!text.isEmpty || length == 0)
            }
        }
    }
}
