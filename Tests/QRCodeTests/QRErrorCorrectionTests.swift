import QRCode
import Symbols
import TestSupport
import Testing

/// Damage to codewords, format and version information: corrected up to the level's capacity, a clean
/// failure (never other text) beyond it.
@Suite struct QRErrorCorrectionTests {
    static func symbol(version: Int, level: QRErrorCorrectionLevel) -> (QRTestSymbol, String) {
        // Fill the symbol (a byte segment header takes under 3 codewords), so that damage hits data.
        let room = QRBlockLayout(version: version, level: level)!.dataCodewords - 3
        let text = String(("Lumascan v\(version) \(level) " + String(repeating: "0123456789", count: 300)).prefix(room))
        return (QRTestEncoder.encode([.utf8(text)], level: level, version: version, mask: version % 8)!, text)
    }

    /// `symbol` with `errors(b)` codewords of each block b changed at random positions.
    static func damaged(_ symbol: QRTestSymbol, _ random: inout SeededRandom, errors: (Int) -> Int) -> (QRTestSymbol, Int) {
        var blocks = symbol.blocks
        var total = 0
        for b in blocks.indices {
            var positions = Set<Int>()
            while positions.count < min(errors(b), blocks[b].count) { positions.insert(random.below(blocks[b].count)) }
            for p in positions { blocks[b][p] ^= UInt8(1 + random.below(255)) }
            total += positions.count
        }
        return (symbol.replacingBlocks(blocks), total)
    }

    @Test func correctsUpToCapacityInEveryBlock() {
        let harness = QRDecodeHarness()
        var random = SeededRandom(seed: 0xC0FFEE)
        for version in [1, 2, 3, 5, 7, 10, 15, 22, 27, 33, 40] {
            for level in QRErrorCorrectionLevel.allCases {
                let (clean, text) = Self.symbol(version: version, level: level)
                let capacity = QRBlockLayout(version: version, level: level)!.correctableErrorsPerBlock
                let (damaged, errors) = Self.damaged(clean, &random) { _ in capacity }
                let outcome = harness.decode(damaged)
                #expect(outcome.status == .decoded, "v\(version) \(level)")
                #expect(outcome.text == text)
                #expect(outcome.info.errorsCorrected == Int16(errors))
            }
        }
    }

    @Test func failsCleanlyBeyondCapacity() {
        let harness = QRDecodeHarness()
        var random = SeededRandom(seed: 0xBAD5EED)
        for version in [1, 2, 3, 4, 6, 9, 14, 20, 25, 31, 40] {
            for level in QRErrorCorrectionLevel.allCases {
                let (clean, _) = Self.symbol(version: version, level: level)
                let capacity = QRBlockLayout(version: version, level: level)!.correctableErrorsPerBlock
                for extra in 1...3 {
                    // One block past its capacity, the others at it.
                    let victim = random.below(clean.blocks.count)
                    let (damaged, _) = Self.damaged(clean, &random) { $0 == victim ? capacity + extra : capacity }
                    let outcome = harness.decode(damaged)
                    #expect(outcome.status == .tooManyErrors, "v\(version) \(level) +\(extra)")
                }
            }
        }
    }

    @Test func readsAroundDamagedFormatInformation() {
        let harness = QRDecodeHarness()
        let (clean, text) = Self.symbol(version: 3, level: .quartile)
        let d = clean.dimension
        var modules = clean.modules
        // The first copy holds another valid word (level H, mask 5): the copies disagree, the second
        // one's reading passes error correction.
        let other = QRTestMatrixBuilder.formatBits(level: .high, mask: 5)
        for i in 0..<15 {
            let p = QRFormatInformation.firstCopyPosition(bit: i)
            modules[p.y * d + p.x] = UInt8((other >> i) & 1)
        }
        #expect(harness.decode(modules: modules, dimension: d).text == text)
        // Every bit of the first copy flipped: the complement of a valid word is another valid word
        // (the BCH code holds the all-ones word), so this disagrees too.
        for i in 0..<15 {
            let p = QRFormatInformation.firstCopyPosition(bit: i)
            modules[p.y * d + p.x] = 1 - clean.modules[p.y * d + p.x]
        }
        #expect(harness.decode(modules: modules, dimension: d).text == text)
        // Three flipped bits in the second copy: still the nearest word to it.
        for i in [0, 9, 13] {
            let q = QRFormatInformation.secondCopyPosition(bit: i, dimension: d)
            modules[q.y * d + q.x] ^= 1
        }
        #expect(harness.decode(modules: modules, dimension: d).status == .decoded)
        // A fourth: neither copy is usable.
        let q = QRFormatInformation.secondCopyPosition(bit: 4, dimension: d)
        modules[q.y * d + q.x] ^= 1
        let outcome = harness.decode(modules: modules, dimension: d)
        #expect(outcome.status == .badFormatInformation || outcome.status == .tooManyErrors)
    }

    @Test func checksVersionInformationAgainstTheSize() {
        let harness = QRDecodeHarness()
        let (clean, text) = Self.symbol(version: 12, level: .medium)
        let d = clean.dimension
        var modules = clean.modules
        // Rewrite both blocks with version 13's word: the size says 12.
        let wrong = QRTestMatrixBuilder.versionBits(13)
        for i in 0..<18 {
            let p = QRVersionInformation.topRightPosition(bit: i, dimension: d)
            modules[p.y * d + p.x] = UInt8((wrong >> i) & 1)
            modules[p.x * d + p.y] = UInt8((wrong >> i) & 1)
        }
        #expect(harness.decode(modules: modules, dimension: d).status == .badVersionInformation)
        // Unreadable version information (both blocks 4 or more bits from every valid word): the size
        // decides.
        let valid = (7...40).map { QRTestMatrixBuilder.versionBits($0) }
        let garbage = (0..<(1 << 18)).first { bits in valid.allSatisfy { ($0 ^ bits).nonzeroBitCount >= 4 } }!
        for i in 0..<18 {
            let p = QRVersionInformation.topRightPosition(bit: i, dimension: d)
            modules[p.y * d + p.x] = UInt8((garbage >> i) & 1)
            modules[p.x * d + p.y] = UInt8((garbage >> i) & 1)
        }
        #expect(QRVersionInformation.decode(bits: UInt32(garbage)) == nil)
        #expect(harness.decode(modules: modules, dimension: d).text == text)
    }
}
