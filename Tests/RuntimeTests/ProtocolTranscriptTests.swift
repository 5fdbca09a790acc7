import Glibc
import Hardware
import ImageFiles
import Runtime
import Testing

/// The command protocols byte for byte, as a PLC sees them on the other end of the line: each step
/// writes a command into the pseudo-terminal, lets the scan loop run on replayed frames, and compares
/// everything that came back with the transcript written from the vendor's documented behaviour.
@Suite(.serialized) struct ProtocolTranscriptTests {
    static let codeFrames = [MarkerFrames.frame([MarkerCode(.ean13, "4006381333931")])]
    static let emptyFrames = [MarkerFrames.frame([])]

    /// A harness in `mode` speaking `protocol`, replaying `frames` at 100 fps.
    static func harness(_ frames: [LoadedImage], protocol: CommandSettings.WireProtocol, mode: ScanSettings.Mode = .serial,
                        windowMilliseconds: Int = 300, configure: (inout ScannerConfiguration) -> Void = { _ in })
        throws -> LoopHarness
    {
        var c = LoopHarness.config()
        c.scan.mode = mode
        c.scan.windowMilliseconds = windowMilliseconds
        c.commands.protocol = `protocol`
        configure(&c)
        return try LoopHarness(frames: frames, config: c, fps: 100, loops: true)
    }

