// lumascan-loop-bench: the whole scan loop on replayed frames, as the runtime runs it.
//
//   swift run -c release lumascan-loop-bench [--frames N] [--latency-seconds S]
//   swift run -c release lumascan-loop-bench --write-frames DIR --size 1280x720
//
// For 640×480 and 1280×720 frames drawn from the demo's scenes (QR Codes, EAN-13, Code 128, a QR Code
// beside an EAN-13, empty frames): frames per second of the whole loop on one core (replay as fast as
// taken, real Decoder, JSON output written to a pseudo-terminal that a second thread reads), heap
// allocations per frame after warm-up, and frame-to-first-byte latency at 30 fps: from the frame's
// timestamp to the first byte of its read arriving at the other end of the pty (p50, p99).
// --write-frames writes the same scenes as PGM files (for measuring `lumascan run`'s peak RSS with
// /usr/bin/time -v; see Scripts/benchmark-runtime.sh).

import Capture
import CLinux
import Decoding
import Foundation
import Glibc
import Hardware
import ImageFiles
import Imaging
import MallocCounter
import Runtime

let scenes = [0, 2, 4, 6, 8, 1]

func frames(width: Int, height: Int) -> [LoadedImage] {
    scenes.map { scene in
        var pixels = [UInt8](repeating: 0, count: width * height)
        pixels.withUnsafeMutableBufferPointer { DemoSource.drawScene(scene, into: $0.baseAddress!, width: width, height: height) }
        return LoadedImage(width: width, height: height, pixels: pixels)
    }
}

/// Forwards to a source and remembers each frame's timestamp by sequence number (preallocated).
final class StampingSource<Inner: FrameSource>: FrameSource {
    let inner: Inner
    var stamps: [UInt64]
    init(_ inner: Inner, capacity: Int) {
        self.inner = inner
        stamps = [UInt64](repeating: 0, count: capacity)
    }
    var frameWidth: Int { inner.frameWidth }
    var frameHeight: Int { inner.frameHeight }
    var pollDescriptor: Int32 { inner.pollDescriptor }
    func start() throws { try inner.start() }
    func acquireFrame(timeoutNanoseconds: UInt64) -> FrameStatus {
        let status = inner.acquireFrame(timeoutNanoseconds: timeoutNanoseconds)
        if case .ready(let f) = status, f.sequence < UInt64(stamps.count) { stamps[Int(f.sequence)] = f.timestampNanoseconds }
        return status
    }
    func releaseFrame() { inner.releaseFrame() }
    func stop() { inner.stop() }
}

/// Reads the pty master on its own thread; notes when each JSON line's first byte arrived and its seq.
final class Receiver: @unchecked Sendable {
    let fd: Int32
    let lock = NSLock()
    var arrivals: [(seq: Int, at: UInt64)] = []
    var bytes = 0
    var running = true
    let done = DispatchSemaphore(value: 0)

    init(fd: Int32) {
        self.fd = fd
        Thread.detachNewThread { self.loop() }
    }

    func loop() {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var line: [UInt8] = []
        var lineStart: UInt64 = 0
        while true {
            lock.lock()
            let go = running
            lock.unlock()
            if !go { break }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 20) > 0 else { continue }
            let now = MonotonicClock.nanoseconds()
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { continue }
            lock.lock()
            bytes += n
            for b in buffer[0..<n] {
                if line.isEmpty { lineStart = now }
                line.append(b)
                if b == 0x0A {
                    let text = String(decoding: line, as: UTF8.self)
                    if let r = text.range(of: "{\"seq\":"), let end = text[r.upperBound...].firstIndex(of: ","),
                       let seq = Int(text[r.upperBound..<end]) {
                        arrivals.append((seq, lineStart))
                    }
                    line.removeAll(keepingCapacity: true)
                }
            }
            lock.unlock()
        }
        done.signal()
    }

    func stop() {
        lock.lock()
        running = false
        lock.unlock()
        done.wait()
    }
}

func configuration(width: Int, height: Int, device: String) -> ScannerConfiguration {
    var c = ScannerConfiguration()
    c.source.kind = .replay
    c.source.replay.width = width
    c.source.replay.height = height
    c.output.format = .jsonLines
    c.scan.duplicateMilliseconds = 0
    c.serial.device = device
    c.serial.queueBytes = 1 << 20
    return c
}

struct Result {
    var fps = 0.0
    var mallocsPerFrame = 0.0
    var reads = 0
    var decodeP50 = 0.0
    var latencyP50 = 0.0
    var latencyP99 = 0.0
    var latencySamples = 0
}

func ms(_ ns: UInt64) -> Double { Double(ns) / 1e6 }

