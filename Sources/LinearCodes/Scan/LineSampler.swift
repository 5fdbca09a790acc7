import Imaging

/// Reads the grey values along a `ScanLine` into a buffer, as luma × 16 (0 ... 4080).
///
/// The line steps one pixel along its major axis and rounds its minor coordinate (see `ScanLine`).
/// On noisy frames each sample averages a short band across the line (`band` 1: weights 1 2 1, noise
/// × 0.61; `band` 2: 1 2 2 2 1, noise × 0.47). The band runs along the bars, which the line crosses
/// within about 11° of square, so it smooths the noise without blurring the edges. The four extra bits
/// leave room for the averages' fractions and keep thresholds in one unit everywhere. `pixelStep` (2
/// for YUYV) is honoured.
enum LineSampler {
    /// Fixed-point fraction bits of the minor coordinate: 24 keep the drift over the longest line
    /// (2^16 samples) under 1/200 pixel.
    private static let fractionBits = 24

    /// Samples `line` into `out` (capacity `capacity`). Returns the number of samples written (0 when
    /// the line does not fit the image, which `ScanDirections.line` prevents).
    static func sample(_ image: LumaImage, _ line: ScanLine, band: Int = 0, into out: UnsafeMutablePointer<Int32>,
                       capacity: Int) -> Int {
        if line.halfSteps { return sampleStaircase(image, line, capacity, out) }
        let n = min(line.count, capacity)
        guard n >= 2 else { return 0 }
        let majorSize = line.majorIsX ? image.width : image.height
        let minorSize = line.majorIsX ? image.height : image.width
        let majorStride = line.majorIsX ? image.pixelStep : image.stride
        let minorStride = line.majorIsX ? image.stride : image.pixelStep
        guard line.start >= 0, line.start + n <= majorSize else { return 0 }
        // Minor coordinate in fixed point, with 0.5 added so that a shift rounds to nearest.
        guard abs(line.slope) <= 1, let m0 = fixed(line.minor0 + 0.5),
              let dm = checkedFloor(line.slope * Double(1 << fractionBits) + 0.5) else { return 0 }
        // Both ends must round inside the frame (then every sample between does: the minor coordinate
        // moves monotonically).
        let firstMinor = m0 >> fractionBits, lastMinor = (m0 + (n - 1) * dm) >> fractionBits
        guard band >= 0, band <= 2, firstMinor >= band, firstMinor < minorSize - band, lastMinor >= band,
              lastMinor < minorSize - band else { return 0 }
        if band > 0 {
            return sampleBand(image, line, n, m0, dm, band, majorStride, minorStride, out)
        }
        // Safe: major coordinates start ..< start + n and minor coordinates between firstMinor and
        // lastMinor lie inside the image (checked above).
        var p = image.pixels + line.start * majorStride
        if dm == 0 {
            p += firstMinor * minorStride
            for i in 0..<n {
                out[i] = Int32(p.pointee) &<< 4
                p += majorStride
            }
            return n
        }
        var m = m0
        for i in 0..<n {
            out[i] = Int32(p[(m >> fractionBits) &* minorStride]) &<< 4
            p += majorStride
            m &+= dm
        }
        return n
    }

    /// Diagonal lines (slope ±1) as a staircase: one step along the major axis, then one along the
    /// minor. (No band average: the staircase already mixes two neighbours of the line.)
    private static func sampleStaircase(_ image: LumaImage, _ line: ScanLine, _ capacity: Int,
                                        _ out: UnsafeMutablePointer<Int32>) -> Int {
        let n = min(line.count, capacity)
        let steps = (n + 1) / 2 // major positions visited
        guard n >= 3, abs(line.slope) == 1 else { return 0 }
        let majorSize = line.majorIsX ? image.width : image.height
        let minorSize = line.majorIsX ? image.height : image.width
        let majorStride = line.majorIsX ? image.pixelStep : image.stride
        let minorStride = line.majorIsX ? image.stride : image.pixelStep
        guard let first = checkedFloor(line.minor0 + 0.5), line.start >= 0, line.start + steps <= majorSize
        else { return 0 }
        let direction = line.slope > 0 ? 1 : -1
        let last = first + direction * (steps - 1)
        guard first >= 0, first < minorSize, last >= 0, last < minorSize else { return 0 }
        // Safe: the staircase stays between (start, first) and (start + steps - 1, last), inside the image.
        var p = image.pixels + (line.start * majorStride + first * minorStride)
        let minorStep = direction * minorStride
        var i = 0
        while i + 1 < n {
            out[i] = Int32(p.pointee) &<< 4
            p += majorStride
            out[i + 1] = Int32(p.pointee) &<< 4
            p += minorStep
            i += 2
        }
        if i < n { out[i] = Int32(p.pointee) &<< 4 }
        return n
    }

