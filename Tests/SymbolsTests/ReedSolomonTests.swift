import Imaging
import Symbols
import TestSupport
import Testing

/// Reed-Solomon over GF(256), both fields: encode, corrupt, correct.
@Suite struct ReedSolomonTests {
    final class Codec {
        let arena = ScanArena()
        let field: GaloisField
        let encoder: ReedSolomonEncoder
        let decoder: ReedSolomonDecoder
        init(dataMatrix: Bool) {
            field = dataMatrix ? .dataMatrix(arena: arena) : .qrCode(arena: arena)
            encoder = ReedSolomonEncoder(arena: arena, field: field)
            decoder = ReedSolomonDecoder(arena: arena, field: field)
        }
        func encode(_ data: [UInt8], checkCount: Int) -> [UInt8] {
            var check = [UInt8](repeating: 0, count: checkCount)
            data.withUnsafeBufferPointer { d in check.withUnsafeMutableBufferPointer { _ = encoder.encode(data: d, check: $0) } }
            return data + check
        }
        func decode(_ block: inout [UInt8], checkCount: Int, maxErrors: Int? = nil) -> ReedSolomonResult {
            let n = block.count
            return block.withUnsafeMutableBufferPointer { decoder.decode($0.baseAddress!, count: n, checkCount: checkCount, maxErrors: maxErrors) }
        }
    }

    @Test func fieldTablesAreConsistent() {
        for dataMatrix in [false, true] {
            let codec = Codec(dataMatrix: dataMatrix) // owns the arena the field's tables live in
            let field = codec.field
            defer { withExtendedLifetime(codec) {} }
            var seen = Set<UInt8>()
            for i in 0..<255 { seen.insert(field.power(i)) }
            #expect(seen.count == 255 && !seen.contains(0), "α generates the multiplicative group")
            for a in 1...255 {
                let x = UInt8(a)
                #expect(field.multiply(x, field.inverse(x)) == 1)
                #expect(field.power(field.log(x)) == x)
            }
            #expect(field.multiply(0x80, 2) == UInt8(truncatingIfNeeded: field.primitive ^ 0x100))
        }
    }

    @Test func encodesTheISO18004AnnexIExample() {
        // ISO/IEC 18004:2015 Annex I.3: "01234567" as 1-M; data codewords and their 10 check codewords.
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        let check: [UInt8] = [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55]
        let block = Codec(dataMatrix: false).encode(data, checkCount: 10)
        #expect(Array(block.suffix(10)) == check)
    }

    @Test func encodesTheISO16022AnnexExample() {
        // ISO/IEC 16022 Annex O: "123456" in a 10 × 10 Data Matrix: data 142 164 186, check 114 25 5 88 102.
        let block = Codec(dataMatrix: true).encode([142, 164, 186], checkCount: 5)
        #expect(Array(block.suffix(5)) == [114, 25, 5, 88, 102])
    }

    @Test(arguments: [false, true])
    func correctsUpToHalfTheCheckCodewords(dataMatrix: Bool) {
        let codec = Codec(dataMatrix: dataMatrix)
        var random = SeededRandom(seed: dataMatrix ? 0xD1B54A32D192ED03 : 0x9E3779B97F4A7C15)
        for _ in 0..<400 {
            let checkCount = 2 + random.below(60)
            let dataCount = 1 + random.below(255 - checkCount)
            let clean = codec.encode((0..<dataCount).map { _ in random.byte() }, checkCount: checkCount)
            var block = clean
            let errors = random.below(checkCount / 2 + 1)
            var positions = Set<Int>()
            while positions.count < errors { positions.insert(random.below(block.count)) }
            for p in positions { block[p] ^= UInt8(1 + random.below(255)) }
            let result = codec.decode(&block, checkCount: checkCount)
            #expect(result == .corrected(errors: errors))
            #expect(block == clean)
        }
    }

    @Test func failsCleanlyBeyondCapacity() {
        let codec = Codec(dataMatrix: false)
        var random = SeededRandom(seed: 42)
        var miscorrected = 0
        for _ in 0..<300 {
            let checkCount = 4 + random.below(27)
            let dataCount = 1 + random.below(120)
            let clean = codec.encode((0..<dataCount).map { _ in random.byte() }, checkCount: checkCount)
            var block = clean
            let errors = checkCount / 2 + 1 + random.below(4)
            var positions = Set<Int>()
            while positions.count < min(errors, block.count) { positions.insert(random.below(block.count)) }
            for p in positions { block[p] ^= UInt8(1 + random.below(255)) }
            let before = block
            switch codec.decode(&block, checkCount: checkCount) {
            case .uncorrectable:
                #expect(block == before, "an uncorrectable block may be left changed only on the way to a codeword")
            case .corrected:
                // Possible in theory (another codeword within t), never the original one.
                #expect(block != clean)
                miscorrected += 1
            }
        }
        #expect(miscorrected <= 3)
    }

    @Test func honoursAnErrorLimitBelowHalfTheCheckCodewords() {
        let codec = Codec(dataMatrix: false)
        let clean = codec.encode(Array(0..<19), checkCount: 7) // 1-L: 7 check codewords, p = 3 → 2 errors
        var block = clean
        block[0] ^= 1; block[5] ^= 2; block[9] ^= 3
        #expect(codec.decode(&block, checkCount: 7, maxErrors: 2) == .uncorrectable)
        #expect(codec.decode(&block, checkCount: 7) == .corrected(errors: 3))
        #expect(block == clean)
    }

    @Test func rejectsImpossibleBlockSizes() {
        let codec = Codec(dataMatrix: false)
        var block = [UInt8](repeating: 0, count: 300)
        #expect(codec.decode(&block, checkCount: 10) == .uncorrectable)
        var small: [UInt8] = [1, 2]
        #expect(codec.decode(&small, checkCount: 2) == .uncorrectable)
        #expect(codec.decode(&small, checkCount: 0) == .uncorrectable)
    }
}
