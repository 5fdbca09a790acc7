import Imaging
import MallocCounter
import QRCode
import Symbols
import TestSupport
import Testing

/// `QRSymbolDecoder.decode` allocates nothing once set up, whatever it is given.
@Suite(.serialized) struct QRDecoderAllocationTests {
    @Test func decodingAThousandVariedMatricesAllocatesNothing() {
        // Matrices made before counting: clean symbols of many versions, levels and modes (Model 2 and
        // Model 1), damaged ones, and noise.
        var inputs: [(modules: [UInt8], dimension: Int)] = []
        let levels = QRErrorCorrectionLevel.allCases
        for i in 0..<40 {
            let version = i + 1, level = levels[i % 4]
            let segments: [QRTestSegment] = [
                .eci(i % 3 == 0 ? 26 : 20), .utf8("Zählung \(i) 測試"), .numeric("\(i * 7919)"), .alphanumeric("LUMA \(i)"),
                .kanji([0x88, 0xA2]), .bytes([0xC3, 0xDE, 0xBB]), i % 5 == 0 ? .structuredAppend(index: 1, count: 2, parity: 9) : .fnc1First,
            ]
            let symbol = QRTestEncoder.encode(segments, level: level, version: version, mask: i % 8)
                ?? QRTestEncoder.encode(segments, level: level, mask: i % 8)!
            inputs.append((symbol.modules, symbol.dimension))
            var damaged = symbol.modules
            for k in stride(from: 0, to: damaged.count, by: 37) { damaged[k] ^= 1 }
            inputs.append((damaged, symbol.dimension))
            inputs.append(((0..<symbol.modules.count).map { UInt8(($0 * 7 + i) % 3 == 0 ? 1 : 0) }, symbol.dimension))
        }
        // Model 1 symbols (`QRModel1`), clean and damaged: their own placement, blocks and stream.
        for version in 1...QRModel1.maximumVersion {
            let symbol = QRTestEncoder.encodeModel1([.utf8("Model 1 v\(version)"), .numeric("\(version * 7919)")],
                                                    level: levels[version % 4], version: version, mask: version % 8)!
            inputs.append((symbol.modules, symbol.dimension))
            var damaged = symbol.modules
            for k in stride(from: 0, to: damaged.count, by: 41) { damaged[k] ^= 1 }
            inputs.append((damaged, symbol.dimension))
        }
        let noGuess = QRTestEncoder.encode([.bytes([0x8D, 0xA1, 0x93, 0x78, 0x82, 0xCC])], level: .high)!
        inputs.append((noGuess.modules, noGuess.dimension))

        let arena = ScanArena()
        let results = ResultSlots(arena: arena, capacity: 4)
        let decoder = QRSymbolDecoder(arena: arena)
        var matrix = QRModuleMatrix(arena: arena)
        func run(_ input: (modules: [UInt8], dimension: Int)) -> QRDecodeStatus {
            matrix.reset(dimension: input.dimension)
            input.modules.withUnsafeBufferPointer { m in
                for k in 0..<m.count { matrix.modules[k] = m[k] }
            }
            return decoder.decode(matrix, into: results)
        }
        _ = run(inputs[0]) // warm-up

        var decodedCount = 0
        malloc_counter_start()
        for round in 0..<1000 {
            if run(inputs[round % inputs.count]) == .decoded { decodedCount += 1 }
        }
        let allocations = malloc_counter_stop()
        #expect(malloc_counter_is_active() == 1)
        #expect(allocations == 0)
        #expect(decodedCount > 300)
    }
}
