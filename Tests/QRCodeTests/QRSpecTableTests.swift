import QRCode
import TestSupport
import Testing

/// The spec tables against what ISO/IEC 18004:2015 states or implies about them.
@Suite struct QRSpecTableTests {
    @Test func dimensionsRunFrom21To177() {
        #expect(QRVersion.dimension(1) == 21 && QRVersion.dimension(40) == 177)
        #expect(QRVersion.dimension(0) == 0 && QRVersion.dimension(41) == 0)
        for v in 1...40 { #expect(QRVersion.version(forDimension: QRVersion.dimension(v)) == v) }
        for d in [0, 20, 22, 23, 24, 178, 181, -21] { #expect(QRVersion.version(forDimension: d) == nil) }
    }

    @Test func totalCodewordsMatchTable1() {
        // Table 1 spot values: version → total codewords, remainder bits.
        let known: [(Int, Int, Int)] = [(1, 26, 0), (2, 44, 7), (6, 172, 7), (7, 196, 0), (14, 581, 3), (21, 1156, 4),
                                        (26, 1706, 4), (27, 1828, 4), (28, 1921, 3), (35, 2876, 0), (40, 3706, 0)]
        for (v, total, remainder) in known {
            #expect(QRVersion.totalCodewords(v) == total)
            #expect(QRVersion.remainderBits(v) == remainder)
        }
        #expect(QRVersion.maxTotalCodewords == QRVersion.totalCodewords(40))
    }

    @Test func blockLayoutsAddUpToTheVersionsCodewords() {
        for v in 1...40 {
            for level in QRErrorCorrectionLevel.allCases {
                let layout = QRBlockLayout(version: v, level: level)!
                #expect(layout.totalCodewords == QRVersion.totalCodewords(v), "v\(v) \(level)")
                #expect(layout.longBlockDataCodewords + layout.checkCodewordsPerBlock <= 255)
                #expect(layout.correctableErrorsPerBlock == layout.checkCodewordsPerBlock / 2, "full capacity")
                #expect(QRBlockLayout.misdecodeProtection(version: v, level: level) == 0 || v <= 3,
                        "only versions 1–3 hold back misdecode-protection codewords")
            }
        }
        // Table 9 examples: 5-Q has 2 × (33,15) and 2 × (34,16); 40-H 20 × (45,15) and 61 × (46,16).
        let q5 = QRBlockLayout(version: 5, level: .quartile)!
        #expect(q5.shortBlockCount == 2 && q5.shortBlockDataCodewords == 15 && q5.longBlockCount == 2 && q5.checkCodewordsPerBlock == 18)
        let h40 = QRBlockLayout(version: 40, level: .high)!
        #expect(h40.shortBlockCount == 20 && h40.longBlockCount == 61 && h40.dataCodewords == 1276)
        #expect(QRBlockLayout(version: 1, level: .low)!.correctableErrorsPerBlock == 3)
        #expect(QRBlockLayout(version: 1, level: .high)!.correctableErrorsPerBlock == 8)
        #expect(QRBlockLayout.misdecodeProtection(version: 1, level: .low) == 3)
        #expect(QRBlockLayout(version: 0, level: .low) == nil && QRBlockLayout(version: 41, level: .low) == nil)
    }

    @Test func alignmentCoordinatesFollowAnnexE() {
        #expect(QRVersion.alignmentCoordinateCount(1) == 0)
        for v in 2...40 {
            let n = QRVersion.alignmentCoordinateCount(v)
            let c = (0..<n).map { QRVersion.alignmentCoordinate(v, $0) }
            #expect(c.first == 6 && c.last == QRVersion.dimension(v) - 7)
            // Equal, even steps from the last coordinate down to the second; the first step takes the rest.
            let steps = zip(c.dropFirst(), c).map { $0 - $1 }
            #expect(Set(steps.dropFirst()).count <= 1 && steps.allSatisfy { $0 % 2 == 0 && $0 >= 12 })
        }
        #expect(QRVersion.alignmentCoordinate(7, 3) == 0 && QRVersion.alignmentCoordinate(2, -1) == 0)
        #expect(QRVersion.hasAlignmentPattern(7, centerX: 22, centerY: 22))
        #expect(QRVersion.hasAlignmentPattern(7, centerX: 6, centerY: 22))
        #expect(!QRVersion.hasAlignmentPattern(7, centerX: 6, centerY: 6))
        #expect(!QRVersion.hasAlignmentPattern(7, centerX: 38, centerY: 6))
        #expect(QRVersion.hasAlignmentPattern(7, centerX: 38, centerY: 38))
    }

    @Test func functionModulesLeaveExactlyTheDataModules() {
        for v in 1...40 {
            let d = QRVersion.dimension(v)
            var data = 0
            for y in 0..<d {
                for x in 0..<d where !QRFunctionModules.isFunctionModule(x: x, y: y, version: v) { data += 1 }
            }
            #expect(data == QRVersion.dataModules(v), "v\(v)")
        }
        #expect(QRFunctionModules.isFunctionModule(x: -1, y: 0, version: 1))
        #expect(QRFunctionModules.isFunctionModule(x: 21, y: 0, version: 1))
        #expect(QRFunctionModules.isFunctionModule(x: 8, y: 13, version: 1), "the dark module")
        #expect(!QRFunctionModules.isFunctionModule(x: 9, y: 9, version: 1))
    }

    @Test func formatInformationWordsMatchAnnexC() {
        // Annex C examples and Table C.1 entries: M, mask 5 → 100000011001110; L mask 0 → 111011111000100.
        #expect(QRFormatInformation.encode(level: .medium, mask: 5) == 0b100000011001110)
        #expect(QRFormatInformation.encode(level: .low, mask: 0) == 0b111011111000100)
        #expect(QRFormatInformation.encode(level: .high, mask: 7) == 0b000100000111011)
        #expect(QRFormatInformation.encode(level: .medium, mask: 0) == 0x5412)
        // Every word of Table C.1 decodes to its own level and mask.
        for level in QRErrorCorrectionLevel.allCases {
            for mask in 0..<8 {
                let word = QRTestMatrixBuilder.formatBits(level: level, mask: mask)
                #expect(QRFormatInformation.decode(bits: UInt32(word)) == QRFormatInformation(level: level, mask: mask))
            }
        }
    }

    @Test func formatInformationCorrectsUpToThreeBitErrors() {
        for level in QRErrorCorrectionLevel.allCases {
            for mask in 0..<8 {
                let word = QRFormatInformation.encode(level: level, mask: mask)
                for a in -1..<15 {
                    for b in -1..<15 {
                        for c in -1..<15 {
                            var bits = word
                            for i in [a, b, c] where i >= 0 { bits ^= 1 << UInt32(i) }
                            let decoded = QRFormatInformation.decode(bits: bits)
                            #expect(decoded?.level == level && decoded?.mask == mask)
                        }
                    }
                }
            }
        }
        // Either copy may be the good one.
        let good = QRFormatInformation.encode(level: .quartile, mask: 6)
        #expect(QRFormatInformation.decode(bits: good ^ 0x7F00, good ^ 0x3)?.mask == 6)
        #expect(QRFormatInformation.decode(bits: good ^ 0x7F00, good ^ 0x7F) == nil)
    }

    @Test func versionInformationMatchesAnnexDAndCorrectsThreeBits() {
        #expect(QRVersionInformation.encode(version: 7) == 0x07C94)
        #expect(QRVersionInformation.encode(version: 40) == 0x28C69)
        #expect(QRVersionInformation.encode(version: 6) == 0)
        for v in 7...40 {
            let word = QRVersionInformation.encode(version: v)
            for a in -1..<18 {
                for b in a..<18 {
                    for c in b..<18 {
                        var bits = word
                        for i in Set([a, b, c]) where i >= 0 { bits ^= 1 << UInt32(i) }
                        #expect(QRVersionInformation.decode(bits: bits) == v)
                    }
                }
            }
        }
        #expect(QRVersionInformation.decode(bits: 0) == nil)
    }

    @Test func marksTheSameFunctionModulesAsTheModuleTest() {
        var mask = [UInt8](repeating: 7, count: 177 * 177)
        for v in 1...40 {
            let d = QRVersion.dimension(v)
            mask.withUnsafeMutableBufferPointer { QRFunctionModules.markFunctionModules(version: v, into: $0.baseAddress!) }
            var differ = 0
            for y in 0..<d {
                for x in 0..<d where (mask[y * d + x] == 1) != QRFunctionModules.isFunctionModule(x: x, y: y, version: v) {
                    differ += 1
                }
            }
            #expect(differ == 0, "version \(v): \(differ) modules differ")
        }
    }
}
