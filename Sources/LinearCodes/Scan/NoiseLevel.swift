import Imaging

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
    /// frame is too small to tell). `scratch` holds `bins + rows` values.
    static func differenceSigma(_ image: LumaImage, scratch: UnsafeMutablePointer<Float>) -> Float {
        let w = image.width, h = image.height
        guard w >= 8, h >= 1 else { return 0 }
        let histogram = scratch, perRow = scratch + bins
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
                histogram[min(d, bins - 1)] += 1
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
    private static func quartile(_ histogram: UnsafeMutablePointer<Float>, total: Float) -> Float {
        let target = total * 0.25
        var below: Float = 0
        for b in 0..<bins {
            let c = histogram[b]
            if below + c >= target {
                let inside = c > 0 ? (target - below) / c : 0
                return max(0, Float(b) - 0.5 + inside)
            }
            below += c
        }
        return Float(bins)
    }
}
