import Imaging
import Symbols

/// Splits the interleaved codewords of a symbol into its Reed-Solomon blocks, corrects each block and
/// concatenates their data codewords (ISO/IEC 18004:2015 § 7.6, Figure 11; § 7.5.2).
///
/// Interleaving (Model 2): codeword i of every block in turn (short blocks first; long blocks have one more data
/// codeword, which comes after all the others' last), then error-correction codeword i of every block.
/// Model 1 blocks are not interleaved (`QRBlockLayout.isInterleaved`).
struct QRBlockCorrector {
    private let reedSolomon: ReedSolomonDecoder
    /// Blocks one after another: block b starts at b·(short length) + max(0, b − short block count).
    private let blocks: UnsafeMutablePointer<UInt8>

    init(arena: ScanArena) {
        reedSolomon = ReedSolomonDecoder(arena: arena, field: .qrCode(arena: arena))
        blocks = arena.reserve(UInt8.self, count: QRVersion.maxTotalCodewords).baseAddress.unsafelyUnwrapped
    }

    /// Corrects the `layout.totalCodewords` codewords at `codewords` and writes the
    /// `layout.dataCodewords` data codewords, in block order, to `data`. Returns the number of
    /// codewords changed, or nil when a block is uncorrectable or the sizes do not fit.
    func correct(
        _ codewords: UnsafePointer<UInt8>, count: Int, layout: QRBlockLayout,
        data: UnsafeMutablePointer<UInt8>, dataCapacity: Int
    ) -> Int? {
        let total = layout.totalCodewords
        let ec = layout.checkCodewordsPerBlock
        let blockCount = layout.blockCount
        let longData = layout.longBlockDataCodewords
        guard count == total, total <= QRVersion.maxTotalCodewords, layout.dataCodewords <= dataCapacity,
              blockCount > 0, ec > 0, longData + ec <= ReedSolomonDecoder.maxBlockLength else { return nil }

        if layout.isInterleaved {
            deinterleave(codewords, layout)
        } else {
            // Model 1: every block's data codewords in turn, then every block's check codewords.
            var k = 0
            for b in 0..<blockCount {
                let n = layout.dataCodewords(ofBlock: b)
                (blocks + blockStart(b, layout)).update(from: codewords + k, count: n) // Safe: k + n <= data < total.
                k += n
            }
            for b in 0..<blockCount {
                let start = blockStart(b, layout) + layout.dataCodewords(ofBlock: b)
                (blocks + start).update(from: codewords + k, count: ec) // Safe: k + ec <= total.
                k += ec
            }
        }

        var changed = 0
        var out = 0
        for b in 0..<blockCount {
            let start = blockStart(b, layout)
            let dataCount = layout.dataCodewords(ofBlock: b)
            let result = reedSolomon.decode(
                blocks + start, count: dataCount + ec, checkCount: ec,
                maxErrors: layout.correctableErrorsPerBlock)
            guard case .corrected(let errors) = result else { return nil }
            changed += errors
            (data + out).update(from: blocks + start, count: dataCount) // Safe: out + dataCount <= dataCodewords <= capacity.
            out += dataCount
        }
        return changed
    }

    /// Codeword i of every block in turn (every index written is < total, checked by the caller).
    private func deinterleave(_ codewords: UnsafePointer<UInt8>, _ layout: QRBlockLayout) {
        var k = 0
        for i in 0..<layout.longBlockDataCodewords {
            for b in 0..<layout.blockCount where i < layout.dataCodewords(ofBlock: b) {
                blocks[blockStart(b, layout) + i] = codewords[k] // Safe: block start + i < total; k < count.
                k += 1
            }
        }
        for i in 0..<layout.checkCodewordsPerBlock {
            for b in 0..<layout.blockCount {
                blocks[blockStart(b, layout) + layout.dataCodewords(ofBlock: b) + i] = codewords[k] // Safe: as above.
                k += 1
            }
        }
    }

    @inline(__always)
    private func blockStart(_ b: Int, _ layout: QRBlockLayout) -> Int {
        let shortLength = layout.shortBlockDataCodewords + layout.checkCodewordsPerBlock
        return b * shortLength + max(0, b - layout.shortBlockCount)
    }
}
