import Imaging
import LinearCodes
import Symbols
import Testing
import TestSupport

/// Any input, however odd, returns (no trap, no read out of bounds): random bytes, degenerate sizes,
/// flat frames, frames larger than the reader was built for, strides and pixel steps.
@Suite struct LinearRobustnessTests {
    @Test func survivesRandomBytesOfManySizes() {
        let harness = LinearTestHarness(maxWidth: 700, maxHeight: 700)
        var r = TestRandom(seed: 7)
        let sizes = [(1, 1), (1, 2), (2, 1), (2, 2), (3, 3), (1, 700), (700, 1), (7, 500), (500, 7), (16, 16),
                     (33, 17), (640, 480), (700, 700), (123, 457)]
        for (w, h) in sizes {
            var image = GrayImage(width: w, height: h, fill: 0)
            for i in 0..<image.pixels.count { image.pixels[i] = UInt8(truncatingIfNeeded: r.next()) }
            _ = harness.read(image)
        }
    }

    @Test func survivesFlatAndExtremeFrames() {
        let harness = LinearTestHarness(maxWidth: 640, maxHeight: 480)
        for fill in [UInt8(0), 255, 128] {
            #expect(harness.read(GrayImage(width: 640, height: 480, fill: fill)).isEmpty)
        }
        // An edge at every pixel, both ways: the most edges a line can hold.
        var stripes = GrayImage(width: 640, height: 480, fill: 0)
        for y in 0..<480 {
            for x in 0..<640 where (x + y) % 2 == 0 { stripes[x, y] = 255 }
        }
        _ = harness.read(stripes)
        var columns = GrayImage(width: 640, height: 480, fill: 0)
        for y in 0..<480 {
            for x in 0..<640 where x % 2 == 0 { columns[x, y] = 255 }
        }
        #expect(harness.read(columns).isEmpty)
    }

    @Test func ignoresFramesLargerThanItsBuffers() {
        let harness = LinearTestHarness(maxWidth: 100, maxHeight: 100)
        let s = EANEncoder.ean13("590123412345")
        let image = LinearRenderer.render(s, LinearRenderer.fittingOptions(s))
        #expect(image.width > 100)
        #expect(harness.read(image).isEmpty)
    }

    @Test func honoursStrideAndPixelStep() {
        let harness = LinearTestHarness(maxWidth: 700, maxHeight: 300)
        let s = Code128Encoder.auto("STRIDE-77")
        let grey = LinearRenderer.render(s, LinearRenderer.fittingOptions(s))
        // Rows padded to a larger stride, filled with garbage past the width.
        let stride = grey.width + 37
        var padded = [UInt8](repeating: 0, count: stride * grey.height)
        for y in 0..<grey.height {
            for x in 0..<stride { padded[y * stride + x] = x < grey.width ? grey[x, y] : UInt8(x & 255) }
        }
        let reads = padded.withUnsafeBufferPointer {
            harness.read(LumaImage(pixels: $0.baseAddress!, width: grey.width, height: grey.height, stride: stride))
        }
        #expect(s.isOnlyRead(in: reads), "\(reads)")
        // pixelStep 4, the largest LumaImage allows, on a one-row frame.
        var wide = [UInt8](repeating: 9, count: grey.width * 4)
        for x in 0..<grey.width { wide[4 * x] = grey[x, grey.height / 2] }
        let one = wide.withUnsafeBufferPointer {
            harness.read(LumaImage(pixels: $0.baseAddress!, width: grey.width, height: 1, stride: grey.width * 4,
                                   pixelStep: 4))
        }
        #expect(s.isOnlyRead(in: one), "\(one)")
    }

    @Test func readsWithNothingEnabledGivesNothing() {
        let harness = LinearTestHarness(formats: FormatSet(.qrCode))
        let s = EANEncoder.ean13("590123412345")
        #expect(harness.roundTrip(s, LinearRenderer.fittingOptions(s)).isEmpty)
    }
}
