/// Estimates the sensor noise of a frame from differences of horizontally adjacent pixels.
///
/// For noise of standard deviation σ the difference of two neighbours has deviation σ√2, whose median
/// absolute value is 0.6745·σ√2 ≈ 0.954 σ. Edges and texture make a minority of large differences that
/// the median ignores, so the median of |I(x+1, y) − I(x, y)| over a sample of rows, divided by 0.954,
/// estimates σ. A 256-bin histogram on the stack: no allocation.
public enum NoiseEstimator {
    public static func estimate(_ image: LumaImage) -> Double {
        guard image.width >= 2, image.height >= 1 else { return 0 }
        // Signed differences −255 … 255 (no absolute value per pair; the two signs are added up at the
        // end). 16-bit counts: at most 64 sampled rows of at most 384 pairs (see the steps below) stay
        // under 2¹⁶ even all in one bin, and 511 of them (1,022 bytes) fit the stack allocation.
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 511) { histogram -> Double in
            let zero = histogram.baseAddress! + 255 // zero[d] counts the difference d
            histogram.baseAddress!.initialize(repeating: 0, count: 511)
            var count = 0
            // About 5–8 thousand differences: plenty for a median of small integers (twice as many moved
            // no decision on the corpus or synthetic frames, and cost 5 % of a small frame's decode).
            let rowStep = max(1, image.height / 32)
            let columnStep = max(1, image.width / 192)
            let width = image.width, height = image.height, step = image.pixelStep, stride = image.stride
            let advance = columnStep * step
            let pairs = (width - 2) / columnStep + 1 // x = 0, columnStep, … while x + 1 < width
            var y = 0
            while y < height {
                // Safe: the last pair read starts at (pairs − 1) · columnStep <= width − 2, so both pixels of
                // every pair are inside the row; a difference is within −255 … 255.
                var p = image.pixels + y &* stride
                if advance == 1 {
                    // Neighbouring pairs share a pixel: each pixel is read once, four pairs a step.
                    var previous = Int(p[0]), k = 0
                    while k &+ 4 <= pairs {
                        let a = Int(p[k &+ 1]), b = Int(p[k &+ 2]), c = Int(p[k &+ 3]), d = Int(p[k &+ 4])
                        zero[previous &- a] &+= 1
                        zero[a &- b] &+= 1
                        zero[b &- c] &+= 1
                        zero[c &- d] &+= 1
                        previous = d
                        k &+= 4
                    }
                    while k < pairs {
                        let a = Int(p[k &+ 1])
                        zero[previous &- a] &+= 1
                        previous = a
                        k &+= 1
                    }
                } else {
                    for _ in 0..<pairs {
                        zero[Int(p[0]) &- Int(p[step])] &+= 1
                        p += advance
                    }
                }
                count &+= pairs
                y &+= rowStep
            }
            guard count > 0 else { return 0 }
            // Median of |difference| with linear interpolation inside its bin (differences are small integers).
            let half = count / 2
            var seen = 0
            for v in 0..<256 {
                let n = v == 0 ? Int(zero[0]) : Int(zero[v]) + Int(zero[-v])
                if seen + n > half {
                    let within = n > 0 ? Double(half - seen) / Double(n) : 0
                    return (Double(v) - 0.5 + within) .clamped(to: 0...255) / 0.954
                }
                seen += n
            }
            return 0
        }
    }
}

extension Double {
    @inline(__always)
    func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
