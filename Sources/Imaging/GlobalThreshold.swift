/// One threshold for a whole (tiny) image: halfway between its darkest and lightest pixel, or nothing dark
/// when the range is below `minimumContrast`. Used where blocks would not fit (under 40 px a side).
enum GlobalThreshold {
    static func binarize(_ image: LumaImage, into plane: BitPlane, minimumContrast: Int) {
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
                out[y * image.width + x] = Int(image.pixel(x, y)) <= threshold ? 1 : 0
            }
        }
    }
}
