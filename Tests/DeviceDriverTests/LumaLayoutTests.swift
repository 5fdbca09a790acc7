import Capture
import Imaging
import MallocCounter
import Testing

@Suite struct LumaLayoutTests {
    @Test func greyAndPlanarFormatsAreTheYPlaneWithTheDriversStride() throws {
        for format in [FourCC.grey, .yuv420, .yvu420, .nv12, .nv21] {
            let l = try #require(LumaLayout(format: format, width: 640, height: 480, bytesPerLine: 704))
            #expect(l.offset == 0 && l.stride == 704 && l.pixelStep == 1)
            #expect(l.requiredBytes == 479 * 704 + 640)
        }
    }

    @Test func yuyvReadsEveryOtherByteAndUYVYTheOddOnes() throws {
        let yuyv = try #require(LumaLayout(format: .yuyv, width: 4, height: 2, bytesPerLine: 8))
        let uyvy = try #require(LumaLayout(format: .uyvy, width: 4, height: 2, bytesPerLine: 8))
        // Two rows of Y0 U Y1 V Y2 U Y3 V (luma 10…13, 20…23; chroma 128).
        let packed: [UInt8] = [10, 128, 11, 128, 12, 128, 13, 128, 20, 128, 21, 128, 22, 128, 23, 128]
        let swapped: [UInt8] = [128, 10, 128, 11, 128, 12, 128, 13, 128, 20, 128, 21, 128, 22, 128, 23]
        for (layout, bytes) in [(yuyv, packed), (uyvy, swapped)] {
            bytes.withUnsafeBytes { raw in
                let image = layout.view(base: raw.baseAddress!, bytesUsed: raw.count)!
                #expect((0..<4).map { image.pixel($0, 0) } == [10, 11, 12, 13])
                #expect((0..<4).map { image.pixel($0, 1) } == [20, 21, 22, 23])
            }
        }
    }

    @Test func nv12ViewStopsAtTheYPlane() throws {
        let l = try #require(LumaLayout(format: .nv12, width: 4, height: 2, bytesPerLine: 4))
        var buffer = [UInt8](repeating: 200, count: 12) // 8 bytes of Y, 4 of interleaved CbCr
        for i in 0..<8 { buffer[i] = UInt8(i) }
        buffer.withUnsafeBytes { raw in
            let image = l.view(base: raw.baseAddress!, bytesUsed: raw.count)!
            #expect(image.pixel(3, 1) == 7 && image.width == 4 && image.height == 2)
        }
    }

    @Test func truncatedBufferGivesNoView() throws {
        let l = try #require(LumaLayout(format: .grey, width: 640, height: 480, bytesPerLine: 640))
        let buffer = [UInt8](repeating: 0, count: 640 * 480 - 1)
        buffer.withUnsafeBytes { #expect(l.view(base: $0.baseAddress!, bytesUsed: $0.count) == nil) }
    }

    @Test func unsupportedFormatsAndBadStridesHaveNoLayout() {
        #expect(LumaLayout(format: .mjpeg, width: 640, height: 480, bytesPerLine: 0) == nil)
        #expect(LumaLayout(format: FourCC("RGGB"), width: 640, height: 480, bytesPerLine: 640) == nil)
        #expect(LumaLayout(format: .yuyv, width: 640, height: 480, bytesPerLine: 640) == nil)
        #expect(LumaLayout(format: .grey, width: 0, height: 480, bytesPerLine: 640) == nil)
        // bytesperline 0 (some drivers, planar formats): rows packed.
        #expect(LumaLayout(format: .grey, width: 640, height: 480, bytesPerLine: 0)?.stride == 640)
    }

    @Test func makingAViewPerFrameAllocatesNothing() throws {
        let layouts = [try #require(LumaLayout(format: .yuyv, width: 640, height: 480, bytesPerLine: 1280)),
                       try #require(LumaLayout(format: .nv12, width: 640, height: 480, bytesPerLine: 640))]
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 640 * 480 * 2, alignment: 64)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 7)
        var sum = 0
        // Warm-up: the first call may instantiate run-time metadata (Swift 6.0.3 allocates once there);
        // the rule is nothing allocated per frame after the first.
        for layout in layouts {
            _ = layout.view(base: UnsafeRawPointer(buffer.baseAddress!), bytesUsed: buffer.count)?.pixel(0, 0)
        }
        malloc_counter_start()
        for i in 0..<10_000 {
            let layout = layouts[i & 1]
            if let image = layout.view(base: UnsafeRawPointer(buffer.baseAddress!), bytesUsed: buffer.count) {
                sum &+= Int(image.pixel(i % 640, i % 480))
            }
        }
        let allocations = malloc_counter_stop()
        #expect(malloc_counter_is_active() == 1, "the malloc interposer is not linked in")
        #expect(allocations == 0)
        #expect(sum == 70_000)
    }
}
