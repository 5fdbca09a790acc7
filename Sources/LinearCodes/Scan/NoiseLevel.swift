import Imaging

/// Estimates the frame's sensor noise, which sets the edge detector's hysteresis: a wiggle must be
/// larger than the noise to count as an edge.
///
/// The estimate is robust to content: the lower quartile of the absolute differences between
/// neighbouring pixels along a few rows. For Gaussian noise of standard deviation σ the difference of
/// two pixels has σ√2 and the lower quartile of its magnitude is 0.32 · σ√2; edges and texture only
/// raise the upper quantiles, so the quartile holds until three quarters of the differences are edges.
enum NoiseLevel {
    /// Rows sampled, evenly spread over the frame.
    static let rows = 12

    /// Standard deviation of the difference of two neighbouring pixels, in grey levels (0 when the
    /// frame is too small to tell).
    static func differenceSigma(_ image: LumaImage, histogram: UnsafeMutablePointer<Int32>) -> Float {
        let w = image.width, h = image.height
        guard w >= 8, h >= 1 else { return 0 }
        let bins = 64
        for b in 0..<bins { histogram[b] = 0 }
        var total = 0
        let rowCount = min(rows, h)
        let step = image.pixelStep
        for r in 0..<rowCount {
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
            total += w - 1
        }
        // Lower quartile, interpolated inside its bin (differences are whole grey levels).
        let target = Float(total) * 0.25
        var below: Float = 0
        for b in 0..<bins {
            let c = Float(histogram[b])
            if below + c >= target {
                let inside = c > 0 ? (target - below) / c : 0
                let quartile = Float(b) - 0.5 + inside
                return max(0, quartile) / 0.32
            }
            below += c
        }
        return Float(bins) / 0.32
    }
}