    /// Sends each command, runs the loop until the expected number of bytes came back (or, for a step
    /// that expects silence, for `seconds`), and expects exactly the reply bytes.
    static func expectTranscript(_ h: LoopHarness, _ steps: [(send: String, seconds: Double, expect: String)],
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        for step in steps {
            h.send(step.send)
            let n = step.expect.utf8.count
            let bytes = n == 0 ? h.runUntilOutput(atLeast: 1, seconds: step.seconds, settle: 0)
                : h.runUntilOutput(atLeast: n, seconds: max(5, step.seconds))
            let got = String(decoding: bytes, as: UTF8.self)
            #expect(got == step.expect, "after \(step.send.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Keyence SR

    @Test func keyenceTriggerReadCountersAndErrors() throws {
        let h = try Self.harness(Self.codeFrames, protocol: .keyence)
        defer { h.stop() }
        Self.expectTranscript(h, [
            ("LON\r", 0.2, "OK,LON\r4006381333931\r"),
            ("LOFF\r", 0.05, "ER,LOFF,20\r"), // the read ended the cycle (Keyence: abnormal response)
            ("NUM\r", 0.05, "OK,NUM,1,0,0,1,1\r"),
            ("KEYENCE\r", 0.05, "OK,KEYENCE,LUMASCAN,0.1.0\r"),
            ("\u{02}LON\u{03}", 0.2, "\u{02}OK,LON\u{03}4006381333931\r"),
            ("LON,01\r", 0.2, "OK,LON\r4006381333931\r"),
            ("XYZ\r", 0.05, "ER,XYZ,00\r"),
            ("NUM,3\r", 0.05, "ER,NUM,01\r"),
            ("LON,ABC\r", 0.05, "ER,LON,01\r"),
            ("BCLR\r", 0.05, "OK,BCLR\r"),
            ("RESET\r", 0.05, "OK,RESET\r"),
            ("NUM\r", 0.05, "OK,NUM,0,0,0,0,0\r"),
            ("lon\r", 0.05, "ER,lon,00\r"), // Keyence commands are upper case
            ("\u{16}T\r", 0.2, "4006381333931\r"), // Honeywell SYN T: no reply, the data
        ])
    }

    @Test func keyenceNoReadIsErrorAfterTheOffReplyOrAtTheTimeout() throws {
        let h = try Self.harness(Self.emptyFrames, protocol: .keyence)
        defer { h.stop() }
        Self.expectTranscript(h, [
            ("LON\r", 0.05, "OK,LON\r"),
            ("LOFF\r", 0.05, "OK,LOFF\rERROR\r"),
            ("LON\r", 0.45, "OK,LON\rERROR\r"), // window_ms = 300
            ("LON\rLON\r", 0.45, "OK,LON\rER,LON,20\rERROR\r"),
            ("LO\u{1B}LON\r", 0.05, "OK,LON\r"), // ESC clears the partial command
            ("LOFF\n", 0.05, "OK,LOFF\rERROR\r"), // LF ends a command too; replies end in CR
        ])
        #expect(h.loop.counters.noReads == 4 && h.loop.counters.triggers == 4)
    }

    @Test func keyenceModeDefaultsToEvenParityAndErrorAsNoRead() throws {
        let c = try ConfigLoader.parse(Array("[commands]\nprotocol = \"keyence\"\n".utf8), file: "k.toml")
        #expect(c.serial.line.parity == .even)
        #expect(c.effectiveNoRead == Array("ERROR".utf8))
        #expect(c.effectiveOutput.effectiveSuffix == [0x0D])
        let explicit = try ConfigLoader.parse(Array("[commands]\nprotocol = \"keyence\"\n[serial]\nparity = \"none\"\n".utf8),
                                              file: "k.toml")
        #expect(explicit.serial.line.parity == .none)
    }

    // MARK: Cognex DMCC

    static func withChecksum(_ s: String) -> String {
        let x = s.utf8.reduce(UInt8(0)) { $0 ^ $1 }
        return s + String(UnicodeScalar(x))
    }

    @Test func cognexSilentRepliesSendOnlyTheData() throws {
        let h = try Self.harness(Self.codeFrames, protocol: .cognex)
        defer { h.stop() }
        Self.expectTranscript(h, [
            ("||>TRIGGER ON\r\n", 0.2, "4006381333931\r\n"),
            ("||>GET DEVICE.TYPE\r\n", 0.05, ""), // silent: invalid commands are ignored
            ("||>trigger on\r\n", 0.2, "4006381333931\r\n"), // case-insensitive
            ("LON\r\n", 0.05, ""), // not DMCC
            ("\u{16}T\r", 0.2, "4006381333931\r\n"),
        ])
        #expect(h.loop.counters.commandErrors == 2)
    }

    @Test func cognexExtendedRepliesAndChecksums() throws {
        let h = try Self.harness(Self.emptyFrames, protocol: .cognex) { $0.commands.cognexReplies = .extended }
        defer { h.stop() }
        let on = Self.withChecksum("||1:9>TRIGGER ON")
        Self.expectTranscript(h, [
            ("||0:7>TRIGGER ON\r\n", 0.05, "||0:7[0]\r\n"),
            ("||>TRIGGER OFF\r\n", 0.05, "||[0]\r\nNOREAD\r\n"),
            (on + "\r\n", 0.05, Self.withChecksum("||1:9[0]") + "\r\n"),
            ("||1:9>TRIGGER OFFX\r\n", 0.05, Self.withChecksum("||1:9[103]") + "\r\n"), // wrong checksum
            (Self.withChecksum("||1:10>TRIGGER OFF") + "\r\n", 0.05, Self.withChecksum("||1:10[0]") + "\r\nNOREAD\r\n"),
            ("||>GET DEVICE.TYPE\r\n", 0.05, "||[101]\r\n"),
            ("||2>TRIGGER ON\r\n", 0.05, "||2[102]\r\n"),
            ("hello\r\n", 0.05, "||[101]\r\n"),
            ("||>TRIGGER ON\r\n", 0.45, "||[0]\r\nNOREAD\r\n"), // timeout
        ])
    }

    @Test func cognexReadAfterExtendedAcknowledgement() throws {
        let h = try Self.harness(Self.codeFrames, protocol: .cognex) { $0.commands.cognexReplies = .extended }
        defer { h.stop() }
        Self.expectTranscript(h, [("||0:1>TRIGGER ON\r\n", 0.2, "||0:1[0]\r\n4006381333931\r\n")])
    }

    // MARK: Lumascan

    @Test func lumascanCommandsAndErrors() throws {
        let h = try Self.harness(Self.codeFrames, protocol: .lumascan)
        defer { h.stop() }
        Self.expectTranscript(h, [
            ("LON\r\n", 0.2, "4006381333931\r\n"),
            ("lon\r", 0.2, "4006381333931\r\n"), // case-insensitive
            ("FOO\r", 0.05, "ERR UNKNOWN COMMAND\r\n"),
            (String(repeating: "A", count: 200) + "\r", 0.05, "ERR LINE TOO LONG\r\n"),
            ("LO\u{1B}LON\r", 0.2, "4006381333931\r\n"), // ESC clears
            ("LO\u{0}LON\r", 0.2, "4006381333931\r\n"), // a break (NUL) clears
            ("\u{16}T\r", 0.2, "4006381333931\r\n"), // Honeywell SYN T
            ("LOFF\r", 0.05, ""), // no cycle running: nothing to say
            ("TEST\r", 0.05, "OK TEST\r\n"),
            ("RESET\r", 0.05, "OK RESET\r\n"),
        ])
        #expect(h.feedback.count(.match, on: true) == 1 && h.feedback.count(.noRead, on: true) == 1, "TEST pulsed every line")
        #expect(h.loop.counters.readsSent == 0 && h.loop.counters.triggers == 0, "RESET zeroed the counters")
    }

    @Test func theStatusReplyReportsVersionUptimeCountersAndDecodeTimes() throws {
        let h = try Self.harness(Self.codeFrames, protocol: .lumascan)
        defer { h.stop() }
        h.send("LON\r")
        #expect(h.runUntilOutput(atLeast: 15) == Array("4006381333931\r\n".utf8))
        h.send("\u{16}T\r\u{16}U\r") // opened and ended in one go, before any frame: a no-read
        #expect(h.runUntilOutput(atLeast: 8) == Array("NOREAD\r\n".utf8))
        h.send("?\r")
        let got = String(decoding: h.runUntilOutput(atLeast: 150), as: UTF8.self)
        let pattern = /STATUS version=0\.1\.0 uptime_s=[0-9]+ mode=serial triggers=2 good_reads=1 no_reads=1 matches=0 mismatches=0 frames=[0-9]+ dropped=0 decode_p50_ms=[0-9]+\.[0-9]{3} decode_p99_ms=[0-9]+\.[0-9]{3}\r\n/
        #expect(got.wholeMatch(of: pattern) != nil, "\(got.debugDescription)")
    }

    @Test func theHeartbeatComesEveryInterval() throws {
        let h = try Self.harness(Self.emptyFrames, protocol: .lumascan) {
            $0.commands.heartbeatMilliseconds = 100
            $0.commands.heartbeat = Array("ALIVE".utf8)
        }
        defer { h.stop() }
        h.run(seconds: 0.55)
        let got = String(decoding: h.pty.read(atLeast: 35, seconds: 0.2), as: UTF8.self)
        // At 100, 200, 300, 400 and 500 ms; the last may fall after the run under a loaded machine.
        #expect(got == String(repeating: "ALIVE\r\n", count: 5) || got == String(repeating: "ALIVE\r\n", count: 4),
                "\(got.debugDescription)")
    }
}
