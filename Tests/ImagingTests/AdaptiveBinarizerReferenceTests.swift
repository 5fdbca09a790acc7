import Imaging
import Testing
import TestSupport

/// The binarizer's fast kernels against `BinarizerReference`, bit for bit, on random scenes of every
/// size class (widths and heights on and off the 8-pixel block grid), strides wider than the row, YUYV
/// pixel steps, both smoothing choices and flat frames.
@Suite struct AdaptiveBinarizerReferenceTests {
    /// A scene of random boxes (code-like modules, flat patches) on a ramp, with sensor noise.
    static func scene(width: Int, height: Int, seed: UInt64) -> [UInt8] {
        var rng = SeededRandom(seed: seed)
        var pixels = [Double](repeating: 0, count: width * height)
        let base = Double(rng.below(200)) + 20, slope = Double(rng.below(60)) - 30
        for y in 0..<height {
            for x in 0..<width { pixels[y * width + x] = base + slope * Double(x) / Double(width) }
        }
        let boxes = rng.below(40)
        for _ in 0..<boxes {
            let bw = 1 + rng.below(max(1, width / 3)), bh = 1 + rng.below(max(1, height / 3))
            let x0 = rng.below(width), y0 = rng.below(height)
            let level = Double(rng.below(256))
            for y in y0..<min(height, y0 + bh) {
                for x in x0..<min(width, x0 + bw) { pixels[y * width + x] = level }
            }
        }
        let sigma = [0.0, 0.0, 1.5, 3.0, 6.0, 12.0][rng.below(6)]
        return pixels.map { v in
            UInt8(min(255, max(0, (v + rng.gaussian() * sigma).rounded())))
        }
    }

