import Decoding
import Imaging
import MallocCounter
import Symbols
import Testing
import TestSupport

/// Non-negotiable: after the first frame, decoding allocates nothing on the heap.
@Suite struct AllocationTests {
    /// Frames of many kinds (codes at several sizes and angles, blur, noise, inversion, clutter, corpus
    /// photos), made before counting starts.
    static func variedFrames() -> [GrayImage] {
        var frames: [GrayImage] = []
        var rng = SeededRandom(seed: 42)
        for i in 0..<24 {
            var canvas = GrayImage(width: 640, height: 480, fill: UInt8(150 + i * 3))
            // Checkerboard-ish clutter that contains finder-like runs.
            var modules = [UInt8](repeating: 0, count: 25 * 25)
            for k in 0..<modules.count { modules[k] = UInt8(rng.next() & 1) }
            for (x, y) in [(0, 0), (18, 0), (0, 18)] { // three eye-like squares
                for dy in 0..<7 { for dx in 0..<7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    modules[(y + dy) * 25 + x + dx] = ring == 2 ? 0 : 1
                } }
            }
            let size = 120 + Double(i * 10)
            SceneRenderer.draw(modules: modules, columns: 25, rows: 25, into: &canvas,
                               corners: SceneRenderer.square(center: 320, 240, size: size, degrees: Double(i * 15)))
            var frame = canvas
            if i % 3 == 1 { frame = frame.blurred(sigma: 1.2) }
            if i % 4 == 2 { frame = frame.withNoise(sigma: 12, seed: UInt64(i)) }
            if i % 5 == 3 { frame = frame.inverted() }
            frames.append(frame)
        }
        if let corpus = Corpus.shared {
            for entry in corpus.entries where entry.set.hasPrefix("qrcode-") || entry.set.hasPrefix("ean13-") {
                if let image = try? corpus.load(entry), image.width <= 1280, image.height <= 720 { frames.append(image) }
                if frames.count >= 64 { break }
            }
        }
        var noise = GrayImage(width: 1280, height: 720)
        for k in 0..<noise.pixels.count { noise.pixels[k] = UInt8(truncatingIfNeeded: rng.next()) }
        frames.append(noise)
        frames.append(GrayImage(width: 1280, height: 720, fill: 0))
        frames.append(GrayImage(width: 3, height: 2, fill: 255))
        return frames
    }

    @Test func decodingAThousandVariedFramesAllocatesNothing() {
        let frames = Self.variedFrames()
        let decoder = Decoder(configuration: DecoderConfiguration(maxWidth: 1280, maxHeight: 720))
        // Warm-up: one pass over every frame (lazy globals, tables, first-use initialisation).
        for f in frames { f.withLumaImage { _ = decoder.decode($0) } }
        let lumas = frames.map { f in f.pixels }
        var decoded = 0
        malloc_counter_start()
        for i in 0..<1000 {
            let f = frames[i % frames.count]
            lumas[i % frames.count].withUnsafeBufferPointer { p in
                decoded += decoder.decode(LumaImage(pixels: p.baseAddress!, width: f.width, height: f.height, stride: f.width))
            }
        }
        let allocations = malloc_counter_stop()
        #expect(malloc_counter_is_active() == 1, "the malloc interposer is not linked in")
        #expect(allocations == 0, "\(allocations) heap allocations in 1,000 decodes (\(decoded) symbols)")
    }

    @Test func theCounterSeesAnAllocation() {
        malloc_counter_start()
        let array = [Int](repeating: 7, count: Int.random(in: 100...200))
        let n = malloc_counter_stop()
        #expect(array.count >= 100)
        #expect(n >= 1)
    }
}
