/// Binarizes camera frames with a threshold that follows the local brightness and adapts to the frame's
/// noise, so that gradients, vignettes, glare, low contrast and low light do not swallow a symbol.
///
/// 1. The frame's noise is estimated once (`beginFrame`, `NoiseEstimator`). A noisy frame is smoothed with a 3×3 box first
///    (`BoxSmoother`): that cuts the noise threefold and keeps modules of 3 px and more.
/// 2. The (smoothed) image is cut into 8×8 blocks. A block whose range (max − min) clearly exceeds the
///    noise has contrast: its threshold is the middle of its range. A flat block has none of its own.
/// 3. Each block's threshold is the weighted mean of the contrasted blocks in the 5×5 blocks around it
///    (its own counting twice); blocks with no contrasted neighbour take the nearest threshold in scan
///    order. A flat area thus inherits the threshold of the code beside it: a flat light quiet zone stays
///    light and a flat dark ground (light-on-dark symbols) stays dark, instead of being guessed.
/// 4. A pixel is dark when it is at most its block's threshold.
///
/// Linear time, a few operations per pixel (SIMD over 8 pixels), all buffers from the arena.
public struct AdaptiveBinarizer {
    public static let blockShift = 3
    public static let blockSize = 1 << blockShift

    /// Smallest range a block needs to count as contrasted, whatever the noise.
    public var minimumContrast = 10
    /// Noise (standard deviation, grey levels) above which the frame is smoothed before thresholding.
    public var smoothingNoise = 2.5

    private let thresholds: UnsafeMutableBufferPointer<UInt8>
    /// `smoothThresholds`: 5-block row sums, one block row with two empty blocks each side, and the
    /// running 5-row column sums.
    private let windowRows: UnsafeMutableBufferPointer<UInt32>
    private let paddedRow: UnsafeMutableBufferPointer<UInt32>
    private let columnSums: UnsafeMutableBufferPointer<UInt32>
    private let smoothedThresholds: UnsafeMutableBufferPointer<UInt8>
    /// One block row's thresholds spread over the pixels of a row (`applyThresholds`).
    private let rowThresholds: UnsafeMutableBufferPointer<UInt8>
    private let smoothed: UnsafeMutableBufferPointer<UInt8>
    private let smoother: BoxSmoother
    private let maxBlocks: Int
    private let maxPixels: Int

    /// Noise estimate of the current frame (grey levels, before smoothing): see `beginFrame`.
    public private(set) var lastNoise = 0.0
    /// Whether the last binarization was of the smoothed frame.
    public private(set) var lastSmoothed = false
    /// The smoothed copy holds the current frame.
    private var smoothedIsCurrent = false
    /// What the last `binarize` thresholded (the frame or its smoothed copy), and its block grid.
    public private(set) var lastSource: LumaImage?
    private var lastBlocksX = 0, lastBlocksY = 0

    public init(arena: ScanArena, maxWidth: Int, maxHeight: Int) {
        let w = max(1, maxWidth), h = max(1, maxHeight)
        let bx = (w + Self.blockSize - 1) >> Self.blockShift
        let by = (h + Self.blockSize - 1) >> Self.blockShift
        maxBlocks = bx * by
        maxPixels = w * h
        // A frame may be wider than maxWidth when it has fewer pixels in all; with blocks (40 rows and
        // more) it is at most maxPixels / 40 wide.
        let widest = max(w, maxPixels / (Self.blockSize * 5))
        let widestBlocks = (widest + Self.blockSize - 1) >> Self.blockShift
        thresholds = arena.reserve(UInt8.self, count: maxBlocks)
        windowRows = arena.reserve(UInt32.self, count: maxBlocks)
        paddedRow = arena.reserve(UInt32.self, count: widestBlocks + 4)
        columnSums = arena.reserve(UInt32.self, count: widestBlocks)
        smoothedThresholds = arena.reserve(UInt8.self, count: maxBlocks)
        rowThresholds = arena.reserve(UInt8.self, count: widest + 16)
        smoothed = arena.reserve(UInt8.self, count: maxPixels)
        smoother = BoxSmoother(arena: arena, maxWidth: w)
    }