func measure(width: Int, height: Int, frameCount: Int, latencySeconds: Double) throws -> Result {
    var result = Result()
    let images = frames(width: width, height: height)
    var m: Int32 = -1, s: Int32 = -1
    guard openpty(&m, &s, nil, nil, nil) == 0 else { fatalError("openpty") }
    defer { close(m); close(s) }
    let path = String(cString: ttyname(s))

    // Throughput and allocations: replay as fast as the loop takes frames.
    do {
        let c = configuration(width: width, height: height, device: path)
        let port = ScanAssembly.makeLink(config: c)
        try port.open()
        let receiver = Receiver(fd: m)
        let loop = ScanAssembly.makeLoop(config: c, source: ReplaySource(input: .images(images), fps: 0, loops: true),
                                         link: port, feedback: NoFeedback(), trigger: NoTrigger(),
                                         reader: ScanAssembly.makeDecoder(config: c))
        try loop.start()
        let control = LoopControl()
        control.maxFrames = UInt64(images.count * 5) // warm-up
        _ = loop.run(control: control)
        let readsBefore = loop.counters.readsSent
        control.maxFrames += UInt64(frameCount)
        let t0 = MonotonicClock.nanoseconds()
        malloc_counter_start()
        _ = loop.run(control: control)
        let allocations = malloc_counter_stop()
        let t1 = MonotonicClock.nanoseconds()
        result.fps = Double(frameCount) / (Double(t1 - t0) / 1e9)
        result.mallocsPerFrame = Double(allocations) / Double(frameCount)
        result.reads = Int(loop.counters.readsSent - readsBefore)
        result.decodeP50 = ms(loop.decodeTimes.percentile(0.5))
        loop.stop()
        receiver.stop()
        port.close()
    }

    // Latency: 30 fps like a camera, every frame's read timed to its first byte at the other end.
    do {
        let c = configuration(width: width, height: height, device: path)
        let port = ScanAssembly.makeLink(config: c)
        try port.open()
        let receiver = Receiver(fd: m)
        let capacity = Int(latencySeconds * 30) + 64
        let source = StampingSource(ReplaySource(input: .images(images), fps: 30, loops: true), capacity: capacity)
        let loop = ScanAssembly.makeLoop(config: c, source: source, link: port, feedback: NoFeedback(), trigger: NoTrigger(),
                                         reader: ScanAssembly.makeDecoder(config: c))
        try loop.start()
        let control = LoopControl()
        control.maxFrames = UInt64(latencySeconds * 30)
        _ = loop.run(control: control)
        usleep(100_000)
        loop.stop()
        receiver.stop()
        port.close()
        var latencies: [Double] = []
        for a in receiver.arrivals where a.seq < source.stamps.count && source.stamps[a.seq] > 0 {
            latencies.append(ms(a.at - min(a.at, source.stamps[a.seq])))
        }
        latencies.sort()
        if !latencies.isEmpty {
            result.latencyP50 = latencies[latencies.count / 2]
            result.latencyP99 = latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        }
        result.latencySamples = latencies.count
    }
    return result
}

/// The scenes as PGM files in `dir`, and back to back as raw Y8 frames in `dir`.y8.
func writeFrames(to dir: String, width: Int, height: Int) {
    var raw: [UInt8] = []
    for (i, image) in frames(width: width, height: height).enumerated() {
        let header = Array("P5\n\(width) \(height)\n255\n".utf8)
        _ = FileManager.default.createFile(atPath: "\(dir)/scene\(i).pgm", contents: Data(header + image.pixels))
        raw += image.pixels
    }
    _ = FileManager.default.createFile(atPath: dir + ".y8", contents: Data(raw))
}

var args = CommandLine.arguments.dropFirst()
var frameCount = 1000, latencySeconds = 10.0
var writeDir: String?, size = (1280, 720)
while let a = args.popFirst() {
    switch a {
    case "--frames": frameCount = Int(args.popFirst() ?? "") ?? frameCount
    case "--latency-seconds": latencySeconds = Double(args.popFirst() ?? "") ?? latencySeconds
    case "--write-frames": writeDir = args.popFirst()
    case "--size":
        let parts = (args.popFirst() ?? "").split(separator: "x").compactMap { Int($0) }
        if parts.count == 2 { size = (parts[0], parts[1]) }
    default:
        print("usage: lumascan-loop-bench [--frames N] [--latency-seconds S] | --write-frames DIR [--size WxH]")
        exit(2)
    }
}
if let dir = writeDir {
    writeFrames(to: dir, width: size.0, height: size.1)
    exit(0)
}
print("whole scan loop, replayed demo scenes, JSON output to a pty read by another thread, one core")
print("size       frames/s   decode p50 ms   mallocs/frame   reads   latency p50 ms   p99 ms   (samples)")
for (w, h) in [(640, 480), (1280, 720)] {
    let r = try measure(width: w, height: h, frameCount: frameCount, latencySeconds: latencySeconds)
    let cols = [String(format: "%-10@", "\(w)x\(h)" as NSString), String(format: "%8.0f", r.fps),
                String(format: "%15.2f", r.decodeP50), String(format: "%15.3f", r.mallocsPerFrame),
                String(format: "%7d", r.reads), String(format: "%16.2f", r.latencyP50), String(format: "%8.2f", r.latencyP99),
                "   (\(r.latencySamples))"]
    print(cols.joined(separator: " "))
}
