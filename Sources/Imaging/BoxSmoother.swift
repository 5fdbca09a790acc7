/// 3×3 box smoothing into a caller-owned buffer (edges replicated), for noisy frames.
///
/// Separable: a row of vertical three-pixel sums, then horizontal sums of three of those, eight pixels
/// at a time; ÷9 as a multiply by 7282/65536 with rounding (exact to within one grey level).
struct BoxSmoother {
    private let columnSums: UnsafeMutableBufferPointer<UInt16>

    init(arena: ScanArena, maxWidth: Int) {
        columnSums = arena.reserve(UInt16.self, count: max(1, maxWidth) + 16)
    }

    /// Writes the smoothed `image` (width × height, stride = width) to `out`.
    func smooth(_ image: LumaImage, into out: UnsafeMutablePointer<UInt8>) {
        let w = image.width, h = image.height, step = image.pixelStep
        guard w + 2 <= columnSums.count, w >= 1 else { return }
        // sums[0] and sums[w + 1] replicate the edge columns, so sums[x + 1] is column x.
        let sums = columnSums.baseAddress.unsafelyUnwrapped
        for y in 0..<h {
            let r0 = image.pixels + max(0, y - 1) * image.stride
            let r1 = image.pixels + y * image.stride
            let r2 = image.pixels + min(h - 1, y + 1) * image.stride
            var x = 0
            if step == 1 {
                // Safe: x + 8 <= w: eight pixels of each of the three rows.
                for _ in 0..<(w &>> 3) {
                    let a = SIMD8<UInt16>(truncatingIfNeeded: UnsafeRawPointer(r0 + x).loadUnaligned(as: SIMD8<UInt8>.self))
                    let b = SIMD8<UInt16>(truncatingIfNeeded: UnsafeRawPointer(r1 + x).loadUnaligned(as: SIMD8<UInt8>.self))
                    let c = SIMD8<UInt16>(truncatingIfNeeded: UnsafeRawPointer(r2 + x).loadUnaligned(as: SIMD8<UInt8>.self))
                    let column: SIMD8<UInt16> = a &+ b &+ c
                    UnsafeMutableRawPointer(sums + (x &+ 1)).storeBytes(of: column, as: SIMD8<UInt16>.self)
                    x &+= 8
                }
            }
            while x < w {
                sums[x + 1] = UInt16(r0[x * step]) &+ UInt16(r1[x * step]) &+ UInt16(r2[x * step])
                x += 1
            }
            sums[0] = sums[1]
            sums[w + 1] = sums[w]
            let dst = out + y * w
            x = 0
            // (total · 7282 + 2¹⁵) >> 16 in 16-bit lanes (total <= 9 · 255): the high half of the product,
            // plus 1 when its low half is at least 2¹⁵.
            let scale = SIMD8<UInt16>(repeating: 7282)
            for _ in 0..<(w &>> 3) {
                // Safe: reads sums[x … x + 9] (x + 9 <= w + 1) and writes dst[x … x + 7].
                let l = UnsafeRawPointer(sums + x).loadUnaligned(as: SIMD8<UInt16>.self)
                let m = UnsafeRawPointer(sums + (x &+ 1)).loadUnaligned(as: SIMD8<UInt16>.self)
                let r = UnsafeRawPointer(sums + (x &+ 2)).loadUnaligned(as: SIMD8<UInt16>.self)
                let total: SIMD8<UInt16> = l &+ m &+ r
                let product = SIMD8<UInt32>(truncatingIfNeeded: total) &* 7282
                let high = SIMD8<UInt16>(truncatingIfNeeded: product &>> 16)
                let low: SIMD8<UInt16> = total &* scale
                let mean = high &+ low &>> 15
                UnsafeMutableRawPointer(dst + x).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: mean), as: SIMD8<UInt8>.self)
                x &+= 8
            }
            while x < w {
                let total = UInt32(sums[x]) + UInt32(sums[x + 1]) + UInt32(sums[x + 2])
                dst[x] = UInt8(truncatingIfNeeded: (total * 7282 + 32768) >> 16)
                x += 1
            }
        }
    }
}
