import Imaging
import LinearCodes
import MallocCounter
import Symbols
import Testing
import TestSupport

/// `read` allocates nothing: everything it needs was reserved in the arena at init.
@Suite struct LinearAllocationTests {
    @Test func readsAThousandVariedFramesWithoutAllocating() {
        let arena = ScanArena()
        let reader = LinearReader(arena: arena, maxWidth: 800, maxHeight: 600, formats: .linear)
        let results = ResultSlots(arena: arena)
        // Frames of every kind: each symbology in several conditions, clutter, noise, degenerate sizes.
        var frames: [GrayImage] = []
        for (i, s) in ImagingConditionsTests.symbols.enumerated() {
            var o = LinearRenderOptions()
            o.width = 640
            o.height = 480
            o.module = 2
            o.rotation = Double(i * 37)
            o.heightRatio = 0.5
            frames.append(LinearRenderer.render(s, o))
            o.inverted = true
            o.noise = 12
            o.blur = 0.8
            frames.append(LinearRenderer.render(s, o))
        }
        frames.append(LinearRenderer.render(EANEncoder.ean13("978073520044", addOn: "51299"),
                                            LinearRenderer.fittingOptions(EANEncoder.ean13("978073520044", addOn: "51299"))))
        for seed in 0..<4 { frames.append(LinearFalsePositiveTests.clutter(seed: UInt64(seed))) }
        frames.append(GrayImage(width: 1, height: 1, fill: 0))
        frames.append(GrayImage(width: 800, height: 3, fill: 255))
        var decoded = 0
        // Warm-up: the first read of each frame kind may touch lazily initialised tables.
        for f in frames {
            f.withLumaImage { luma in
                results.reset()
                decoded += reader.read(luma, into: results)
            }
        }
        malloc_counter_start()
        for k in 0..<1000 {
            frames[k % frames.count].withLumaImage { luma in
                results.reset()
                decoded += reader.read(luma, into: results)
            }
        }
        let allocations = malloc_counter_stop()
        #expect(malloc_counter_is_active() == 1)
        #expect(allocations == 0)
        #expect(decoded > 500)
    }
}
