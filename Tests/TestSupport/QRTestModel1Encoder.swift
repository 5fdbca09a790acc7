import QRCode

/// QR Code Model 1 symbols for tests (ISO/IEC 18004:2000 Annex M, as `QRModel1` describes it): 4 zero
/// bits, then the segments with Model 2's mode indicators and character counts, terminator and pad
/// codewords; Reed-Solomon blocks of Table M.2 placed one after another, not interleaved; cells laid out
/// by `QRTestModel1Builder`.
extension QRTestEncoder {
    /// Encodes `segments` (no ECI: Model 1 has none) at `level`. `version` nil picks the smallest of
    /// 1…14 that fits; `mask` nil picks the lowest penalty. nil when the data does not fit.
    public static func encodeModel1(
        _ segments: [QRTestSegment], level: QRErrorCorrectionLevel = .medium, version: Int? = nil, mask: Int? = nil
    ) -> QRTestSymbol? {
        let versions = version.map { [$0] } ?? Array(1...QRModel1.maximumVersion)
        for v in versions {
            guard let layout = QRBlockLayout(model1Version: v, level: level) else { return nil }
            guard let data = dataCodewords(segments, version: v, layout: layout, leadingZeroBits: 4) else { continue }
            return encodeModel1(dataCodewords: data, version: v, level: level, mask: mask)
        }
        return nil
    }

    /// A Model 1 symbol from ready data codewords (exactly `layout.dataCodewords` of them).
    public static func encodeModel1(dataCodewords data: [UInt8], version: Int, level: QRErrorCorrectionLevel,
                                    mask: Int? = nil) -> QRTestSymbol? {
        guard let layout = QRBlockLayout(model1Version: version, level: level), data.count == layout.dataCodewords
        else { return nil }
        let blocks = makeBlocks(data, layout: layout)
        if let mask { return placeModel1(version: version, level: level, mask: mask, blocks: blocks) }
        return lowestPenalty((0..<8).map { placeModel1(version: version, level: level, mask: $0, blocks: blocks) })
    }

    /// Places `blocks` as Model 1 does: every block's data codewords in turn, then every block's check
    /// codewords; remainder cells stay zero.
    public static func placeModel1(version: Int, level: QRErrorCorrectionLevel, mask: Int, blocks: [[UInt8]]) -> QRTestSymbol {
        let layout = QRBlockLayout(model1Version: version, level: level)!
        var sequence: [UInt8] = []
        for (b, block) in blocks.enumerated() { sequence += block.prefix(layout.dataCodewords(ofBlock: b)) }
        for (b, block) in blocks.enumerated() { sequence += block.dropFirst(layout.dataCodewords(ofBlock: b)) }
        let modules = QRTestModel1Builder.build(version: version, level: level, mask: mask, codewords: sequence)
        return QRTestSymbol(version: version, level: level, mask: mask, blocks: blocks, modules: modules, isModel1: true)
    }
}
