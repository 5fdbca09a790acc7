import Imaging
import QRCode
import Symbols
import TestSupport
import Testing

/// Matrices and bit streams no honest encoder makes: a clear status, never a trap, never a payload
/// that was not there.
@Suite struct QRHostileInputTests {
    @Test func randomMatricesOfEverySizeNeverTrap() {
        let harness = QRDecodeHarness()
        var random = SeededRandom(seed: 0x5EED)
        var decoded = 0
        for version in 1...40 {
            let d = QRVersion.dimension(version)
            for trial in 0..<12 {
                // Pure noise, then noise with real finder-free but valid format information around it.
                var modules = (0..<(d * d)).map { _ in UInt8(random.below(2)) }
                if trial % 2 == 1 {
                    let format = QRTestMatrixBuilder.formatBits(level: .low, mask: trial % 8)
                    for i in 0..<15 {
                        let p = QRFormatInformation.firstCopyPosition(bit: i), q = QRFormatInformation.secondCopyPosition(bit: i, dimension: d)
                        modules[p.y * d + p.x] = UInt8((format >> i) & 1)
                        modules[q.y * d + q.x] = UInt8((format >> i) & 1)
                    }
                }
                if harness.decode(modules: modules, dimension: d).status == .decoded { decoded += 1 }
            }
        }
        #expect(decoded == 0)
    }

    @Test func allDarkAllLightAndOddModuleValuesNeverTrap() {
        let harness = QRDecodeHarness()
        for version in [1, 7, 40] {
            let d = QRVersion.dimension(version)
            for value: UInt8 in [0, 1, 255, 7] {
                let outcome = harness.decode(modules: [UInt8](repeating: value, count: d * d), dimension: d)
                #expect(outcome.status != .decoded)
            }
        }
    }

    @Test func anUnsizedMatrixIsRejected() {
        let harness = QRDecodeHarness()
        #expect(harness.decodeMatrix().status == .badVersionInformation) // never reset: dimension 0
        let resized = harness.matrix.reset(dimension: 23)
        #expect(!resized)
    }

    /// A version-2-L symbol (34 data codewords) around hand-made data codewords.
    static func decodeStream(_ bits: QRTestBitWriter, version: Int = 2, level: QRErrorCorrectionLevel = .low) -> QRDecodeHarness.Outcome {
        let capacity = QRBlockLayout(version: version, level: level)!.dataCodewords
        var data = bits.bytes
        precondition(data.count <= capacity)
        data += [UInt8](repeating: 0, count: capacity - data.count)
        return QRDecodeHarness().decode(QRTestEncoder.encode(dataCodewords: data, version: version, level: level, mask: 2)!)
    }

    @Test func rejectsMalformedBitStreams() {
        func stream(_ fields: [(Int, Int)]) -> QRTestBitWriter {
            var w = QRTestBitWriter()
            for (value, width) in fields { w.write(value, width) }
            return w
        }
        let cases: [(String, QRTestBitWriter)] = [
            ("unknown mode 0110", stream([(0b0110, 4)])),
            ("Hanzi mode, subset 2", stream([(0b1101, 4), (2, 4), (1, 8), (0, 13)])),
            ("Hanzi count past the end", stream([(0b1101, 4), (1, 4), (255, 8)])),
            ("numeric group ≥ 1000", stream([(0b0001, 4), (3, 10), (1000, 10)])),
            ("numeric pair ≥ 100", stream([(0b0001, 4), (2, 10), (100, 7)])),
            ("numeric digit ≥ 10", stream([(0b0001, 4), (1, 10), (10, 4)])),
            ("alphanumeric pair ≥ 2025", stream([(0b0010, 4), (2, 9), (2025, 11)])),
            ("alphanumeric single ≥ 45", stream([(0b0010, 4), (1, 9), (45, 6)])),
            ("byte count past the end", stream([(0b0100, 4), (200, 8), (0x41, 8)])),
            ("numeric count past the end", stream([(0b0001, 4), (1000, 10)])),
            ("kanji count past the end", stream([(0b1000, 4), (255, 8)])),
            ("ECI designator 111xxxxx", stream([(0b0111, 4), (0xE0, 8)])),
            ("FNC1 second with a bad indicator", stream([(0b1001, 4), (191, 8)])),
        ]
        for (name, bits) in cases {
            #expect(Self.decodeStream(bits).status == .badBitstream, "\(name)")
        }
    }

    @Test func stopsAtTheTerminatorAndIgnoresWhatFollows() {
        var w = QRTestBitWriter()
        w.write(0b0100, 4); w.write(1, 8); w.write(0x41, 8)
        w.write(0, 4)
        w.write(0b0110, 4) // garbage after the terminator
        let outcome = Self.decodeStream(w)
        #expect(outcome.status == .decoded)
        #expect(outcome.text == "A")
    }

    @Test func reportsPayloadsLargerThanTheSlot() {
        // 40-L holds 7089 digits; a 4096-byte slot cannot take them.
        let digits = String(repeating: "31415926535", count: 644)
        let symbol = QRTestEncoder.encode([.numeric(digits)], level: .low, version: 40)!
        #expect(QRDecodeHarness().decode(symbol).status == .payloadTooLarge)
        #expect(QRDecodeHarness(maxBytes: 8000, maxText: 8000).decode(symbol).text == digits)
        // Text longer than its slot: 1000 Kanji are 2000 bytes but 3000 bytes of UTF-8.
        let kanji = QRTestEncoder.encode([.kanji([UInt8](repeating: 0, count: 2000).enumerated().map { $0.offset % 2 == 0 ? 0x88 : 0xA2 })], level: .low)!
        #expect(QRDecodeHarness(maxBytes: 2500, maxText: 2500).decode(kanji).status == .payloadTooLarge)
        #expect(QRDecodeHarness(maxBytes: 2500, maxText: 3000).decode(kanji).status == .decoded)
    }
}
