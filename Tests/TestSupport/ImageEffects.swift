import Glibc

/// Camera-like degradations for synthetic test frames. All deterministic (seeded).
public extension GrayImage {
    /// Separable Gaussian blur with standard deviation `sigma` pixels (defocus).
    func blurred(sigma: Double) -> GrayImage {
        guard sigma > 0.05 else { return self }
        let radius = max(1, Int((sigma * 3).rounded(.up)))
        var kernel = (-radius...radius).map { i in exp(-Double(i * i) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        var tmp = [Double](repeating: 0, count: pixels.count)
        for y in 0..<height {
            for x in 0..<width {
                var acc = 0.0
                for k in -radius...radius {
                    let xx = min(max(x + k, 0), width - 1)
                    acc += Double(pixels[y * width + xx]) * kernel[k + radius]
                }
                tmp[y * width + x] = acc
            }
        }
        var out = self
        for y in 0..<height {
            for x in 0..<width {
                var acc = 0.0
                for k in -radius...radius {
                    let yy = min(max(y + k, 0), height - 1)
                    acc += tmp[yy * width + x] * kernel[k + radius]
                }
                out.pixels[y * width + x] = UInt8(min(255, max(0, acc.rounded())))
            }
        }
        return out
    }

    /// Adds Gaussian noise of standard deviation `sigma` grey levels.
    func withNoise(sigma: Double, seed: UInt64) -> GrayImage {
        var rng = SeededRandom(seed: seed)
        var out = self
        for i in 0..<pixels.count {
            let v = Double(pixels[i]) + rng.gaussian() * sigma
            out.pixels[i] = UInt8(min(255, max(0, v.rounded())))
        }
        return out
    }

    /// Maps grey levels linearly so that 0 → `low` and 255 → `high` (low contrast when close together).
    func withContrast(low: UInt8, high: UInt8) -> GrayImage {
        var out = self
        let lo = Double(low), span = Double(high) - Double(low)
        for i in 0..<pixels.count { out.pixels[i] = UInt8((lo + span * Double(pixels[i]) / 255).rounded()) }
        return out
    }

    /// Multiplies by a left-to-right brightness ramp from `left` to `right` (e.g. 0.3 → 1.0): uneven light.
    func withIlluminationRamp(left: Double, right: Double) -> GrayImage {
        var out = self
        for y in 0..<height {
            for x in 0..<width {
                let f = left + (right - left) * Double(x) / Double(max(1, width - 1))
                out.pixels[y * width + x] = UInt8(min(255, max(0, (Double(pixels[y * width + x]) * f).rounded())))
            }
        }
        return out
    }
}
