import QRCode
import Symbols
import TestSupport
import Testing

/// Encoder → module matrix → `QRSymbolDecoder`, over every version, level and mask, and every mode.
@Suite struct QRRoundTripTests {
    static let levels = QRErrorCorrectionLevel.allCases

    /// A payload filling most of the symbol, mixing modes, deterministic per version and level.
    static func payload(version: Int, level: QRErrorCorrectionLevel) -> (segments: [QRTestSegment], text: String) {
        let capacityBits = QRBlockLayout(version: version, level: level)!.dataCodewords * 8
        let header = QRTestSegment.alphanumeric("V\(version)-\(Character(UnicodeScalar(level.letter)))")
        let digits = String((0..<(capacityBits / 40)).map { Character(String($0 % 10)) })
        let numeric = QRTestSegment.numeric(digits)
        let used = header.bitLength(version: version) + numeric.bitLength(version: version)
            + QRTestSegment.bytes([]).bitLength(version: version)
        let filler = (0..<max(0, (capacityBits - used) / 8)).map { UInt8(0x61 + $0 % 26) }
        let text = "V\(version)-\(Character(UnicodeScalar(level.letter)))" + digits + String(decoding: filler, as: UTF8.self)
        return ([header, numeric, .bytes(filler)], text)
    }

    @Test func decodesEveryVersionLevelAndMask() {
        let harness = QRDecodeHarness()
        var failures: [String] = []
        for version in 1...40 {
            for level in Self.levels {
                let (segments, text) = Self.payload(version: version, level: level)
                for mask in 0..<8 {
                    guard let symbol = QRTestEncoder.encode(segments, level: level, version: version, mask: mask) else {
                        failures.append("v\(version) \(level) mask \(mask): did not encode")
                        continue
                    }
                    let outcome = harness.decode(symbol)
                    if outcome.status != .decoded || outcome.text != text
                        || outcome.info.version != Int16(version) || outcome.info.ecLevel != level.letter
                        || outcome.info.errorsCorrected != 0 {
                        failures.append("v\(version) \(level) mask \(mask): \(outcome.status)")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test func choosesTheLowestPenaltyMaskAndStillDecodes() {
        let harness = QRDecodeHarness()
        let symbol = QRTestEncoder.encode([.utf8("https://example.com/lumascan")], level: .quartile)!
        let outcome = harness.decode(symbol)
        #expect(outcome.status == .decoded)
        #expect(outcome.text == "https://example.com/lumascan")
        #expect(outcome.info.aim == AIMIdentifier("Q", "1"))
        #expect(outcome.info.format == .qrCode)
    }

    @Test(arguments: [
        "0", "12", "123", "1234", "0123456789", String(repeating: "9876543210", count: 30),
    ])
    func decodesNumericSegments(_ digits: String) {
        let outcome = QRDecodeHarness().decode(QRTestEncoder.encode([.numeric(digits)], level: .low)!)
        #expect(outcome.status == .decoded)
        #expect(outcome.text == digits)
        #expect(outcome.bytes == Array(digits.utf8))
    }

    @Test(arguments: ["A", "AB", "HELLO WORLD", "$%*+-./: 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"])
    func decodesAlphanumericSegments(_ text: String) {
        let outcome = QRDecodeHarness().decode(QRTestEncoder.encode([.alphanumeric(text)], level: .high)!)
        #expect(outcome.status == .decoded)
        #expect(outcome.text == text)
    }

    @Test func decodesAllByteValues() {
        let bytes = (0...255).map { UInt8($0) }
        let outcome = QRDecodeHarness().decode(QRTestEncoder.encode([.eci(899), .bytes(bytes)], level: .medium)!)
        #expect(outcome.status == .decoded)
        #expect(outcome.bytes == bytes)
        // ECI 899 (binary) shows bytes as ISO-8859-1.
        #expect(outcome.text.unicodeScalars.map { $0.value } == bytes.map { UInt32($0) })
    }

    @Test func decodesKanjiModeAsShiftJIS() {
        // 点茗 (0x935F 0xE4AA), the example of ISO/IEC 18004 § 7.4.7, and テスト 阿 (0x88A2).
        let pairs: [UInt8] = [0x93, 0x5F, 0xE4, 0xAA, 0x83, 0x65, 0x83, 0x58, 0x83, 0x67, 0x88, 0xA2]
        let outcome = QRDecodeHarness().decode(QRTestEncoder.encode([.kanji(pairs)], level: .medium)!)
        #expect(outcome.status == .decoded)
        #expect(outcome.bytes == pairs)
        #expect(outcome.text == "点茗テスト阿")
    }

    @Test func decodesHanziModeAsGB2312() {
        // As qrcode-2/33 holds it: "\u{01}\u{10}AD:SUB:" in byte mode, 阿 (GB 2312 0xB0A2) in Hanzi mode, ";;".
        let segments: [QRTestSegment] = [.bytes(Array("\u{01}\u{10}AD:SUB:".utf8)), .hanzi([0xB0, 0xA2, 0xA1, 0xA1, 0xF7, 0xFE]), .bytes(Array(";;".utf8))]
        let outcome = QRDecodeHarness().decode(QRTestEncoder.encode(segments, level: .low)!)
        #expect(outcome.status == .decoded)
        #expect(outcome.text == "\u{01}\u{10}AD:SUB:阿\u{3000}齄;;")
        #expect(outcome.bytes == Array("\u{01}\u{10}AD:SUB:".utf8) + [0xB0, 0xA2, 0xA1, 0xA1, 0xF7, 0xFE] + Array(";;".utf8))
    }

    @Test func decodesMixedModesInOrder() {
        let segments: [QRTestSegment] = [
            .bytes(Array("\u{01}\u{10}AD:SUB:".utf8)), .kanji([0x88, 0xA2]), .bytes(Array(";;".utf8)), .numeric("42"), .alphanumeric("AB"),
        ]
        let outcome = QRDecodeHarness().decode(QRTestEncoder.encode(segments, level: .low)!)
        #expect(outcome.status == .decoded)
        #expect(outcome.text == "\u{01}\u{10}AD:SUB:阿;;42AB")
    }

    @Test func decodesEmptyPayload() {
        let outcome = QRDecodeHarness().decode(QRTestEncoder.encode([], level: .low)!)
        #expect(outcome.status == .decoded)
        #expect(outcome.bytes.isEmpty && outcome.text.isEmpty)
    }

    @Test func decodesDataThatFillsTheSymbolWithoutTerminator() {
        // 1-L holds 19 data codewords = 152 bits: byte mode header 12 bits + 17 bytes = 148, 4 bits left
        // for the terminator; 18 bytes would not fit. Numeric: 41 digits fill 4 + 10 + 136 + 4 = 154 > 152,
        // so use 40 digits (4 + 10 + 130 + 4 = 148) plus terminator exactly.
        let outcome = QRDecodeHarness().decode(QRTestEncoder.encode([.bytes(Array(repeating: 0x41, count: 17))], level: .low, version: 1)!)
        #expect(outcome.status == .decoded)
        #expect(outcome.text == String(repeating: "A", count: 17))
        let full = [UInt8](repeating: 0, count: 19)
        var w = QRTestBitWriter()
        QRTestSegment.numeric(String(repeating: "7", count: 41)).append(to: &w, version: 1)
        #expect(w.count == 4 + 10 + 137)
        var data = w.bytes
        data += full.prefix(19 - data.count)
        let exact = QRDecodeHarness().decode(QRTestEncoder.encode(dataCodewords: data, version: 1, level: .low, mask: 3)!)
        #expect(exact.status == .decoded)
        #expect(exact.text == String(repeating: "7", count: 41))
    }
}
