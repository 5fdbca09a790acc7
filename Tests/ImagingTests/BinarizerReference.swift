import Imaging

/// The adaptive binarizer's rules written out pixel by pixel, with no speed tricks: the fast kernels
/// (SIMD, row-major passes, sliding windows) must give exactly this, bit for bit.
struct BinarizerReference {
    let width: Int
    let height: Int
    /// The grey image that is thresholded (the frame, or its 3×3-smoothed copy), row-major.
    let source: [UInt8]
    let blocksX: Int
    let blocksY: Int
    /// Smoothed and filled block thresholds, row-major.
    let thresholds: [UInt8]
    /// 1 dark, 0 light, row-major.
    let plane: [UInt8]

    /// `pixel(x, y)` reads the frame; `noise` and `smoothed` are what the binarizer decided for it.
    init(width w: Int, height h: Int, noise: Double, smoothed: Bool, minimumContrast: Int = 10,
         pixel: (Int, Int) -> UInt8) {
        width = w
        height = h
        var src = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                if smoothed {
                    var sum = 0
                    for dy in -1...1 {
                        for dx in -1...1 {
                            sum += Int(pixel(min(max(x + dx, 0), w - 1), min(max(y + dy, 0), h - 1)))
                        }
                    }
                    src[y * w + x] = UInt8((sum * 7282 + 32768) >> 16) // ÷9, rounded
                } else {
                    src[y * w + x] = pixel(x, y)
                }
            }
        }
        source = src
        let residual = smoothed ? noise / 3 : noise
        let contrast = max(minimumContrast, Int(residual * (smoothed ? 3.5 : 4.5)) + 6)
        let bx = (w + 7) / 8, by = (h + 7) / 8
        blocksX = bx
        blocksY = by
        // Each block's own threshold: middle of its 8×8 range when contrasted (the last block of a row or
        // column overlaps the one before it).
        var own = [Int](repeating: 0, count: bx * by)
        for j in 0..<by {
            for i in 0..<bx {
                let x0 = min(i * 8, w - 8), y0 = min(j * 8, h - 8)
                var lo = 255, hi = 0
                for y in y0..<(y0 + 8) {
                    for x in x0..<(x0 + 8) {
                        lo = min(lo, Int(src[y * w + x]))
                        hi = max(hi, Int(src[y * w + x]))
                    }
                }
                own[j * bx + i] = hi - lo > contrast ? max(1, (lo + hi) / 2) : 0
            }
        }
        // 5×5 mean of the contrasted blocks, own block twice.
        var t = [UInt8](repeating: 0, count: bx * by)
        for j in 0..<by {
            for i in 0..<bx {
                var total = 2 * own[j * bx + i], count = own[j * bx + i] > 0 ? 2 : 0
                for jj in max(0, j - 2)...min(by - 1, j + 2) {
                    for ii in max(0, i - 2)...min(bx - 1, i + 2) where own[jj * bx + ii] > 0 {
                        total += own[jj * bx + ii]
                        count += 1
                    }
                }
                t[j * bx + i] = count > 0 ? UInt8(total / count) : 0
            }
        }
        // Blocks with no contrast around take the last threshold before them in scan order (the first one
        // after them for a leading run).
        if let first = t.firstIndex(where: { $0 != 0 }) {
            var last = t[first]
            for k in 0..<t.count {
                if t[k] != 0 { last = t[k] } else { t[k] = k < first ? t[first] : last }
            }
        }
        thresholds = t
        var out = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            let j = y >= h - 8 ? by - 1 : y / 8
            for x in 0..<w {
                let i = x >= w - 8 ? bx - 1 : x / 8
                out[y * w + x] = src[y * w + x] <= t[j * bx + i] ? 1 : 0
            }
        }
        plane = out
    }
}