    /// Binarizes `pixels` (width × height, packed) laid out with `stride` and `step`, and compares plane and
    /// thresholds (through `inkBetweenPixels` at pixel centres) with the reference.
    static func check(_ pixels: [UInt8], width: Int, height: Int, stride: Int, step: Int, smoothing: Bool?) {
        var buffer = [UInt8](repeating: 0x5A, count: stride * (height - 1) + (width - 1) * step + 1)
        for y in 0..<height {
            for x in 0..<width { buffer[y * stride + x * step] = pixels[y * width + x] }
        }
        let arena = ScanArena()
        var plane = BitPlane(arena: arena, maxWidth: width, maxHeight: height)
        var binarizer = AdaptiveBinarizer(arena: arena, maxWidth: width, maxHeight: height)
        buffer.withUnsafeBufferPointer { memory in
            let image = LumaImage(pixels: memory.baseAddress!, width: width, height: height, stride: stride, pixelStep: step)
            binarizer.beginFrame(image)
            #expect(binarizer.binarize(image, into: &plane, smoothing: smoothing))
            let reference = BinarizerReference(width: width, height: height, noise: binarizer.lastNoise,
                                               smoothed: binarizer.lastSmoothed) { x, y in pixels[y * width + x] }
            var planeMismatches = 0, thresholdMismatches = 0
            for i in 0..<(width * height) where plane.bits[i] != reference.plane[i] { planeMismatches += 1 }
            for y in 0..<(height - 1) {
                for x in 0..<(width - 1) {
                    let t = reference.thresholds[min(y / 8, reference.blocksY - 1) * reference.blocksX + min(x / 8, reference.blocksX - 1)]
                    let ink: UInt8 = reference.source[y * width + x] <= t ? 1 : 0
                    if binarizer.inkBetweenPixels(Double(x) + 0.5, Double(y) + 0.5) != ink { thresholdMismatches += 1 }
                }
            }
            #expect(planeMismatches == 0 && thresholdMismatches == 0,
                    "\(width)×\(height) stride \(stride) step \(step) smoothing \(String(describing: smoothing)): \(planeMismatches) pixels, \(thresholdMismatches) thresholds differ")
        }
        withExtendedLifetime(arena) {}
    }

    @Test func matchesTheReferenceOnRandomScenes() {
        var rng = SeededRandom(seed: 2024)
        let sizes = [(40, 40), (41, 47), (48, 40), (63, 65), (64, 64), (71, 80), (72, 72), (80, 41), (97, 103),
                     (128, 96), (135, 57), (150, 151), (240, 240), (257, 129)]
        for (k, (w, h)) in sizes.enumerated() {
            for variant in 0..<6 {
                let pixels = Self.scene(width: w, height: h, seed: UInt64(k * 16 + variant))
                let smoothing: Bool? = [nil, true, false][variant % 3]
                let pad = variant < 3 ? 0 : 1 + rng.below(13)
                Self.check(pixels, width: w, height: h, stride: w + pad, step: 1, smoothing: smoothing)
            }
            let pixels = Self.scene(width: w, height: h, seed: UInt64(k * 16 + 9))
            Self.check(pixels, width: w, height: h, stride: 2 * w + 3, step: 2, smoothing: k % 2 == 0 ? nil : true)
        }
    }

    @Test func matchesTheReferenceOnFlatAndHalfFlatFrames() {
        let flat = [UInt8](repeating: 130, count: 96 * 88)
        Self.check(flat, width: 96, height: 88, stride: 96, step: 1, smoothing: false)
        // Contrast only at the bottom right: leading blocks take the first threshold after them.
        var corner = flat
        for y in 70..<88 { for x in 60..<96 where (x / 3 + y / 3) % 2 == 0 { corner[y * 96 + x] = 20 } }
        Self.check(corner, width: 96, height: 88, stride: 96, step: 1, smoothing: false)
        Self.check(corner, width: 96, height: 88, stride: 100, step: 1, smoothing: true)
    }

    /// The noise estimate written out plainly: median of |I(x + 1, y) − I(x, y)| over the sampled pairs,
    /// interpolated inside its bin, ÷ 0.954.
    static func referenceNoise(_ pixels: [UInt8], width: Int, height: Int) -> Double {
        var histogram = [Int](repeating: 0, count: 256)
        let rowStep = max(1, height / 32), columnStep = max(1, width / 192)
        var count = 0
        for y in Swift.stride(from: 0, to: height, by: rowStep) {
            for x in Swift.stride(from: 0, to: width - 1, by: columnStep) {
                histogram[abs(Int(pixels[y * width + x]) - Int(pixels[y * width + x + 1]))] += 1
                count += 1
            }
        }
        var seen = 0
        for v in 0..<256 {
            if seen + histogram[v] > count / 2 {
                let within = histogram[v] > 0 ? Double(count / 2 - seen) / Double(histogram[v]) : 0
                return min(max(Double(v) - 0.5 + within, 0), 255) / 0.954
            }
            seen += histogram[v]
        }
        return 0
    }

    @Test func estimatesNoiseAsTheReferenceDoes() {
        let sizes = [(2, 1), (7, 5), (40, 40), (191, 63), (383, 95), (384, 64), (640, 480), (1280, 720)]
        for (k, (w, h)) in sizes.enumerated() {
            let pixels = Self.scene(width: w, height: h, seed: UInt64(500 + k))
            for step in [1, 2] {
                var buffer = [UInt8](repeating: 0, count: (w * step + 5) * h)
                for y in 0..<h { for x in 0..<w { buffer[y * (w * step + 5) + x * step] = pixels[y * w + x] } }
                let estimate = buffer.withUnsafeBufferPointer {
                    NoiseEstimator.estimate(LumaImage(pixels: $0.baseAddress!, width: w, height: h, stride: w * step + 5,
                                                      pixelStep: step))
                }
                #expect(estimate == Self.referenceNoise(pixels, width: w, height: h), "\(w)×\(h) step \(step)")
            }
        }
        // Extreme differences both ways: a frame of alternating black and white columns.
        let stripes = (0..<(100 * 50)).map { UInt8(($0 % 2) * 255) }
        let estimate = stripes.withUnsafeBufferPointer {
            NoiseEstimator.estimate(LumaImage(pixels: $0.baseAddress!, width: 100, height: 50, stride: 100))
        }
        #expect(estimate == Self.referenceNoise(stripes, width: 100, height: 50))
    }
}
