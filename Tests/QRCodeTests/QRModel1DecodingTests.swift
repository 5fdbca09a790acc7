import QRCode
import Symbols
import Testing
import TestSupport

/// QR Code Model 1 (`QRModel1`): test encoder → module matrix → `QRSymbolDecoder`, every version, level
/// and mask, and what tells Model 1 from Model 2.
@Suite struct QRModel1DecodingTests {
    static let levels = QRErrorCorrectionLevel.allCases

    /// A payload filling most of a Model 1 symbol: alphanumeric header, digits, then bytes.
    static func payload(version: Int, level: QRErrorCorrectionLevel) -> (segments: [QRTestSegment], text: String) {
        let capacityBits = QRBlockLayout(model1Version: version, level: level)!.dataCodewords * 8 - 4
        let label = "\(version)\(Character(UnicodeScalar(level.letter)))"
        let header = QRTestSegment.alphanumeric(label)
        let digits = String((0..<(capacityBits / 40)).map { Character(String($0 % 10)) })
        let numeric = QRTestSegment.numeric(digits)
        let used = header.bitLength(version: version) + numeric.bitLength(version: version)
            + QRTestSegment.bytes([]).bitLength(version: version)
        let filler = (0..<max(0, (capacityBits - used) / 8)).map { UInt8(0x61 + $0 % 26) }
        return ([header, numeric, .bytes(filler)], label + digits + String(decoding: filler, as: UTF8.self))
    }

