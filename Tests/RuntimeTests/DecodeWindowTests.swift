import Imaging
import Runtime
import Testing

/// Region of interest and decode scale: views into the frame where the layout allows, a reduced copy
/// only when it does not.
@Suite struct DecodeWindowTests {
    /// A 64×48 frame whose pixel at (x, y) is (x + 2y) mod 256.
    static let pixels: [UInt8] = (0..<(64 * 48)).map { UInt8(truncatingIfNeeded: ($0 % 64) + 2 * ($0 / 64)) }

    func window(roi: PixelRect? = nil, scale: Int = 1, method: DecodeSettings.ScaleMethod = .subsample) -> DecodeWindow {
        DecodeWindow(settings: DecodeSettings(regionOfInterest: roi, scale: scale, scaleMethod: method),
                     frameWidth: 64, frameHeight: 48)
    }

    @Test func aRegionOfInterestIsAViewIntoTheFrame() throws {
        try Self.pixels.withUnsafeBufferPointer { p in
            let frame = LumaImage(pixels: p.baseAddress!, width: 64, height: 48, stride: 64)
            let v = try #require(window(roi: PixelRect(x: 8, y: 4, width: 32, height: 20)).view(of: frame))
            #expect(v.image.pixels == p.baseAddress! + 4 * 64 + 8, "no copy")
            #expect(v.image.width == 32 && v.image.height == 20 && v.image.stride == 64)
            #expect(v.mapping == ViewMapping(originX: 8, originY: 4, scale: 1))
        }
    }

    @Test func subsamplingByTwoOrFourReadsInPlace() throws {
        try Self.pixels.withUnsafeBufferPointer { p in
            let frame = LumaImage(pixels: p.baseAddress!, width: 64, height: 48, stride: 64)
            for scale in [2, 4] {
                let v = try #require(window(scale: scale).view(of: frame))
                #expect(v.image.pixels == p.baseAddress!, "no copy at 1/\(scale)")
                #expect(v.image.width == 64 / scale && v.image.height == 48 / scale)
                #expect(v.image.pixel(3, 2) == frame.pixel(3 * scale, 2 * scale))
            }
        }
    }

    @Test func yuyvAtAQuarterIsCopiedBecauseTheStepWouldBeEightBytes() throws {
        // YUYV: luma at even bytes; 32×24 pixels in 64-byte rows.
        var yuyv = [UInt8](repeating: 0, count: 64 * 24)
        for y in 0..<24 { for x in 0..<32 { yuyv[y * 64 + 2 * x] = UInt8(x + y) } }
        try yuyv.withUnsafeBufferPointer { p in
            let frame = LumaImage(pixels: p.baseAddress!, width: 32, height: 24, stride: 64, pixelStep: 2)
            let w = DecodeWindow(settings: DecodeSettings(scale: 4), frameWidth: 32, frameHeight: 24)
            let v = try #require(w.view(of: frame))
            #expect(v.image.pixels != p.baseAddress!, "copied")
            #expect(v.image.pixelStep == 1 && v.image.width == 8 && v.image.height == 6)
            #expect(v.image.pixel(2, 1) == UInt8(8 + 4))
            let half = try #require(DecodeWindow(settings: DecodeSettings(scale: 2), frameWidth: 32, frameHeight: 24).view(of: frame))
            #expect(half.image.pixels == p.baseAddress! && half.image.pixelStep == 4, "1/2 of YUYV is still a view")
        }
    }

    @Test func averagingTakesTheMeanOfEachBlock() throws {
        try Self.pixels.withUnsafeBufferPointer { p in
            let frame = LumaImage(pixels: p.baseAddress!, width: 64, height: 48, stride: 64)
            let v = try #require(window(scale: 2, method: .average).view(of: frame))
            // Block at (2x, 2y): values x2+2*y2 + {0, 1, 2, 3}: mean + 1.5, rounded half up.
            let expected = (Int(frame.pixel(10, 6)) * 4 + 0 + 1 + 2 + 3 + 2) / 4
            #expect(Int(v.image.pixel(5, 3)) == expected)
            #expect(v.image.pixels != p.baseAddress!)
        }
    }

    @Test func aRegionOutsideTheFrameDecodesNothing() {
        Self.pixels.withUnsafeBufferPointer { p in
            let frame = LumaImage(pixels: p.baseAddress!, width: 64, height: 48, stride: 64)
            #expect(window(roi: PixelRect(x: 100, y: 0, width: 10, height: 10)).view(of: frame) == nil)
        }
    }
}
