import Decoding
import Imaging
import Testing
import TestSupport

/// Non-negotiable: no byte pattern and no image size makes a decoder trap.
@Suite struct HostileInputTests {
    @Test(arguments: [(1, 1), (2, 1), (7, 7), (21, 21), (41, 40), (640, 1), (1, 480), (333, 257)])
    func randomBytesOfAnySizeDecodeWithoutTrapping(width: Int, height: Int) {
        let decoder = Decoder(configuration: DecoderConfiguration(maxWidth: 640, maxHeight: 480))
        var rng = SeededRandom(seed: UInt64(width * 7919 + height))
        for _ in 0..<20 {
            var image = GrayImage(width: width, height: height)
            for i in 0..<image.pixels.count { image.pixels[i] = UInt8(truncatingIfNeeded: rng.next()) }
            let n = image.withLumaImage { decoder.decode($0) }
            #expect(n == decoder.results.count)
        }
    }

    @Test(arguments: [UInt8(0), 255, 128])
    func uniformFramesHoldNoCode(level: UInt8) {
        let decoder = Decoder(configuration: DecoderConfiguration(maxWidth: 1280, maxHeight: 720))
        let image = GrayImage(width: 1280, height: 720, fill: level)
        #expect(image.withLumaImage { decoder.decode($0) } == 0)
    }

    @Test func aFrameLargerThanConfiguredIsRefusedNotRead() {
        let decoder = Decoder(configuration: DecoderConfiguration(maxWidth: 64, maxHeight: 64))
        let image = GrayImage(width: 65, height: 64, fill: 0)
        #expect(!decoder.accepts(width: 65, height: 64))
        #expect(image.withLumaImage { decoder.decode($0) } == 0)
    }

    @Test func anEightThousandPixelSquareFrameDecodes() {
        let side = 8000
        let decoder = Decoder(configuration: DecoderConfiguration(maxWidth: side, maxHeight: side))
        var image = GrayImage(width: side, height: side, fill: 255)
        // Stripes and blocks: finder-like structure at many scales, nothing decodable.
        for y in 0..<side where (y / 97) % 2 == 0 {
            for x in 0..<side where (x / 13) % 3 == 0 { image.pixels[y * side + x] = 0 }
        }
        let n = image.withLumaImage { decoder.decode($0) }
        #expect(n == 0)
    }

    @Test func stridedAndCroppedViewsDecodeWithoutTrapping() {
        let decoder = Decoder(configuration: DecoderConfiguration(maxWidth: 640, maxHeight: 480))
        var rng = SeededRandom(seed: 9)
        var buffer = [UInt8](repeating: 0, count: 700 * 500)
        for i in 0..<buffer.count { buffer[i] = UInt8(truncatingIfNeeded: rng.next()) }
        buffer.withUnsafeBufferPointer { p in
            let full = LumaImage(pixels: p.baseAddress!, width: 640, height: 480, stride: 700)
            _ = decoder.decode(full)
            if let roi = full.cropped(to: PixelRect(x: 600, y: 400, width: 200, height: 200)) {
                #expect(roi.width == 40 && roi.height == 80)
                _ = decoder.decode(roi)
            }
            let yuyvLike = LumaImage(pixels: p.baseAddress!, width: 320, height: 480, stride: 700, pixelStep: 2)
            _ = decoder.decode(yuyvLike)
        }
    }
}
