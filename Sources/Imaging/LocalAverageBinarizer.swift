/// Binarizes with a threshold that follows the local brightness, so that a gradient, a vignette or a
/// glare spot does not swallow half a symbol.
///
/// The image is cut into 8×8 blocks. Each block's "black point" is its mean, or, for a flat block
/// (range under `minimumContrast`), a guess that it is background unless its already-computed neighbours
/// say the area is dark. A pixel is dark when it is at most the mean black point of the 5×5 blocks
/// around its own block. This is the hybrid scheme that ZXing made standard for camera frames: linear
/// time, two reads of each pixel, and robust to blur because the window (40 px) spans several modules.
public struct LocalAverageBinarizer {
    public static let blockShift = 3
    public static let blockSize = 1 << blockShift
    /// Blocks whose range (max - min) is at most this are treated as flat.
    public var minimumContrast: Int = 24

    private let blackPoints: UnsafeMutableBufferPointer<UInt8>
    private let maxBlocks: Int

    public init(arena: ScanArena, maxWidth: Int, maxHeight: Int) {
        let bx = (max(1, maxWidth) + Self.blockSize - 1) >> Self.blockShift
        let by = (max(1, maxHeight) + Self.blockSize - 1) >> Self.blockShift
        maxBlocks = bx * by
        blackPoints = arena.reserve(UInt8.self, count: maxBlocks)
    }

    /// Binarizes `image` into `plane`. Returns false when the image does not fit the plane's storage.
    /// With `inverted`, works on 255 − luma: light ink on a dark (even flat dark) ground becomes "dark".
    public func binarize(_ image: LumaImage, into plane: inout BitPlane, inverted: Bool = false) -> Bool {
        guard plane.resize(width: image.width, height: image.height) else { return false }
        let w = image.width, h = image.height
        let bs = Self.blockSize
        if w < bs * 5 || h < bs * 5 {
            binarizeGlobally(image, into: plane, inverted: inverted)
            return true
        }
        let blocksX = (w + bs - 1) >> Self.blockShift, blocksY = (h + bs - 1) >> Self.blockShift
        guard blocksX * blocksY <= maxBlocks else { return false }
        let flip: UInt8 = inverted ? 0xFF : 0
        computeBlackPoints(image, blocksX: blocksX, blocksY: blocksY, flip: flip)
        applyThresholds(image, blocksX: blocksX, blocksY: blocksY, into: plane, flip: flip)
        return true
    }

    /// Pixel values are XORed with `flip` (0 or 255, which is 255 − v) as they are read.
    private func computeBlackPoints(_ image: LumaImage, blocksX: Int, blocksY: Int, flip: UInt8) {
        let w = image.width, h = image.height, bs = Self.blockSize
        let points = blackPoints.baseAddress.unsafelyUnwrapped
        let minimumContrast = self.minimumContrast
        for by in 0..<blocksY {
            let y0 = min(by << Self.blockShift, h - bs) // the last block overlaps the one before it
            for bx in 0..<blocksX {
                let x0 = min(bx << Self.blockShift, w - bs)
                var sum = 0, lo = 255, hi = 0
                if image.pixelStep == 1 {
                    // Eight pixels per load: lane-wise min, max and a widened sum over the block's rows.
                    var vmin = SIMD8<UInt8>(repeating: 255), vmax = SIMD8<UInt8>(repeating: 0)
                    var vsum = SIMD8<UInt16>(repeating: 0)
                    let vflip = SIMD8<UInt8>(repeating: flip)
                    for y in y0..<(y0 + bs) {
                        // Safe: x0 + 8 <= w and y < h, so the 8 bytes are inside the row.
                        let v = UnsafeRawPointer(image.pixels + (y * image.stride + x0)).loadUnaligned(as: SIMD8<UInt8>.self) ^ vflip
                        vmin = pointwiseMin(vmin, v)
                        vmax = pointwiseMax(vmax, v)
                        vsum &+= SIMD8<UInt16>(truncatingIfNeeded: v)
                    }
                    sum = Int(vsum.wrappedSum())
                    lo = Int(vmin.min())
                    hi = Int(vmax.max())
                } else {
                    for y in y0..<(y0 + bs) {
                        var row = image.pixels + (y * image.stride + x0 * image.pixelStep)
                        for _ in 0..<bs {
                            let v = Int(row.pointee ^ flip) // Safe: x0 + bs <= w and y < h.
                            sum &+= v
                            lo = min(lo, v)
                            hi = max(hi, v)
                            row += image.pixelStep
                        }
                    }
                }
                var average = sum >> (2 * Self.blockShift)
                if hi - lo <= minimumContrast {
                    // Flat block: most likely background (light), so threshold below its level...
                    average = lo >> 1
                    if by > 0 && bx > 0 {
                        // ...unless the neighbours already seen are darker than this block's minimum:
                        // then it sits inside a large dark area and takes their level.
                        let up = Int(points[(by - 1) * blocksX + bx])
                        let left = Int(points[by * blocksX + bx - 1])
                        let diagonal = Int(points[(by - 1) * blocksX + bx - 1])
                        let neighbours = (up + 2 * left + diagonal) >> 2
                        if lo < neighbours { average = neighbours }
                    }
                }
                points[by * blocksX + bx] = UInt8(truncatingIfNeeded: average)
            }
        }
    }

