import Imaging
import Testing
import TestSupport

@Suite struct AdaptiveBinarizerTests {
    /// A checkerboard of `cell`-pixel squares: 1 where dark.
    static func board(width: Int, height: Int, cell: Int, dark: UInt8, light: UInt8) -> (GrayImage, [UInt8]) {
        var image = GrayImage(width: width, height: height)
        var truth = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let isDark = ((x / cell) + (y / cell)) % 2 == 0
                image[x, y] = isDark ? dark : light
                truth[y * width + x] = isDark ? 1 : 0
            }
        }
        return (image, truth)
    }

    /// The arena is returned too: the plane and binarizer point into it.
    static func binarize(_ image: GrayImage, smoothing: Bool? = nil) -> (BitPlane, AdaptiveBinarizer, ScanArena) {
        let arena = ScanArena()
        var plane = BitPlane(arena: arena, maxWidth: image.width, maxHeight: image.height)
        var binarizer = AdaptiveBinarizer(arena: arena, maxWidth: image.width, maxHeight: image.height)
        image.withLumaImage { luma in
            binarizer.beginFrame(luma)
            #expect(binarizer.binarize(luma, into: &plane, smoothing: smoothing))
        }
        return (plane, binarizer, arena)
    }

    static func agreement(_ plane: BitPlane, _ truth: [UInt8]) -> Double {
        var same = 0
        for i in 0..<truth.count where plane.bits[i] == truth[i] { same += 1 }
        return Double(same) / Double(truth.count)
    }

    @Test func followsAStrongIlluminationRamp() {
        let (board, truth) = Self.board(width: 320, height: 240, cell: 6, dark: 40, light: 220)
        let lit = board.withIlluminationRamp(left: 0.25, right: 1.0) // dark side: light squares at 55
        let (plane, _, arena) = Self.binarize(lit)
        #expect(Self.agreement(plane, truth) > 0.99)
        withExtendedLifetime(arena) {}
    }

    @Test func readsLowContrastWithoutNoise() {
        let (board, truth) = Self.board(width: 320, height: 240, cell: 5, dark: 110, light: 128)
        let (plane, _, arena) = Self.binarize(board)
        #expect(Self.agreement(plane, truth) > 0.99)
        withExtendedLifetime(arena) {}
    }

    @Test func keepsAFlatDarkGroundDarkBesideContrast() {
        // Left half a checkerboard, right half flat dark: the flat part inherits the board's threshold.
        var (image, _) = Self.board(width: 320, height: 240, cell: 6, dark: 30, light: 200)
        for y in 0..<240 { for x in 160..<320 { image[x, y] = 35 } }
        let (plane, _, arena) = Self.binarize(image)
        var dark = 0
        for y in 0..<240 { for x in 200..<320 where plane.bits[y * 320 + x] == 1 { dark += 1 } }
        #expect(Double(dark) / Double(240 * 120) > 0.99)
        withExtendedLifetime(arena) {}
    }

    @Test func estimatesSensorNoise() {
        for sigma in [3.0, 6.0, 10.0] {
            let noisy = GrayImage(width: 400, height: 300, fill: 128).withNoise(sigma: sigma, seed: 5)
            let estimate = noisy.withLumaImage { NoiseEstimator.estimate($0) }
            #expect(abs(estimate - sigma) < sigma * 0.2, "σ \(sigma) estimated \(estimate)")
        }
        let clean = GrayImage(width: 100, height: 100, fill: 77)
        #expect(clean.withLumaImage { NoiseEstimator.estimate($0) } < 0.5)
    }

    @Test func smoothingRescuesANoisyLowContrastBoard() {
        let (board, truth) = Self.board(width: 320, height: 240, cell: 8, dark: 100, light: 140)
        let noisy = board.withNoise(sigma: 12, seed: 1)
        let (raw, _, rawArena) = Self.binarize(noisy, smoothing: false)
        let (smoothed, binarizer, arena) = Self.binarize(noisy, smoothing: true)
        #expect(binarizer.lastSmoothed)
        #expect(Self.agreement(smoothed, truth) > Self.agreement(raw, truth))
        #expect(Self.agreement(smoothed, truth) > 0.9)
        withExtendedLifetime((arena, rawArena)) {}
    }

    @Test func judgesBetweenPixelsWithTheSameThresholds() {
        let (board, _) = Self.board(width: 160, height: 160, cell: 6, dark: 20, light: 230)
        let (_, binarizer, arena) = Self.binarize(board)
        board.withLumaImage { _ in
            #expect(binarizer.inkBetweenPixels(3, 3) == 1)   // centre of a dark cell
            #expect(binarizer.inkBetweenPixels(9, 3) == 0)   // centre of a light cell
            #expect(binarizer.inkBetweenPixels(-3, 4) == nil)
        }
        withExtendedLifetime(arena) {}
    }

    @Test func binarizesTinyImagesWithOneThreshold() {
        var image = GrayImage(width: 7, height: 5, fill: 240)
        image[3, 2] = 10
        let (plane, _, arena) = Self.binarize(image)
        #expect(plane.bits[2 * 7 + 3] == 1 && plane.bits[0] == 0)
        withExtendedLifetime(arena) {}
    }
}