    @Test func decodesEveryVersionLevelAndMask() {
        let harness = QRDecodeHarness()
        var failures: [String] = []
        for version in 1...QRModel1.maximumVersion {
            for level in Self.levels {
                let (segments, text) = Self.payload(version: version, level: level)
                for mask in 0..<8 {
                    guard let symbol = QRTestEncoder.encodeModel1(segments, level: level, version: version, mask: mask)
                    else {
                        failures.append("v\(version) \(level) mask \(mask): did not encode")
                        continue
                    }
                    let outcome = harness.decode(symbol)
                    if outcome.status != .decoded || outcome.text != text || outcome.info.version != Int16(version)
                        || outcome.info.ecLevel != level.letter || outcome.info.errorsCorrected != 0
                        || outcome.info.aim != AIMIdentifier("Q", "0") || outcome.info.format != .qrCode {
                        failures.append("v\(version) \(level) mask \(mask): \(outcome.status) \(outcome.info.aim)")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test func blocksFitTheCellsOfEveryVersion() {
        for version in 1...QRModel1.maximumVersion {
            let cells = QRTestModel1Builder.cellCount(version: version)
            #expect(QRModel1.placedCodewords(version) == cells, "v\(version)")
            for level in Self.levels {
                let layout = QRBlockLayout(model1Version: version, level: level)!
                #expect(layout.totalCodewords <= cells && layout.totalCodewords >= cells - 4, "v\(version) \(level)")
                #expect(!layout.isInterleaved && layout.longBlockCount == 0)
            }
        }
        #expect(QRModel1.placedCodewords(1) == 26 && QRModel1.placedCodewords(14) == 610)
        #expect(QRBlockLayout(model1Version: 15, level: .low) == nil && QRModel1.placedCodewords(0) == 0)
    }

    @Test(arguments: [(3, QRErrorCorrectionLevel.low), (7, .high), (10, .quartile), (14, .medium)])
    func correctsAsManyErrorsAsEachBlockHolds(version: Int, level: QRErrorCorrectionLevel) throws {
        let (segments, text) = Self.payload(version: version, level: level)
        let symbol = try #require(QRTestEncoder.encodeModel1(segments, level: level, version: version, mask: 3))
        let t = symbol.layout.correctableErrorsPerBlock
        // The first t codewords of every block wrong: blocks are separate runs of the placement order.
        let damaged = symbol.replacingBlocks(symbol.blocks.map { block in
            block.enumerated().map { i, c in i < t ? c ^ 0x5A : c }
        })
        let outcome = QRDecodeHarness().decode(damaged)
        #expect(outcome.status == .decoded && outcome.text == text)
        #expect(Int(outcome.info.errorsCorrected) == t * symbol.blocks.count)
        let tooMany = symbol.replacingBlocks(symbol.blocks.enumerated().map { b, block in
            block.enumerated().map { i, c in b == 0 && i <= t ? c ^ 0x5A : c }
        })
        #expect(QRDecodeHarness().decode(tooMany).status != .decoded)
    }

    @Test func ignoresTheFourCornerModulesOfTheFirstCodeword() throws {
        let symbol = try #require(QRTestEncoder.encodeModel1([.utf8("corner")], level: .low, version: 2, mask: 5))
        let d = symbol.dimension
        var modules = symbol.modules
        for (x, y) in [(d - 1, d - 1), (d - 2, d - 1), (d - 1, d - 2), (d - 2, d - 2)] { modules[y * d + x] ^= 1 }
        let outcome = QRDecodeHarness().decode(symbol.replacingModules(modules))
        #expect(outcome.status == .decoded && outcome.text == "corner" && outcome.info.errorsCorrected == 0)
    }

    @Test func formatWordsTellTheModelsApartAndModel2WinsCloseCalls() {
        for level in Self.levels {
            for mask in 0..<8 {
                let model1 = QRFormatInformation.encode(level: level, mask: mask, model1: true)
                let model2 = QRFormatInformation.encode(level: level, mask: mask)
                #expect(QRFormatInformation.decode(bits: model1, model1: true)
                    == QRFormatInformation(level: level, mask: mask, isModel1: true))
                // Where Model 1 is not allowed (versions 15 and up), its words do not read as Model 2.
                #expect(QRFormatInformation.decode(bits: model1)?.isModel1 != true)
                // Model 1 words are taken within 2 bits, not 3.
                #expect(QRFormatInformation.decode(bits: model1 ^ 0b101, model1: true)?.isModel1 == true)
                #expect(QRFormatInformation.decode(bits: model1 ^ 0b10101, model1: true)?.isModel1 != true)
                // Model 2 words with up to 2 bits wrong stay Model 2 (Model 1 words are at least 5 away).
                for i in 0..<15 {
                    for j in i..<15 {
                        let read = QRFormatInformation.decode(bits: model2 ^ (1 << UInt32(i)) ^ (1 << UInt32(j)), model1: true)
                        #expect(read?.isModel1 == false && read?.level == level && read?.mask == mask)
                    }
                }
            }
        }
    }

    @Test func formatLookUpAgreesWithScanningEveryValidWord() {
        // Every word of 15 bits, alone and paired with another, against a plain scan of the 64 words.
        func scan(_ a: UInt32, _ b: UInt32) -> QRFormatInformation? {
            var best: (distance: Int, format: QRFormatInformation)?
            for model1 in [false, true] {
                for level in Self.levels.sorted(by: { $0.formatBits < $1.formatBits }) {
                    for mask in 0..<8 {
                        let word = QRFormatInformation.encode(level: level, mask: mask, model1: model1)
                        let distance = min((word ^ a).nonzeroBitCount, (word ^ b).nonzeroBitCount)
                        guard distance <= (model1 ? 2 : 3), distance < (best?.distance ?? 99) else { continue }
                        best = (distance, QRFormatInformation(level: level, mask: mask, bitErrors: distance, isModel1: model1))
                    }
                }
            }
            return best?.format
        }
        var rng = SeededRandom(seed: 18004)
        var mismatches = 0
        for a in UInt32(0)..<(1 << 15) {
            let b = UInt32(truncatingIfNeeded: rng.next()) & 0x7FFF
            if QRFormatInformation.decode(bits: a, model1: true) != scan(a, a) { mismatches += 1 }
            if QRFormatInformation.decode(bits: a, b, model1: true) != scan(a, b) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func aModel2SymbolWhoseFormatCopiesLookLikeModel1StillDecodes() throws {
        // Both copies 3 bits off the Model 2 word, so 2 bits off a Model 1 word (5 bits from it).
        var found: (level: QRErrorCorrectionLevel, mask: Int, read: UInt32)?
        for level in Self.levels {
            for mask in 0..<8 where found == nil {
                let model2 = QRFormatInformation.encode(level: level, mask: mask)
                for l in Self.levels {
                    for m in 0..<8 where found == nil {
                        let model1 = QRFormatInformation.encode(level: l, mask: m, model1: true)
                        let differing = model2 ^ model1
                        guard differing.nonzeroBitCount == 5 else { continue }
                        var read = model2, flipped = 0
                        for bit in 0..<15 where differing & (1 << UInt32(bit)) != 0 && flipped < 3 {
                            read ^= 1 << UInt32(bit)
                            flipped += 1
                        }
                        found = (level, mask, read)
                    }
                }
            }
        }
        let (level, mask, read) = try #require(found)
        #expect(QRFormatInformation.decode(bits: read, model1: true)?.isModel1 == true)
        var modules = try #require(QRTestEncoder.encode([.utf8("model 2")], level: level, version: 2, mask: mask)).modules
        let d = 25
        for i in 0..<15 {
            let on: UInt8 = (read >> UInt32(i)) & 1 == 1 ? 1 : 0
            let p = QRFormatInformation.firstCopyPosition(bit: i), q = QRFormatInformation.secondCopyPosition(bit: i, dimension: d)
            modules[p.y * d + p.x] = on
            modules[q.y * d + q.x] = on
        }
        let outcome = QRDecodeHarness().decode(modules: modules, dimension: d)
        #expect(outcome.status == .decoded && outcome.text == "model 2" && outcome.info.aim == AIMIdentifier("Q", "1"))
    }

    @Test func takesAModel1FormatTwoBitsOffOnlyWhenBothCopiesAgree() throws {
        let symbol = try #require(QRTestEncoder.encodeModel1([.utf8("copies")], level: .quartile, version: 4, mask: 6))
        let d = symbol.dimension
        let word = QRFormatInformation.encode(level: .quartile, mask: 6, model1: true)
        func decode(first: UInt32, second: UInt32) -> QRDecodeStatus {
            var modules = symbol.modules
            for i in 0..<15 {
                let p = QRFormatInformation.firstCopyPosition(bit: i), q = QRFormatInformation.secondCopyPosition(bit: i, dimension: d)
                modules[p.y * d + p.x] = UInt8((first >> UInt32(i)) & 1)
                modules[q.y * d + q.x] = UInt8((second >> UInt32(i)) & 1)
            }
            return QRDecodeHarness().decode(modules: modules, dimension: d).status
        }
        #expect(decode(first: word ^ 0b11, second: word ^ 0b1100_0000_0000) == .decoded) // both 2 off, agreeing
        #expect(decode(first: word ^ 0b100, second: ~word & 0x7FFF) == .decoded) // one 1 off, the other all wrong
        #expect(decode(first: word ^ 0b11, second: ~word & 0x7FFF) != .decoded) // one 2 off alone: not Model 1
    }

    @Test func model1FormatInformationOnAVersion15SymbolIsNotRead() throws {
        var modules = try #require(QRTestEncoder.encode([.utf8("fifteen")], level: .low, version: 15, mask: 1)).modules
        let d = 77
        let word = QRFormatInformation.encode(level: .low, mask: 1, model1: true)
        for i in 0..<15 {
            let on: UInt8 = (word >> UInt32(i)) & 1 == 1 ? 1 : 0
            let p = QRFormatInformation.firstCopyPosition(bit: i), q = QRFormatInformation.secondCopyPosition(bit: i, dimension: d)
            modules[p.y * d + p.x] = on
            modules[q.y * d + q.x] = on
        }
        #expect(QRDecodeHarness().decode(modules: modules, dimension: d).status == .badFormatInformation)
    }

    @Test func rejectsAnECIDesignatorInAModel1Stream() throws {
        let symbol = try #require(QRTestEncoder.encodeModel1([.eci(26), .utf8("é")], level: .low, version: 1, mask: 0))
        #expect(QRDecodeHarness().decode(symbol).status == .badBitstream)
    }

    @Test func keepsStructuredAppendAndReadsKanjiInModel1() throws {
        // 点茗 in Shift_JIS: 0x935F 0xE4AA.
        let symbol = try #require(QRTestEncoder.encodeModel1(
            [.structuredAppend(index: 1, count: 3, parity: 0x42), .kanji([0x93, 0x5F, 0xE4, 0xAA])], level: .medium))
        let outcome = QRDecodeHarness().decode(symbol)
        #expect(outcome.status == .decoded && outcome.text == "点茗")
        #expect(outcome.info.structuredAppend == StructuredAppend(index: 1, count: 3, parity: 0x42))
        #expect(outcome.info.aim == AIMIdentifier("Q", "0"))
    }
}