    private func applyThresholds(_ image: LumaImage, blocksX: Int, blocksY: Int, into plane: BitPlane, flip: UInt8) {
        let w = image.width, h = image.height, bs = Self.blockSize
        let points = blackPoints.baseAddress.unsafelyUnwrapped
        let out = plane.bits
        for by in 0..<blocksY {
            let y0 = min(by << Self.blockShift, h - bs)
            let cy = min(max(by, 2), blocksY - 3)
            // Rows of overlapping last blocks are written twice, with the same or a neighbouring threshold.
            for bx in 0..<blocksX {
                let x0 = min(bx << Self.blockShift, w - bs)
                let cx = min(max(bx, 2), blocksX - 3)
                var sum = 0
                for dy in -2...2 {
                    let row = points + (cy + dy) * blocksX + cx
                    sum &+= Int(row[-2]) &+ Int(row[-1]) &+ Int(row[0]) &+ Int(row[1]) &+ Int(row[2])
                }
                let threshold = sum / 25
                if image.pixelStep == 1 {
                    let t = SIMD8<UInt8>(repeating: UInt8(truncatingIfNeeded: threshold))
                    let one = SIMD8<UInt8>(repeating: 1), zero = SIMD8<UInt8>(repeating: 0)
                    let vflip = SIMD8<UInt8>(repeating: flip)
                    for y in y0..<(y0 + bs) {
                        // Safe: x0 + 8 <= w and y < h for both the image row and the plane row.
                        let v = UnsafeRawPointer(image.pixels + (y * image.stride + x0)).loadUnaligned(as: SIMD8<UInt8>.self) ^ vflip
                        UnsafeMutableRawPointer(out + (y * w + x0)).storeBytes(of: zero.replacing(with: one, where: v .<= t),
                                                                               as: SIMD8<UInt8>.self)
                    }
                } else {
                    for y in y0..<(y0 + bs) {
                        var src = image.pixels + (y * image.stride + x0 * image.pixelStep)
                        let dst = out + (y * w + x0)
                        for x in 0..<bs {
                            dst[x] = Int(src.pointee ^ flip) <= threshold ? 1 : 0
                            src += image.pixelStep
                        }
                    }
                }
            }
        }
    }

    /// Tiny images: one threshold halfway between the darkest and lightest pixel.
    private func binarizeGlobally(_ image: LumaImage, into plane: BitPlane, inverted: Bool) {
        var lo = 255, hi = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let v = Int(image.pixel(x, y))
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        let threshold = hi - lo < minimumContrast ? -1 : (lo + hi) >> 1
        let out = plane.bits
        for y in 0..<image.height {
            for x in 0..<image.width {
                let dark = Int(image.pixel(x, y)) <= threshold
                out[y * image.width + x] = dark != inverted && threshold >= 0 ? 1 : 0
            }
        }
    }
}