    /// Starts a new frame: estimates its noise once (all passes over the frame share it) and forgets the
    /// smoothed copy of the previous frame.
    public mutating func beginFrame(_ image: LumaImage) {
        lastNoise = NoiseEstimator.estimate(image)
        smoothedIsCurrent = false
    }

    /// Binarizes `image` (the frame passed to `beginFrame`) into `plane`. Returns false when the image
    /// does not fit the buffers.
    /// `smoothing` nil smooths when the frame is noisy; true or false forces it (a reader tries the other
    /// way when the first finds nothing).
    public mutating func binarize(_ image: LumaImage, into plane: inout BitPlane, smoothing: Bool? = nil) -> Bool {
        guard plane.resize(width: image.width, height: image.height), image.width * image.height <= maxPixels else {
            return false
        }
        let w = image.width, h = image.height, bs = Self.blockSize
        let blocksX = (w + bs - 1) >> Self.blockShift, blocksY = (h + bs - 1) >> Self.blockShift
        guard blocksX * blocksY <= maxBlocks else { return false }
        if w < bs * 5 || h < bs * 5 {
            GlobalThreshold.binarize(image, into: plane, minimumContrast: minimumContrast)
            lastSmoothed = false
            lastBlocksX = 0
            return true
        }
        var source = image
        lastSmoothed = smoothing ?? (lastNoise >= smoothingNoise)
        if lastSmoothed {
            let out = smoothed.baseAddress.unsafelyUnwrapped
            if !smoothedIsCurrent { smoother.smooth(image, into: out) }
            smoothedIsCurrent = true
            source = LumaImage(pixels: UnsafePointer(out), width: w, height: h, stride: w)
        }
        // A flat block's range is noise: about 4.5 σ for 64 samples (3 σ after smoothing, which also
        // correlates neighbours). Contrast must clearly exceed that.
        let residualNoise = lastSmoothed ? lastNoise / 3 : lastNoise
        let contrast = max(minimumContrast, Int(residualNoise * (lastSmoothed ? 3.5 : 4.5)) + 6)
        lastSource = source
        lastBlocksX = blocksX
        lastBlocksY = blocksY
        computeBlockThresholds(source, blocksX: blocksX, blocksY: blocksY, contrast: contrast)
        smoothThresholds(blocksX: blocksX, blocksY: blocksY)
        applyThresholds(source, blocksX: blocksX, blocksY: blocksY, into: plane)
        return true
    }

    /// The last binarization as a view for judging points between pixels (nil before the first, or for a
    /// frame too small for blocks).
    public var greyView: GreyThresholdView? {
        guard let image = lastSource, lastBlocksX > 0, lastBlocksY > 0 else { return nil }
        return GreyThresholdView(pixels: image.pixels, width: image.width, height: image.height, stride: image.stride,
                                 pixelStep: image.pixelStep,
                                 thresholds: UnsafePointer(smoothedThresholds.baseAddress.unsafelyUnwrapped),
                                 blocksX: lastBlocksX, blocksY: lastBlocksY)
    }

    /// Whether the point (x, y) is ink in the last binarization, judged between pixels (`GreyThresholdView`).
    public func inkBetweenPixels(_ x: Double, _ y: Double) -> UInt8? { greyView?.ink(x, y) }

