import Foundation
import Glibc
import Runtime
import Testing

/// Garbage on the command channel never stops the scanner: random bytes, lines of every length
/// (over-long ones too), NUL bytes as a break reads, ESC, floods — written while codes keep flowing
/// out at 100 reads per second. Every second of the run must see reads, every line that comes out
/// must be a whole message, and the loop must still be running at the end.
@Suite(.serialized) struct CommandFuzzTests {
    static let code = "FUZZ-CODE"

    @Test(arguments: [(CommandSettings.WireProtocol.lumascan, 14.0), (.keyence, 5.0), (.cognex, 5.0)])
    func randomBytesAndLinesOfEveryLengthLeaveTheScannerScanning(wire: CommandSettings.WireProtocol, seconds: Double) throws {
        var c = LoopHarness.config()
        c.commands.protocol = wire
        c.commands.cognexReplies = .extended
        c.scan.windowMilliseconds = 50
        let frames = [MarkerFrames.frame([MarkerCode(.qrCode, Self.code)])]
        let h = try LoopHarness(frames: frames, config: c, fps: 100, loops: true)
        let loop = BackgroundLoop(h)
        var rng = SystemRandomNumberGenerator()
        var received: [(time: Double, bytes: [UInt8])] = []
        let start = monotonicSeconds()
        var length = 0, written = 0
        while monotonicSeconds() - start < seconds {
            var line = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            line.append([0x0D, 0x0A, 0x03][Int.random(in: 0..<3, using: &rng)])
            written += h.pty.write(line, seconds: 0.05)
            if length % 16 == 0 { // a flood: a burst of random bytes
                let burst = (0..<Int.random(in: 1...4096, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                written += h.pty.write(burst, seconds: 0.05)
            }
            length = (length + 1) % (c.commands.maxLineBytes + 64)
            let out = h.pty.read(atLeast: 0, seconds: 0)
            if !out.isEmpty { received.append((monotonicSeconds() - start, out)) }
            usleep(2000)
        }
        received.append((monotonicSeconds() - start, h.pty.read(atLeast: 0, seconds: 0.1)))
        let reason = loop.stop()
        let k = h.loop.counters
        h.stop()
        #expect(reason == .woken, "the loop was still running")
        #expect(written > 100_000, "\(written) bytes of garbage written")
        #expect(k.commands > 1000 && k.commandErrors > 100, "\(k)")

        // Reads per whole second of the run, by arrival time.
        var perSecond = [Int](repeating: 0, count: Int(seconds))
        var all: [UInt8] = []
        for chunk in received {
            all += chunk.bytes
            let second = Int(chunk.time)
            if second < perSecond.count {
                perSecond[second] += String(decoding: chunk.bytes, as: UTF8.self).components(separatedBy: Self.code).count - 1
            }
        }
        // Codes flow at 100 per second when the machine is idle; under the load of other builds (or of
        // the parallel test run) on 2 cores frames are skipped and a thread can wait a whole second,
        // so the floor is no two seconds in a row without reads and a quarter of the frames overall,
        // which a stalled or crashed loop cannot meet.
        let gaps = zip(perSecond, perSecond.dropFirst()).filter { $0.0 == 0 && $0.1 == 0 }.count
        #expect(gaps == 0, "reads per second: \(perSecond)")
        #expect(perSecond.reduce(0, +) >= Int(seconds * 100 / 4), "reads per second: \(perSecond)")
        // Whole messages only: every line is a read or a reply of the protocol.
        let text = String(decoding: all, as: UTF8.self)
        let separator = wire == .keyence ? "\r" : "\r\n"
        for line in text.components(separatedBy: separator).dropLast() {
            let ok = switch wire {
            case .lumascan: line == Self.code || line.hasPrefix("ERR ") || line.hasPrefix("OK ") || line.hasPrefix("STATUS ")
                || line == "NOREAD"
            case .keyence: line == Self.code || line.hasPrefix("ER,") || line.hasPrefix("OK,") || line == "ERROR"
                || line.hasPrefix("\u{02}")
            case .cognex: line == Self.code || line.hasPrefix("||") || line == "NOREAD"
            }
            #expect(ok, "unexpected line \(line.debugDescription)")
            if !ok { break }
        }
        print("fuzz \(wire): \(written) bytes in, \(k.commands) lines, \(k.commandErrors) errors, "
              + "\(k.repliesDropped) error replies held back, reads per second \(perSecond.min() ?? 0)…\(perSecond.max() ?? 0)")
    }
}
