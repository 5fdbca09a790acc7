import Capture
import Foundation
import Glibc
import Testing

/// 100,000 frames through the running scanner, its resident memory watched from outside: it must stay
/// flat (everything is allocated at start-up, nothing per frame).
@Suite struct SoakTests {
    @Test func residentMemoryStaysFlatOverAHundredThousandFrames() throws {
        let dir = TemporaryFolder()
        // Four 240×180 demo scenes (QR Codes, a QR Code beside an EAN-13, an empty frame), replayed as
        // fast as they are taken, every read sent.
        for (i, scene) in [0, 1, 6, 8].enumerated() {
            var pixels = [UInt8](repeating: 0, count: 240 * 180)
            pixels.withUnsafeMutableBufferPointer { DemoSource.drawScene(scene, into: $0.baseAddress!, width: 240, height: 180) }
            dir.write("frame\(i).pgm", bytes: Array("P5\n240 180\n255\n".utf8) + pixels)
        }
        let config = dir.write("soak.toml", """
        source = "replay"
        [replay]
        path = "\(dir.path)"
        width = 240
        height = 180
        fps = 0
        [serial]
        device = "stdout"
        [scan]
        duplicate_ms = 0
        """)
        let p = try Subprocess(["run", "--config", config, "--max-frames", "100000"])
        var samples: [(time: Date, kib: Int)] = []
        let start = Date()
        while p.process.isRunning {
            if let kib = p.residentKiB { samples.append((Date(), kib)) }
            usleep(50_000)
        }
        #expect(p.exitStatus() == 0)
        #expect(p.stderr.contains("stopped after 100000 frames"), "\(p.stderr)")
        let duration = Date().timeIntervalSince(start)
        // After the first fifth of the run (start-up, first frames) resident memory must not grow.
        let settled = samples.filter { $0.time.timeIntervalSince(start) > duration / 5 }
        try #require(settled.count >= 3, "too few samples: the run took \(duration) s")
        let first = settled[0].kib, peak = settled.map(\.kib).max()!
        #expect(peak - first <= 64, "RSS grew from \(first) KiB to \(peak) KiB over the run")
        #expect(p.stdout.contains("LUMASCAN DEMO 1\r\n"), "reads went out all along")
    }
}
