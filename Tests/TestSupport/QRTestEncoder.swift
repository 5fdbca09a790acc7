import Imaging
import QRCode
import Symbols

/// A QR symbol made by `QRTestEncoder`: its modules (row-major, 1 dark) and what went into them.
public struct QRTestSymbol: Sendable {
    public let version: Int
    public let level: QRErrorCorrectionLevel
    public let mask: Int
    /// Reed-Solomon blocks, data codewords then check codewords, short blocks first.
    public let blocks: [[UInt8]]
    /// `dimension`² modules, row-major, 1 dark, 0 light.
    public let modules: [UInt8]
    /// A QR Code Model 1 symbol (`QRTestEncoder.encodeModel1`).
    public var isModel1 = false

    public var dimension: Int { 17 + 4 * version }

    public func module(_ x: Int, _ y: Int) -> UInt8 { modules[y * dimension + x] }

    /// The data codewords of all blocks in order (the bit stream before interleaving).
    public var dataCodewords: [UInt8] {
        let layout = layout
        return blocks.enumerated().flatMap { b, block in block.prefix(layout.dataCodewords(ofBlock: b)) }
    }

    /// How the symbol's codewords are split into blocks.
    public var layout: QRBlockLayout {
        isModel1 ? QRBlockLayout(model1Version: version, level: level)! : QRBlockLayout(version: version, level: level)!
    }

    /// The same symbol with `blocks` replaced (e.g. corrupted codewords), re-interleaved and re-placed.
    public func replacingBlocks(_ newBlocks: [[UInt8]]) -> QRTestSymbol {
        isModel1 ? QRTestEncoder.placeModel1(version: version, level: level, mask: mask, blocks: newBlocks)
            : QRTestEncoder.place(version: version, level: level, mask: mask, blocks: newBlocks)
    }

    /// The same symbol with some modules painted over (print damage, dirt), as `modules` row-major.
    public func replacingModules(_ newModules: [UInt8]) -> QRTestSymbol {
        precondition(newModules.count == modules.count)
        return QRTestSymbol(version: version, level: level, mask: mask, blocks: blocks, modules: newModules,
                            isModel1: isModel1)
    }

    /// Copies the modules into `matrix` (sized to this symbol).
    public func load(into matrix: inout QRModuleMatrix) {
        matrix.reset(dimension: dimension)
        for y in 0..<dimension {
            for x in 0..<dimension { matrix.set(x, y, modules[y * dimension + x]) }
        }
    }

    /// The symbol rendered to an image (see `QRTestRenderer`).
    public func render(moduleSize: Int = 4, quietZone: Int = 4, dark: UInt8 = 0, light: UInt8 = 255) -> GrayImage {
        QRTestRenderer.render(modules: modules, dimension: dimension, moduleSize: moduleSize, quietZone: quietZone, dark: dark, light: light)
    }
}

/// A QR Code Model 2 encoder for tests, written from ISO/IEC 18004:2015: segments → bit stream with
/// terminator and pad codewords (§ 7.4.9, 7.4.10) → Reed-Solomon blocks (§ 7.5) → interleaving (§ 7.6)
/// → placement around the function patterns (§ 7.7) → data mask (§ 7.8, chosen by penalty score unless
/// given) → format and version information (§ 7.9, 7.10). It shares only the spec tables (`QRVersion`,
/// `QRBlockLayout`) with the decoder; everything else is its own.
public enum QRTestEncoder {
    /// Encodes `segments` at `level`. `version` nil picks the smallest that fits; `mask` nil picks the
    /// lowest penalty. nil when the data does not fit (the given version, or any).
    public static func encode(
        _ segments: [QRTestSegment], level: QRErrorCorrectionLevel = .medium, version: Int? = nil, mask: Int? = nil
    ) -> QRTestSymbol? {
        let versions = version.map { [$0] } ?? Array(1...40)
        for v in versions {
            guard let layout = QRBlockLayout(version: v, level: level) else { return nil }
            guard let data = dataCodewords(segments, version: v, layout: layout) else { continue }
            return encode(dataCodewords: data, version: v, level: level, mask: mask)
        }
        return nil
    }

