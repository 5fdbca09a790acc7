import Capture
import Hardware
import Symbols

/// The lines `lumascan run` writes on stderr at start and at stop (never per frame).
public enum RunReport {
    public static func startLine(_ c: ScannerConfiguration) -> String {
        let (w, h) = c.frameSize
        let formats = SymbolFormat.allCases.filter { c.decode.formats.contains($0) }.map(\.key).joined(separator: ",")
        let source: String = switch c.source.kind {
        case .camera: "camera \(c.source.camera.device)"
        case .replay: "replay of \(c.source.replay.path)"
        case .demo: "built-in demo frames"
        }
        let device = c.effectiveSerialDevice
        let link = device == LinkSettings.standardOutput ? "stdout"
            : device == LinkSettings.none ? "no serial line" : "\(device) (\(c.serial.line.summary))"
        return "scanning \(source), \(w)x\(h); formats \(formats); \(c.scan.mode.rawValue) mode, \(c.commands.protocol.rawValue) commands; "
            + "output \(c.output.format.rawValue) to \(link); feedback \(c.effectiveFeedbackDriver.rawValue)"
    }

    /// The service's `STATUS=` line while scanning: short, for `systemctl status`.
    public static func statusLine(_ c: ScannerConfiguration) -> String {
        let (w, h) = c.frameSize
        let device = c.effectiveSerialDevice
        let link = device == LinkSettings.standardOutput ? "stdout" : "\(device) \(c.serial.line.summary)"
        return "scanning \(sourceName(c)) \(w)x\(h), \(c.output.format.rawValue) to \(link)"
    }

    /// The `STATUS=` line when frames stopped coming (watchdog pings stop with them).
    public static func stalledLine(_ c: ScannerConfiguration) -> String {
        "no frames from \(sourceName(c)) for over \(stallNanoseconds(c) / 1_000_000) ms; watchdog pings paused"
    }

    /// No frame for this long is a stall: 2 s, or three frame intervals of a slower source.
    public static func stallNanoseconds(_ c: ScannerConfiguration) -> UInt64 {
        let fps = switch c.source.kind {
        case .camera: c.source.camera.fps
        case .replay: c.source.replay.fps
        case .demo: c.source.demo.fps
        }
        let threeFrames = fps > 0 ? UInt64(3e9 / fps) : 0
        return max(2_000_000_000, threeFrames)
    }

    static func sourceName(_ c: ScannerConfiguration) -> String {
        switch c.source.kind {
        case .camera: "camera \(c.source.camera.device)"
        case .replay: "replay \(c.source.replay.path)"
        case .demo: "demo frames"
        }
    }

    public static func summary(counters k: ScanCounters, decodeTimes: LatencyHistogram, link: SerialPort) -> String {
        let l = link.counters
        return "stopped after \(k.frames) frames: \(k.readsSent) reads sent (\(k.codesSent) codes), "
            + "\(k.duplicatesSuppressed) repeats suppressed, \(k.messagesDropped) messages dropped; "
            + "decode p50 \(ms(decodeTimes.percentile(0.5))) ms, p99 \(ms(decodeTimes.percentile(0.99))) ms; "
            + "serial \(l.writtenBytes) bytes written, \(l.droppedBytes) dropped, \(l.disconnects) disconnects"
    }

    /// The summary with the USB links' figures when there are any.
    public static func summary(counters k: ScanCounters, decodeTimes: LatencyHistogram, links: OutputLinks) -> String {
        var line = summary(counters: k, decodeTimes: decodeTimes, link: links.primary)
        if let u = links.usbSerial {
            let c = u.counters
            line += "; USB serial \(c.writtenBytes) bytes written, \(c.droppedMessages) messages dropped, "
                + "\(c.disconnects) disconnects"
        }
        if let w = links.keyboard {
            let c = w.counters, kc = w.keyboard
            line += "; USB keyboard \(kc.keysTyped) keys typed, \(c.droppedMessages) reads dropped "
                + "(\(kc.droppedKeys) keys), \(kc.untypableCharacters) untypable characters, \(c.disconnects) disconnects"
        }
        return line
    }

    /// The camera's side of the run: what was delivered, skipped as stale, lost, and how old frames were.
    public static func cameraSummary(_ camera: V4L2Camera, frameAges: LatencyHistogram) -> String {
        let s = camera.statistics
        let format = camera.format.map { "\($0.fourcc)\($0.emulated ? " (converted by libv4lconvert)" : "")" } ?? "?"
        return "camera \(camera.devicePath) (\(camera.driverName), \(format) \(camera.frameWidth)x\(camera.frameHeight)): "
            + "\(s.framesDelivered) frames decoded, \(s.framesSkipped) older frames skipped, \(s.framesCorrupted) corrupted, "
            + "\(s.disconnects) disconnects, \(s.reconnects) reconnects; frame age at decode p50 "
            + "\(ms(frameAges.percentile(0.5))) ms, p99 \(ms(frameAges.percentile(0.99))) ms"
    }

    static func ms(_ ns: UInt64) -> String {
        let tenths = (ns + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}
