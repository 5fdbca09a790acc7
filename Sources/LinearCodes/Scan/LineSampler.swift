import Imaging

/// Reads the grey values along a `ScanLine` into a buffer, as luma × 16 (0 ... 4080).
///
/// Rows and columns are read pixel by pixel; every other direction is interpolated bilinearly so that
/// samples stay one pixel apart along the line and sub-pixel edge positions keep their meaning. The
/// extra 4 bits hold the interpolation's fraction. `pixelStep` (2 for YUYV) is honoured everywhere.
enum LineSampler {
    /// Fixed-point fraction bits for line stepping: 24 bits keep the drift over the longest possible
    /// line (2^17 samples) below 1/100 px.
    private static let fractionBits = 24

    /// Samples `line` into `out` (capacity `capacity`). Returns the number of samples written.
    static func sample(_ image: LumaImage, _ line: ScanLine, into out: UnsafeMutablePointer<Int32>,
                       capacity: Int) -> Int {
        let n = min(line.count, capacity)
        guard n >= 2 else { return 0 }
        if line.stepY == 0, line.stepX == 1 {
            return sampleRow(image, line, n, out)
        }
        if line.stepX == 0, line.stepY == 1 {
            return sampleColumn(image, line, n, out)
        }
        guard image.width >= 2, image.height >= 2 else { return 0 }
        return sampleBilinear(image, line, n, out)
    }

    private static func sampleRow(_ image: LumaImage, _ line: ScanLine, _ n: Int,
                                  _ out: UnsafeMutablePointer<Int32>) -> Int {
        guard let x0 = checkedFloor(line.originX + 0.5), let y = checkedFloor(line.originY + 0.5),
              x0 >= 0, y >= 0, y < image.height, x0 + n <= image.width else { return 0 }
        let step = image.pixelStep
        // Safe: x0 ..< x0 + n and y lie inside the image (checked above).
        var p = image.pixels + (y * image.stride + x0 * step)
        for i in 0..<n {
            out[i] = Int32(p.pointee) &<< 4
            p += step
        }
        return n
    }

    private static func sampleColumn(_ image: LumaImage, _ line: ScanLine, _ n: Int,
                                     _ out: UnsafeMutablePointer<Int32>) -> Int {
        guard let x = checkedFloor(line.originX + 0.5), let y0 = checkedFloor(line.originY + 0.5),
              x >= 0, y0 >= 0, x < image.width, y0 + n <= image.height else { return 0 }
        let stride = image.stride
        // Safe: rows y0 ..< y0 + n and column x lie inside the image (checked above).
        var p = image.pixels + (y0 * stride + x * image.pixelStep)
        for i in 0..<n {
            out[i] = Int32(p.pointee) &<< 4
            p += stride
        }
        return n
    }

    private static func sampleBilinear(_ image: LumaImage, _ line: ScanLine, _ n: Int,
                                       _ out: UnsafeMutablePointer<Int32>) -> Int {
        let one = 1 << fractionBits
        guard var fx = fixed(line.originX), var fy = fixed(line.originY),
              let dx = checkedFloor(line.stepX * Double(one)), let dy = checkedFloor(line.stepY * Double(one))
        else { return 0 }
        let maxX = image.width - 2, maxY = image.height - 2
        let stride = image.stride, step = image.pixelStep
        let shift = fractionBits - 8
        let base = image.pixels
        for i in 0..<n {
            var xi = fx >> fractionBits, yi = fy >> fractionBits
            var ax = (fx >> shift) & 255, ay = (fy >> shift) & 255
            // Clipping keeps samples inside the frame; these clamps only absorb rounding at its border.
            if xi < 0 { xi = 0; ax = 0 } else if xi > maxX { xi = maxX; ax = 255 }
            if yi < 0 { yi = 0; ay = 0 } else if yi > maxY { yi = maxY; ay = 255 }
            // Safe: 0 <= xi <= width - 2 and 0 <= yi <= height - 2, so all four neighbours exist.
            let p = base + (yi &* stride &+ xi &* step)
            let a = Int(p[0]), b = Int(p[step]), c = Int(p[stride]), d = Int(p[stride &+ step])
            let top = a &* 256 &+ (b &- a) &* ax
            let bottom = c &* 256 &+ (d &- c) &* ax
            out[i] = Int32(truncatingIfNeeded: (top &* 256 &+ (bottom &- top) &* ay) >> 12)
            fx &+= dx
            fy &+= dy
        }
        return n
    }

    /// `v` in fixed point with `fractionBits` of fraction, without trapping on odd values.
    @inline(__always)
    private static func fixed(_ v: Double) -> Int? {
        guard let whole = checkedFloor(v), let frac = checkedFloor((v - Double(whole)) * Double(1 << fractionBits))
        else { return nil }
        return (whole << fractionBits) + frac
    }
}