    /// The data codewords of `segments` in a `version` symbol split as `layout`: `leadingZeroBits` zero
    /// bits (Model 1 starts with 4), the segments, the terminator (shortened at the very end), zeros to
    /// the byte boundary, then pad codewords 0xEC and 0x11 in turn (§ 7.4.9, 7.4.10). nil when they do
    /// not fit.
    static func dataCodewords(
        _ segments: [QRTestSegment], version: Int, layout: QRBlockLayout, leadingZeroBits: Int = 0
    ) -> [UInt8]? {
        var w = QRTestBitWriter()
        w.write(0, leadingZeroBits)
        for segment in segments { segment.append(to: &w, version: version) }
        let capacity = layout.dataCodewords * 8
        guard w.count <= capacity else { return nil }
        w.write(0, min(4, capacity - w.count))
        w.write(0, (8 - w.count % 8) % 8)
        var data = w.bytes
        var pad: UInt8 = 0xEC
        while data.count < layout.dataCodewords {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return data
    }

    /// Builds a symbol from ready data codewords (exactly `layout.dataCodewords` of them), e.g. a
    /// hand-made, malformed bit stream.
    public static func encode(dataCodewords data: [UInt8], version: Int, level: QRErrorCorrectionLevel, mask: Int? = nil) -> QRTestSymbol? {
        guard let layout = QRBlockLayout(version: version, level: level), data.count == layout.dataCodewords else { return nil }
        let blocks = makeBlocks(data, layout: layout)
        if let mask { return place(version: version, level: level, mask: mask, blocks: blocks) }
        return lowestPenalty((0..<8).map { place(version: version, level: level, mask: $0, blocks: blocks) })
    }

    /// The symbol of `candidates` (one per mask) with the lowest penalty score (§ 7.8.3); the first of
    /// equals.
    static func lowestPenalty(_ candidates: [QRTestSymbol]) -> QRTestSymbol? {
        var best: QRTestSymbol?
        var bestScore = Int.max
        for symbol in candidates {
            let score = QRTestMatrixBuilder.penalty(symbol.modules, dimension: symbol.dimension)
            if score < bestScore {
                bestScore = score
                best = symbol
            }
        }
        return best
    }

    /// Splits data codewords into blocks and appends each block's check codewords.
    public static func makeBlocks(_ data: [UInt8], layout: QRBlockLayout) -> [[UInt8]] {
        let arena = ScanArena()
        let encoder = ReedSolomonEncoder(arena: arena, field: .qrCode(arena: arena))
        var blocks: [[UInt8]] = []
        var offset = 0
        for b in 0..<layout.blockCount {
            let n = layout.dataCodewords(ofBlock: b)
            let blockData = Array(data[offset..<offset + n])
            offset += n
            var check = [UInt8](repeating: 0, count: layout.checkCodewordsPerBlock)
            blockData.withUnsafeBufferPointer { d in
                check.withUnsafeMutableBufferPointer { c in _ = encoder.encode(data: d, check: c) }
            }
            blocks.append(blockData + check)
        }
        return blocks
    }

    /// Interleaves `blocks` (§ 7.6) and places them with `mask` into a full symbol.
    public static func place(version: Int, level: QRErrorCorrectionLevel, mask: Int, blocks: [[UInt8]]) -> QRTestSymbol {
        let layout = QRBlockLayout(version: version, level: level)!
        let ec = layout.checkCodewordsPerBlock
        var sequence: [UInt8] = []
        for i in 0..<layout.longBlockDataCodewords {
            for (b, block) in blocks.enumerated() where i < layout.dataCodewords(ofBlock: b) { sequence.append(block[i]) }
        }
        for i in 0..<ec {
            for (b, block) in blocks.enumerated() { sequence.append(block[layout.dataCodewords(ofBlock: b) + i]) }
        }
        let modules = QRTestMatrixBuilder.build(version: version, level: level, mask: mask, codewords: sequence)
        return QRTestSymbol(version: version, level: level, mask: mask, blocks: blocks, modules: modules)
    }
}