    /// Middle of each block's range when it exceeds `contrast`, else 0 ("no threshold of its own").
    private func computeBlockThresholds(_ image: LumaImage, blocksX: Int, blocksY: Int, contrast: Int) {
        let w = image.width, h = image.height, bs = Self.blockSize
        let out = thresholds.baseAddress.unsafelyUnwrapped
        guard image.pixelStep == 1 else {
            for by in 0..<blocksY {
                let y0 = min(by << Self.blockShift, h - bs) // the last block overlaps the one before it
                for bx in 0..<blocksX {
                    let x0 = min(bx << Self.blockShift, w - bs)
                    var lo = 255, hi = 0
                    for y in y0..<(y0 + bs) {
                        for x in x0..<(x0 + bs) {
                            let v = Int(image.pixel(x, y)) // Safe: x < w, y < h.
                            lo = min(lo, v)
                            hi = max(hi, v)
                        }
                    }
                    out[by * blocksX + bx] = Self.threshold(lo: lo, hi: hi, contrast: contrast)
                }
            }
            return
        }
        let stride = image.stride
        /// Range of the block whose top-left pixel is at `p` (8 rows of 8 bytes, SIMD over the columns).
        @inline(__always) func range(_ p: UnsafeRawPointer) -> (lo: Int, hi: Int) {
            var p = p
            var vmax = p.loadUnaligned(as: SIMD8<UInt8>.self), vmin = vmax
            for _ in 1..<8 {
                p += stride
                let v = p.loadUnaligned(as: SIMD8<UInt8>.self)
                vmin = pointwiseMin(vmin, v)
                vmax = pointwiseMax(vmax, v)
            }
            return (Int(vmin.min()), Int(vmax.max()))
        }
        for by in 0..<blocksY {
            // The last block row and column overlap the ones before them.
            let top = UnsafeRawPointer(image.pixels + min(by << Self.blockShift, h - bs) &* stride)
            let row = out + by &* blocksX
            // Safe: blocks 0 ..< blocksX − 1 cover columns 8·bx ..< 8·bx + 8 <= w, the last w − 8 ..< w, and
            // rows top ..< top + 8 <= h.
            for bx in 0..<(blocksX - 1) {
                let (lo, hi) = range(top + bx &<< Self.blockShift)
                row[bx] = Self.threshold(lo: lo, hi: hi, contrast: contrast)
            }
            let (lo, hi) = range(top + (w - bs))
            row[blocksX - 1] = Self.threshold(lo: lo, hi: hi, contrast: contrast)
        }
    }

    /// The threshold of a block of range `lo … hi`: its middle when the range exceeds `contrast`, else 0.
    /// (Threshold 0 would mean "only pure black is dark"; a contrasted block never has it.)
    @inline(__always)
    private static func threshold(lo: Int, hi: Int, contrast: Int) -> UInt8 {
        hi &- lo > contrast ? UInt8(truncatingIfNeeded: max(1, (lo &+ hi) &>> 1)) : 0
    }

    /// Weighted 5×5 mean of the contrasted neighbours (own block twice), then scan-order fill of blocks
    /// that had none. A block's threshold t and whether it has one travel together as t + 2¹⁶·[t > 0] in a
    /// UInt32, so that one box sum gives both the sum of thresholds (low half: at most 27 · 255 < 2¹⁶) and
    /// their count (high half). Row-major and separable: 5-block sums along each block row, then a running
    /// 5-row column sum, updated by the row that enters the window and the one that leaves it.
    private func smoothThresholds(blocksX: Int, blocksY: Int) {
        let src = thresholds.baseAddress.unsafelyUnwrapped
        let dst = smoothedThresholds.baseAddress.unsafelyUnwrapped
        let rowSum = windowRows.baseAddress.unsafelyUnwrapped
        let padded = paddedRow.baseAddress.unsafelyUnwrapped, column = columnSums.baseAddress.unsafelyUnwrapped
        @inline(__always) func packed(_ t: UInt8) -> UInt32 { UInt32(t) | (t != 0 ? 0x1_0000 : 0) }
        // Safe throughout: blocksX, blocksY >= 5 (the frame is at least 40 px a side); rows hold blocksX
        // entries, the padded row blocksX + 4, the sums blocksX · blocksY.
        padded[0] = 0; padded[1] = 0; padded[blocksX &+ 2] = 0; padded[blocksX &+ 3] = 0
        for by in 0..<blocksY {
            let row = src + by &* blocksX, sums = rowSum + by &* blocksX
            for bx in 0..<blocksX { padded[bx &+ 2] = packed(row[bx]) } // two empty blocks each side
            for bx in 0..<blocksX {
                sums[bx] = padded[bx] &+ padded[bx &+ 1] &+ padded[bx &+ 2] &+ padded[bx &+ 3] &+ padded[bx &+ 4]
            }
        }
        for bx in 0..<blocksX { // the window of block row 0: rows 0 … 2
            column[bx] = rowSum[bx] &+ rowSum[blocksX &+ bx] &+ rowSum[2 &* blocksX &+ bx]
        }
        for by in 0..<blocksY {
            let row = src + by &* blocksX, out = dst + by &* blocksX
            for bx in 0..<blocksX {
                let window = column[bx] &+ 2 &* packed(row[bx])
                let count = window &>> 16
                out[bx] = count > 0 ? UInt8(truncatingIfNeeded: (window & 0xFFFF) / count) : 0
            }
            if by &+ 3 < blocksY {
                let enter = rowSum + (by &+ 3) &* blocksX
                for bx in 0..<blocksX { column[bx] &+= enter[bx] }
            }
            if by >= 2 {
                let leave = rowSum + (by &- 2) &* blocksX
                for bx in 0..<blocksX { column[bx] &-= leave[bx] }
            }
        }
        // Fill the blocks far from any contrast with the nearest threshold before them in scan order
        // (after them for a leading run); a frame with no contrast at all stays 0 (all light).
        let total = blocksX * blocksY
        var last: UInt8 = 0
        var firstKnown = -1
        for i in 0..<total {
            if dst[i] != 0 {
                if firstKnown < 0 { firstKnown = i }
                last = dst[i]
            } else {
                dst[i] = last
            }
        }
        if firstKnown > 0 {
            let value = dst[firstKnown]
            for i in 0..<firstKnown { dst[i] = value }
        }
    }

