import Capture
import Foundation
import Glibc
import Hardware
import Runtime
import Testing

/// A passive buzzer on a PWM channel inside the real scan loop: the `TEST` command and a good read
/// beep it, as they switch an active buzzer's line; the loop's stop silences it.
@Suite struct PassiveBuzzerLoopTests {
    /// `pwmchip0/pwm0` already exported, as plain files in a temporary folder.
    static func pwmTree() -> String {
        var template = Array("/tmp/lumascan-pwm-loop-XXXXXX".utf8CString)
        // Read the name inside the array's own scope (Swift 6.0.3 freed it before String(cString:) ran).
        let root = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        mkdir(root + "/pwmchip0", 0o755)
        mkdir(root + "/pwmchip0/pwm0", 0o755)
        for f in ["npwm", "export", "unexport", "pwm0/period", "pwm0/duty_cycle", "pwm0/enable"] {
            FileManager.default.createFile(atPath: root + "/pwmchip0/" + f, contents: Data(f == "npwm" ? "2\n".utf8 : "".utf8))
        }
        return root
    }

    static func enable(_ root: String) -> String {
        (try? String(contentsOfFile: root + "/pwmchip0/pwm0/enable", encoding: .utf8)) ?? "?"
    }

    @Test func theTestCommandAndAGoodReadBeepAPassiveBuzzer() throws {
        let root = Self.pwmTree()
        defer { _ = try? FileManager.default.removeItem(atPath: root) }
        let pty = try PseudoTerminal()
        var c = LoopHarness.config()
        c.serial.device = pty.slavePath
        c.scan.mode = .serial
        c.commands.protocol = .lumascan
        c.buzzer.kind = .passive
        c.feedback.buzzerMilliseconds = 80
        let port = ScanAssembly.makeLink(config: c)
        try port.open()
        defer { port.close() }
        let buzzer = try PassiveBuzzer(pwm: PWMChannelSpec(chip: "pwmchip0", channel: 0), frequencyHz: c.buzzer.frequencyHz,
                                       sysfsRoot: root)
        defer { buzzer.close() }
        let feedback = PassiveBuzzerFeedback(base: RecordingFeedback(), buzzer: buzzer)
        let source = ReplaySource(input: .images([MarkerFrames.frame([MarkerCode(.ean13, "4006381333931")])]), fps: 100,
                                  loops: true)
        let loop = ScanAssembly.makeLoop(config: c, source: source, link: port, feedback: feedback, trigger: ScriptedTrigger(),
                                         reader: MarkerReader(maxResults: c.decode.maxResults))
        try loop.start()
        let control = LoopControl()
        func run(_ seconds: Double) {
            control.deadline = MonotonicClock.nanoseconds() &+ UInt64(seconds * 1e9)
            _ = loop.run(control: control)
        }
        #expect(Self.enable(root) == "0", "silent at start")
        pty.write(Array("TEST\r".utf8))
        run(0.1)
        #expect(Self.enable(root) == "1", "TEST beeps (0.5 s)")
        #expect(feedback.base.count(.goodRead, on: true) == 1 && feedback.base.count(.buzzer, on: true) == 0)
        run(0.6)
        #expect(Self.enable(root) == "0", "the TEST beep ended")
        pty.write(Array("LON\r".utf8))
        var sounded = false
        for _ in 0..<50 where !sounded {
            run(0.01)
            sounded = Self.enable(root) == "1"
        }
        #expect(sounded, "a good read beeps")
        run(0.2)
        #expect(Self.enable(root) == "0", "the 80 ms beep ended")
        pty.write(Array("TEST\r".utf8))
        run(0.05)
        loop.stop()
        #expect(Self.enable(root) == "0", "the loop's stop silences a beep that was sounding")
        #expect(pty.read(atLeast: 0, seconds: 0.05).count > 0)
    }
}
