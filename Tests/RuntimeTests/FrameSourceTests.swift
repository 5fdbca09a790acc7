import Capture
import Foundation
import Decoding
import Glibc
import ImageFiles
import Imaging
import Runtime
import Symbols
import Testing
import TestSupport

/// Replay and demo sources keep the `FrameSource` contract: paced frames, newest first, a clear end.
@Suite(.serialized) struct FrameSourceTests {
    init() { BrokenPipes.ignore() } // these tests write into FIFOs and pipes

    func now() -> UInt64 { MonotonicClock.nanoseconds() }

    @Test func inMemoryFramesComeInOrderAndEndWithoutLoop() throws {
        let frames = (0..<3).map { LoadedImage(width: 4, height: 2, pixels: [UInt8](repeating: UInt8($0), count: 8)) }
        let source = ReplaySource(input: .images(frames), fps: 0, loops: false)
        try source.start()
        var seen: [UInt8] = []
        while case .ready(let f) = source.acquireFrame(timeoutNanoseconds: 0) {
            seen.append(f.image.pixel(0, 0))
            #expect(f.sequence == UInt64(seen.count - 1))
            source.releaseFrame()
        }
        #expect(seen == [0, 1, 2])
        guard case .end = source.acquireFrame(timeoutNanoseconds: 0) else {
            Issue.record("no end")
            return
        }
    }

    @Test func aPacedReplayDeliversAtItsFrameRate() throws {
        let source = ReplaySource(input: .images([LoadedImage(width: 4, height: 2, pixels: [UInt8](repeating: 9, count: 8))]),
                                  fps: 100, loops: true)
        try source.start()
        let t0 = now()
        var frames = 0, lastStamp: UInt64 = 0
        while frames < 30 {
            if case .ready(let f) = source.acquireFrame(timeoutNanoseconds: 50_000_000) {
                #expect(f.timestampNanoseconds > lastStamp && f.timestampNanoseconds <= now())
                lastStamp = f.timestampNanoseconds
                frames += 1
                source.releaseFrame()
            }
        }
        let seconds = Double(now() - t0) / 1e9
        // Never faster than the rate; the upper bound leaves room for a loaded machine.
        #expect(seconds > 0.25 && seconds < 1.5, "30 frames at 100 fps took \(seconds) s")
        #expect(source.pollDescriptor >= 0, "paced sources can be waited for with poll")
    }

    @Test func aSlowLoopGetsTheNewestFrameAndSeesTheGapInSequence() throws {
        let source = ReplaySource(input: .images([LoadedImage(width: 4, height: 2, pixels: [UInt8](repeating: 1, count: 8))]),
                                  fps: 200, loops: true)
        try source.start()
        guard case .ready(let first) = source.acquireFrame(timeoutNanoseconds: 100_000_000) else { return }
        usleep(50_000) // ~10 frame times
        guard case .ready(let next) = source.acquireFrame(timeoutNanoseconds: 100_000_000) else { return }
        #expect(next.sequence >= first.sequence + 8)
    }

    @Test func rawY8AndYUYVStreamsAreReadFrameByFrameWithLumaInPlace() throws {
        // A FIFO fed by a writer thread: two YUYV frames of 4×2 with luma 10…17, then 20…27.
        var template = [CChar]("/tmp/lumascan-test-XXXXXX".utf8CString)
        let dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        defer { rmdir(dir) }
        let fifo = dir + "/frames.yuyv"
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            var bytes: [UInt8] = []
            for base in [10, 20] { for i in 0..<8 { bytes += [UInt8(base + i), 128] } }
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        writer.start()
        let source = ReplaySource(input: .raw(path: fifo, format: .yuyv, width: 4, height: 2), fps: 0, loops: true)
        try source.start()
        var lumas: [[UInt8]] = []
        while case .ready(let f) = source.acquireFrame(timeoutNanoseconds: 0) {
            #expect(f.image.pixelStep == 2 && f.image.stride == 8)
            lumas.append((0..<2).flatMap { y in (0..<4).map { f.image.pixel($0, y) } })
            source.releaseFrame()
        }
        #expect(lumas == [Array(10...17), Array(20...27)], "a FIFO ends when its writer closes it, loop or not")
    }

    @Test func aFolderOfImagesIsReplayedInNameOrder() throws {
        var template = [CChar]("/tmp/lumascan-test-XXXXXX".utf8CString)
        let dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        for (name, value) in [("b.pgm", 2), ("a.pgm", 1), ("c.txt", 9)] {
            let bytes = Array("P5\n3 2\n255\n".utf8) + [UInt8](repeating: UInt8(value), count: 6)
            let fd = open(dir + "/" + name, O_WRONLY | O_CREAT, 0o600)
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        defer {
            for name in ["a.pgm", "b.pgm", "c.txt"] { unlink(dir + "/" + name) }
            rmdir(dir)
        }
        let source = ReplaySource(input: .folder(dir), fps: 0, loops: false)
        try source.start()
        var values: [UInt8] = []
        while case .ready(let f) = source.acquireFrame(timeoutNanoseconds: 0) {
            values.append(f.image.pixel(1, 1))
        }
        #expect(values == [1, 2] && source.frameWidth == 3 && source.frameHeight == 2)
        #expect(throws: CaptureError.self) { try ReplaySource(input: .folder(dir + "/missing"), fps: 0).start() }
        #expect(throws: CaptureError.self) { try ReplaySource(input: .folder(dir), fps: 0, maxWidth: 2).start() }
    }

    @Test func theDemoFilmShowsItsQRCodesToTheRealDecoder() throws {
        let decoder = Decoder(configuration: DecoderConfiguration(maxWidth: 640, maxHeight: 480))
        var pixels = [UInt8](repeating: 0, count: 640 * 480)
        var found: [String] = []
        for scene in 0..<DemoSource.sceneCount {
            pixels.withUnsafeMutableBufferPointer { DemoSource.drawScene(scene, into: $0.baseAddress!, width: 640, height: 480) }
            let n = pixels.withUnsafeBufferPointer {
                decoder.decode(LumaImage(pixels: $0.baseAddress!, width: 640, height: 480, stride: 640))
            }
            for i in 0..<n where decoder.results[i].format == .qrCode { found.append(decoder.results[i].textString) }
        }
        #expect(found == ["LUMASCAN DEMO 1", "https://example.com/lumascan?lot=42", "LOT 2026-11-26/4711"])
    }

    @Test func theDemoSourceLoopsAtItsFrameRate() throws {
        let source = DemoSource(width: 320, height: 240, fps: 200)
        try source.start()
        var frames = 0
        let t0 = now()
        while frames < 40 {
            if case .ready(let f) = source.acquireFrame(timeoutNanoseconds: 50_000_000) {
                #expect(f.image.width == 320 && f.image.height == 240)
                frames += 1
                source.releaseFrame()
            }
        }
        source.stop()
        let seconds = Double(now() - t0) / 1e9
        #expect(seconds > 0.15 && seconds < 0.5, "\(seconds) s for 40 frames at 200 fps")
    }
}