    /// A pixel is dark when it is at most its block's threshold. Row by row: each block row's thresholds
    /// are spread once into a row of `width` bytes (each block's over its 8 columns, the last block's over
    /// the last 8, which it shares with the block before), then every image row of the block row is one
    /// compare per 16 pixels against it.
    private func applyThresholds(_ image: LumaImage, blocksX: Int, blocksY: Int, into plane: BitPlane) {
        let w = image.width, h = image.height, bs = Self.blockSize
        let table = smoothedThresholds.baseAddress.unsafelyUnwrapped
        let out = plane.bits
        guard image.pixelStep == 1 else {
            for by in 0..<blocksY {
                let y0 = min(by << Self.blockShift, h - bs)
                for bx in 0..<blocksX {
                    let x0 = min(bx << Self.blockShift, w - bs)
                    let threshold = table[by * blocksX + bx]
                    for y in y0..<(y0 + bs) {
                        for x in x0..<(x0 + bs) {
                            out[y * w + x] = image.pixel(x, y) <= threshold ? 1 : 0 // Safe: x < w, y < h.
                        }
                    }
                }
            }
            return
        }
        // w, h >= 40 here (smaller frames take one global threshold), so 16-pixel steps fit in a row.
        let spread = rowThresholds.baseAddress.unsafelyUnwrapped
        let one = SIMD16<UInt8>(repeating: 1), zero = SIMD16<UInt8>()
        for by in 0..<blocksY {
            // Safe: spread holds w bytes; blocks 0 ..< blocksX − 1 end at 8·blocksX − 8 <= w, the last at w.
            let row = table + by &* blocksX
            for bx in 0..<(blocksX - 1) {
                UnsafeMutableRawPointer(spread + bx &<< 3).storeBytes(of: SIMD8<UInt8>(repeating: row[bx]), as: SIMD8<UInt8>.self)
            }
            UnsafeMutableRawPointer(spread + (w - bs)).storeBytes(of: SIMD8<UInt8>(repeating: row[blocksX - 1]),
                                                                 as: SIMD8<UInt8>.self)
            // The rows this block row decides: the last block row takes the last 8 rows, overlapping the one
            // before, which keeps only the rows above them.
            let last = by == blocksY - 1
            let yStart = last ? h - bs : by << Self.blockShift
            let yEnd = last ? h : min((by << Self.blockShift) + bs, h - bs)
            var y = yStart
            while y < yEnd {
                let src = UnsafeRawPointer(image.pixels + y &* image.stride), dst = UnsafeMutableRawPointer(out + y &* w)
                // Safe: every 16-byte step lies inside the pixel row, the plane row and the spread thresholds
                // (x + 16 <= w); the last one ends at w and may redo a few pixels, with the same result.
                @inline(__always) func chunk(_ x: Int) {
                    let v = src.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self)
                    let t = UnsafeRawPointer(spread).loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self)
                    dst.storeBytes(of: zero.replacing(with: one, where: v .<= t), toByteOffset: x, as: SIMD16<UInt8>.self)
                }
                var x = 0
                for _ in 0..<(w &>> 5) {
                    chunk(x)
                    chunk(x &+ 16)
                    x &+= 32
                }
                if x < w {
                    if w &- x > 16 { chunk(x) }
                    chunk(w &- 16)
                }
                y &+= 1
            }
        }
    }
}
