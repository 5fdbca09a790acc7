import Imaging
import QRCode
import Symbols

/// A `QRSymbolDecoder` with its arena, matrix and result slots, for tests that decode module matrices.
public final class QRDecodeHarness {
    public let arena = ScanArena()
    public let results: ResultSlots
    public let decoder: QRSymbolDecoder
    public var matrix: QRModuleMatrix

    /// What one decode produced (copied out of the slots).
    public struct Outcome: Sendable {
        public let status: QRDecodeStatus
        public let info: SymbolInfo
        public let bytes: [UInt8]
        public let text: String
        public let textBytes: [UInt8]
    }

    public init(maxBytes: Int = 4096, maxText: Int = 8192) {
        results = ResultSlots(arena: arena, capacity: 4, maxBytes: maxBytes, maxText: maxText)
        decoder = QRSymbolDecoder(arena: arena)
        matrix = QRModuleMatrix(arena: arena)
    }

    public func decode(_ symbol: QRTestSymbol) -> Outcome {
        symbol.load(into: &matrix)
        return decodeMatrix()
    }

    /// Decodes `modules` (row-major, `dimension`²).
    public func decode(modules: [UInt8], dimension: Int) -> Outcome {
        matrix.reset(dimension: dimension)
        for y in 0..<dimension {
            for x in 0..<dimension { matrix.set(x, y, modules[y * dimension + x]) }
        }
        return decodeMatrix()
    }

    /// Decodes whatever the matrix holds now.
    public func decodeMatrix() -> Outcome {
        let status = decoder.decode(matrix, into: results)
        let bytes = Array(results.pendingBytes.contents)
        let textBytes = Array(results.pendingText.contents)
        return Outcome(status: status, info: results.pendingInfo, bytes: bytes,
                       text: String(decoding: textBytes, as: UTF8.self), textBytes: textBytes)
    }
}
