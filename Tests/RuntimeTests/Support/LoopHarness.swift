import Capture
import Hardware
import ImageFiles
import Runtime
import TestSupport

/// A scan loop wired for tests: replayed marker frames in, `MarkerReader` decoding, a real
/// `SerialPort` on a pseudo-terminal out, feedback recorded.
final class LoopHarness {
    let pty: PseudoTerminal
    let port: SerialPort
    let feedback = RecordingFeedback()
    let trigger = ScriptedTrigger()
    let loop: ScanLoop<ReplaySource, SerialPort, RecordingFeedback, ScriptedTrigger, MarkerReader>
    let control = LoopControl()

    init(frames: [LoadedImage], config: ScannerConfiguration = LoopHarness.config(), fps: Double = 0, loops: Bool = false,
         pty: PseudoTerminal? = nil, devicePath: String? = nil) throws {
        BrokenPipes.ignore()
        let pty = try pty ?? PseudoTerminal()
        self.pty = pty
        var c = config
        c.serial.device = devicePath ?? pty.slavePath
        port = ScanAssembly.makeLink(config: c)
        try port.open()
        let source = ReplaySource(input: .images(frames), fps: fps, loops: loops)
        loop = ScanAssembly.makeLoop(config: c, source: source, link: port, feedback: feedback, trigger: trigger,
                                     reader: MarkerReader(maxResults: c.decode.maxResults))
        try loop.start()
    }

    /// A configuration for 320×240 replayed frames with the given output and suppression.
    static func config(_ output: OutputSettings = OutputSettings(), duplicateMilliseconds: Int = 0) -> ScannerConfiguration {
        var c = ScannerConfiguration()
        c.source.kind = .replay
        c.source.replay.width = 320
        c.source.replay.height = 240
        c.output = output
        c.scan.duplicateMilliseconds = duplicateMilliseconds
        return c
    }

    /// Runs until `frames` more frames were taken (or the replay ends).
    @discardableResult
    func run(frames: UInt64) -> StopReason {
        control.maxFrames = loop.counters.frames + frames
        return loop.run(control: control)
    }

    /// Runs for `seconds` of wall time (or until the replay ends).
    @discardableResult
    func run(seconds: Double) -> StopReason {
        control.maxFrames = .max
        control.deadline = MonotonicClock.nanoseconds() &+ UInt64(seconds * 1e9)
        defer { control.deadline = .max }
        return loop.run(control: control)
    }

    /// Runs the loop in short slices until at least `count` bytes came out on the pty or `seconds`
    /// passed, then a little longer to catch anything more; returns the bytes. A test waiting for an
    /// answer this way does not fail when the shared machine stalls it for a moment.
    func runUntilOutput(atLeast count: Int, seconds: Double = 5, settle: Double = 0.03) -> [UInt8] {
        var out: [UInt8] = []
        let deadline = monotonicSeconds() + seconds
        while out.count < count, monotonicSeconds() < deadline {
            run(seconds: 0.01)
            out += pty.read(atLeast: 0, seconds: 0)
        }
        run(seconds: settle)
        out += pty.read(atLeast: 0, seconds: 0.01)
        return out
    }

    /// Writes `text` into the command channel, as the PLC would.
    func send(_ text: String) { pty.write(Array(text.utf8)) }

    func stop() {
        loop.stop()
        port.close()
    }
}