    /// Samples with a band of `band` pixels on either side of the line (weights 1 2 1 or 1 2 2 2 1).
    private static func sampleBand(_ image: LumaImage, _ line: ScanLine, _ n: Int, _ m0: Int, _ dm: Int, _ band: Int,
                                   _ majorStride: Int, _ minorStride: Int,
                                   _ out: UnsafeMutablePointer<Int32>) -> Int {
        // Safe: the caller checked that every rounded minor coordinate ± band lies inside the image.
        var p = image.pixels + line.start * majorStride
        var m = m0
        let s1 = minorStride, s2 = 2 &* minorStride
        if band == 1 {
            for i in 0..<n {
                let c = p + (m >> fractionBits) &* minorStride
                out[i] = (Int32(c[-s1]) &+ 2 &* Int32(c[0]) &+ Int32(c[s1])) &<< 2
                p += majorStride
                m &+= dm
            }
        } else {
            for i in 0..<n {
                let c = p + (m >> fractionBits) &* minorStride
                let inner = Int32(c[-s1]) &+ Int32(c[0]) &+ Int32(c[s1])
                out[i] = (Int32(c[-s2]) &+ 2 &* inner &+ Int32(c[s2])) &<< 1
                p += majorStride
                m &+= dm
            }
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

/// Estimates the frame's sensor noise, which sets the edge detector's hysteresis: a wiggle must be
/// larger than the noise to count as an edge.
///
/// The estimate is robust to content: per row, the lower quartile of the absolute differences between
/// neighbouring pixels (for Gaussian noise of standard deviation σ the difference of two pixels has
/// σ√2, and the lower quartile of its magnitude is 0.32 · σ√2); across rows, the lower quartile of
/// those. Edges and texture raise a row's upper quantiles first, and rows full of bars (a symbol that
/// fills the frame) are outvoted by the rows across paper or background.
enum NoiseLevel {
    /// Rows sampled, evenly spread over the frame.
    static let rows = 12
    static let bins = 64

    /// Standard deviation of the difference of two neighbouring pixels, in grey levels (0 when the
    /// frame is too small to tell). `histogram` holds `bins` counts, `perRow` `rows` values.
    static func differenceSigma(_ image: LumaImage, histogram: UnsafeMutablePointer<Int32>,
                                perRow: UnsafeMutablePointer<Float>) -> Float {
        let w = image.width, h = image.height
        guard w >= 8, h >= 1 else { return 0 }
        let rowCount = min(rows, h)
        let step = image.pixelStep
        for r in 0..<rowCount {
            for b in 0..<bins { histogram[b] = 0 }
            let y = (2 * r + 1) * h / (2 * rowCount)
            // Safe: 0 <= y < h and every x below is inside the row.
            var p = image.pixels + y * image.stride
            var previous = Int(p.pointee)
            for _ in 1..<w {
                p += step
                let v = Int(p.pointee)
                let d = v > previous ? v - previous : previous - v
                histogram[min(d, bins - 1)] &+= 1
                previous = v
            }
            perRow[r] = quartile(histogram, total: Float(w - 1)) / 0.32
        }
        // Lower quartile of the rows (insertion sort of at most 12 values).
        for i in 1..<rowCount {
            let v = perRow[i]
            var k = i - 1
            while k >= 0, perRow[k] > v {
                perRow[k + 1] = perRow[k]
                k -= 1
            }
            perRow[k + 1] = v
        }
        return perRow[(rowCount - 1) / 4]
    }

    /// Lower quartile of a histogram of whole grey levels, interpolated inside its bin.
    private static func quartile(_ histogram: UnsafeMutablePointer<Int32>, total: Float) -> Float {
        let target = total * 0.25
        var below: Float = 0 // sums of whole counts below 2^24: exact in Float
        for b in 0..<bins {
            let c = Float(histogram[b])
            if below + c >= target {
                let inside = c > 0 ? (target - below) / c : 0
                return max(0, Float(b) - 0.5 + inside)
            }
            below += c
        }
        return Float(bins)
    }
}
