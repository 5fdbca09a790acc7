import QRCode
import Symbols
import TestSupport
import Testing

/// Text of byte data under ECI designators, and the guess when there is none.
@Suite struct QRECIDecodingTests {
    static func decode(_ segments: [QRTestSegment], level: QRErrorCorrectionLevel = .medium) -> QRDecodeHarness.Outcome {
        QRDecodeHarness().decode(QRTestEncoder.encode(segments, level: level)!)
    }

    @Test func decodesUTF8UnderECI26() {
        let outcome = Self.decode([.eci(26), .utf8("Grüße, 世界 🎉")])
        #expect(outcome.status == .decoded)
        #expect(outcome.text == "Grüße, 世界 🎉")
        #expect(outcome.info.hasECI)
        #expect(outcome.info.aim == AIMIdentifier("Q", "2"))
    }

    @Test func decodesISO8859PagesUnderTheirECIs() {
        // "Привет" in ISO-8859-5 (ECI 7), "Ελλάδα" in ISO-8859-7 (ECI 9), "€" in ISO-8859-15 (ECI 17).
        let russian: [UInt8] = [0xBF, 0xE0, 0xD8, 0xD2, 0xD5, 0xE2]
        let greek: [UInt8] = [0xC5, 0xEB, 0xEB, 0xDC, 0xE4, 0xE1]
        let outcome = Self.decode([.eci(7), .bytes(russian), .eci(9), .bytes(greek), .eci(17), .bytes([0x20, 0xA4])])
        #expect(outcome.status == .decoded)
        #expect(outcome.text == "ПриветΕλλάδα €")
        #expect(outcome.bytes == russian + greek + [0x20, 0xA4])
    }

    @Test func decodesShiftJISUnderECI20() {
        let outcome = Self.decode([.eci(20), .bytes([0x93, 0xFA, 0x96, 0x7B, 0x5C])])
        #expect(outcome.text == "日本\\")
    }

    @Test func decodesWindowsAndUTF16Pages() {
        #expect(Self.decode([.eci(22), .bytes([0xCF, 0xF0, 0xE8])]).text == "При")
        #expect(Self.decode([.eci(25), .bytes([0x00, 0x41, 0x8F, 0xB9])]).text == "A边")
    }

    @Test func readsBytesBeforeTheFirstECIAsISO8859_1() {
        // § 7.4.3.1: the default ECI 000003 holds until the first designator.
        let outcome = Self.decode([.bytes([0xC3, 0xBC]), .eci(26), .bytes([0xC3, 0xBC])])
        #expect(outcome.text == "Ã¼ü")
    }

    @Test func keepsNumericAndKanjiTextUnderAnyECI() {
        let outcome = Self.decode([.eci(26), .numeric("123"), .kanji([0x88, 0xA2]), .alphanumeric("AB")])
        #expect(outcome.text == "123阿AB")
    }

    @Test func readsMultiByteDesignators() {
        // 2-byte (128…16383) and 3-byte (16384…999999) forms; unknown numbers keep their bytes.
        let outcome = Self.decode([.eci(899), .bytes([0xFF, 0x41]), .eci(20000), .bytes([0x42])])
        #expect(outcome.status == .decoded)
        #expect(outcome.bytes == [0xFF, 0x41, 0x42])
        #expect(outcome.text == "ÿAB")
    }

    @Test func guessesUTF8ShiftJISAndLatin1WithoutECI() {
        #expect(Self.decode([.utf8("MECARD:N:測試;;")]).text == "MECARD:N:測試;;")
        // "今度のバージョン" in Shift_JIS byte mode, as qrcode-2/31 holds it.
        let sjis: [UInt8] = [0x8D, 0xA1, 0x93, 0x78, 0x82, 0xCC, 0x83, 0x6F, 0x81, 0x5B, 0x83, 0x57, 0x83, 0x87, 0x83, 0x93]
        #expect(Self.decode([.bytes(sjis)]).text == "今度のバージョン")
        #expect(Self.decode([.bytes([0x63, 0x61, 0x66, 0xE9])]).text == "café")
        #expect(Self.decode([.bytes([0x63, 0x61, 0x66, 0xE9])]).info.aim == AIMIdentifier("Q", "1"))
    }

    @Test func guessesOverAllByteSegmentsTogether() {
        // The guess looks at all byte segments as one run: UTF-8 here, although a numeric segment
        // sits between them.
        let outcome = Self.decode([.bytes([0x41, 0xC3, 0xBC]), .numeric("1"), .bytes([0xC3, 0xA9])])
        #expect(outcome.text == "Aü1é")
        // Adjacent byte segments merge into one run, so a character split across them survives.
        #expect(Self.decode([.bytes([0x41, 0xC3]), .bytes([0xBC])]).text == "Aü")
    }

    @Test func mixesHalfWidthKatakanaAndKanjiModeLikeQrcode2Sample16() {
        let segments: [QRTestSegment] = [
            .bytes([0x5B]), .kanji([0x8A, 0x4F, 0x91, 0xA4]), .bytes(Array("QR".utf8)),
            .kanji([0x83, 0x52, 0x81, 0x5B, 0x83, 0x68]), .bytes(Array("]\r\n \r\n*".utf8) + [0xC0, 0xDE, 0xCC, 0xDE, 0xD9] + Array("QR*".utf8)),
        ]
        #expect(Self.decode(segments).text == "[外側QRコード]\r\n \r\n*ﾀﾞﾌﾞﾙQR*")
    }
}
