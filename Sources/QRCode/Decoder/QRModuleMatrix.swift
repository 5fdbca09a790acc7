import Imaging

/// The modules of one sampled QR symbol, one byte each (1 dark, 0 light), row-major, `dimension`² of
/// them (21 for version 1 … 177 for version 40). Storage lives in a `ScanArena`, sized for version 40.
///
/// This is the hand-over between detection (which samples the grid from the frame) and decoding
/// (format/version information, unmasking, codewords, error correction, bit stream).
public struct QRModuleMatrix {
    public static let maxDimension = 177

    public let storage: UnsafeMutableBufferPointer<UInt8>
    public private(set) var dimension = 0

    public init(arena: ScanArena) {
        storage = arena.reserve(UInt8.self, count: Self.maxDimension * Self.maxDimension)
    }

    /// Sets the size (21…177, 4k+1) and clears all modules to light. False for an impossible size.
    @discardableResult
    public mutating func reset(dimension: Int) -> Bool {
        guard dimension >= 21, dimension <= Self.maxDimension, dimension % 4 == 1 else { return false }
        self.dimension = dimension
        modules.initialize(repeating: 0, count: dimension * dimension)
        return true
    }

    @inline(__always)
    public var modules: UnsafeMutablePointer<UInt8> { storage.baseAddress.unsafelyUnwrapped }

    /// Module at column `x`, row `y` (1 dark). Unchecked: 0 <= x, y < dimension.
    @inline(__always)
    public func get(_ x: Int, _ y: Int) -> UInt8 { modules[y &* dimension &+ x] }

    @inline(__always)
    public func set(_ x: Int, _ y: Int, _ dark: UInt8) { modules[y &* dimension &+ x] = dark }

    /// Mirrors the matrix about its main diagonal (a mirrored symbol read as if it were not).
    public func transpose() {
        let n = dimension, m = modules
        for y in 0..<n {
            for x in (y + 1)..<n {
                let a = m[y * n + x]
                m[y * n + x] = m[x * n + y]
                m[x * n + y] = a
            }
        }
    }
}
