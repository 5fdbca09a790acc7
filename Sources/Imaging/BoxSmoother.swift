/// 3×3 box smoothing into a caller-owned buffer (edges replicated), for noisy frames.
///
/// Separable: three-row running column sums, then a horizontal sum of three. Integer arithmetic with
/// rounding; the one row of column sums comes from the arena.
struct BoxSmoother {
    private let columnSums: UnsafeMutableBufferPointer<UInt16>

    init(arena: ScanArena, maxWidth: Int) {
        columnSums = arena.reserve(UInt16.self, count: max(1, maxWidth))
    }

    /// Writes the smoothed `image` (width × height, stride = width) to `out`.
    func smooth(_ image: LumaImage, into out: UnsafeMutablePointer<UInt8>) {
        let w = image.width, h = image.height
        guard w <= columnSums.count else { return }
        let sums = columnSums.baseAddress.unsafelyUnwrapped
        for y in 0..<h {
            let above = max(0, y - 1), below = min(h - 1, y + 1)
            let r0 = image.pixels + above * image.stride
            let r1 = image.pixels + y * image.stride
            let r2 = image.pixels + below * image.stride
            let step = image.pixelStep
            for x in 0..<w {
                // Safe: x < w and the three rows are inside the image.
                sums[x] = UInt16(r0[x * step]) &+ UInt16(r1[x * step]) &+ UInt16(r2[x * step])
            }
            let dst = out + y * w
            if w == 1 {
                dst[0] = UInt8((Int(sums[0]) * 3 + 4) / 9)
                continue
            }
            dst[0] = UInt8((Int(sums[0]) * 2 + Int(sums[1]) + 4) / 9)
            var x = 1
            while x < w - 1 {
                dst[x] = UInt8((Int(sums[x - 1]) + Int(sums[x]) + Int(sums[x + 1]) + 4) / 9)
                x += 1
            }
            dst[w - 1] = UInt8((Int(sums[w - 2]) + Int(sums[w - 1]) * 2 + 4) / 9)
        }
    }
}
