import CLinux
import Capture
import Glibc
import Hardware
import ImageFiles
import Runtime
import Symbols
import Testing

/// The scanner as a PLC sees it: replayed frames through the whole loop, bytes read from the other end
/// of a pseudo-terminal.
@Suite(.serialized) struct PtyEndToEndTests {
    static let frames: [LoadedImage] = [
        MarkerFrames.frame([MarkerCode(.qrCode, "A1")]),
        MarkerFrames.frame([]),
        MarkerFrames.frame([MarkerCode(.ean13, "4006381333931"), MarkerCode(.code128, "LOT-7")]),
        MarkerFrames.frame([MarkerCode(.code128, "0104012345678901\u{1D}10ABC", gs1: true)]),
    ]

    static let encoders: [(String, OutputSettings, String)] = [
        ("plain", OutputSettings(),
         "A1\r\n4006381333931,LOT-7\r\n0104012345678901\u{1D}10ABC\r\n"),
        ("plain with AIM, prefix, suffix", OutputSettings(aimIdentifier: true, prefix: [0x3E], suffix: [0x0D]),
         ">]Q1A1\r>]E04006381333931,]C0LOT-7\r>]C10104012345678901\u{1D}10ABC\r"),
        ("stx-etx", OutputSettings(format: .stxEtx),
         "\u{02}A1\u{03}s" + "\u{02}4006381333931,LOT-7\u{03}R" + "\u{02}0104012345678901\u{1D}10ABC\u{03}Z"),
    ]

    @Test(arguments: 0..<3)
    func everyEncoderDeliversExactBytes(_ index: Int) throws {
        let (name, output, expected) = Self.encoders[index]
        let h = try LoopHarness(frames: Self.frames, config: LoopHarness.config(output))
        #expect(h.run(frames: 10) == .sourceEnded)
        let got = h.pty.read(atLeast: expected.utf8.count)
        h.stop()
        #expect(got == Array(expected.utf8), "\(name): \(String(decoding: got, as: UTF8.self).debugDescription)")
    }

    @Test func stxEtxChecksumsAreTheXorAfterSTX() throws {
        // The expected BCC bytes in `encoders` written out: 'A'^'1'^ETX, and so on.
        func bcc(_ s: String) -> UInt8 { s.utf8.reduce(0x03) { $0 ^ $1 } }
        #expect(bcc("A1") == UInt8(ascii: "s"))
        #expect(bcc("4006381333931,LOT-7") == UInt8(ascii: "R"))
        #expect(bcc("0104012345678901\u{1D}10ABC") == UInt8(ascii: "Z"))
    }

    @Test func jsonLinesDeliverOneObjectPerRead() throws {
        let h = try LoopHarness(frames: Self.frames, config: LoopHarness.config(OutputSettings(format: .jsonLines)))
        h.run(frames: 10)
        let text = String(decoding: h.pty.read(atLeast: 300), as: UTF8.self)
        h.stop()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4 && lines[3].isEmpty)
        let normalized = lines.map { $0.replacing(/"decode_ms":[0-9]+\.[0-9]{3}/, with: "\"decode_ms\":T") }
        #expect(normalized[0] == "{\"seq\":0,\"decode_ms\":T,\"codes\":[{\"format\":\"QRCode\",\"aim\":\"]Q1\",\"text\":\"A1\",\"corners\":[[10,20],[90,20],[90,100],[10,100]]}]}")
        #expect(normalized[1].hasPrefix("{\"seq\":2,\"decode_ms\":T,\"codes\":[{\"format\":\"EAN-13\""))
        #expect(normalized[1].contains("{\"format\":\"Code128\",\"aim\":\"]C0\",\"text\":\"LOT-7\""))
        #expect(normalized[2].contains("\"aim\":\"]C1\",\"text\":\"0104012345678901\\u001d10ABC\""))
    }

    @Test func theSameCodeIsNotResentWithinTheDuplicateWindow() throws {
        // 40 frames of the same code, taken as fast as the loop goes (a few milliseconds; an unpaced
        // replay skips no frame, so the count below does not depend on the machine's load) with a 1 s
        // window: sent once. A different code in the middle is sent, and the first is still held back
        // after it.
        var frames = [LoadedImage](repeating: MarkerFrames.frame([MarkerCode(.qrCode, "SAME")]), count: 20)
        frames.append(MarkerFrames.frame([MarkerCode(.qrCode, "OTHER")]))
        frames += [LoadedImage](repeating: MarkerFrames.frame([MarkerCode(.qrCode, "SAME")]), count: 19)
        let h = try LoopHarness(frames: frames, config: LoopHarness.config(duplicateMilliseconds: 1000))
        h.run(frames: 40)
        let got = String(decoding: h.pty.read(atLeast: 13, seconds: 0.5), as: UTF8.self)
        #expect(got == "SAME\r\nOTHER\r\n")
        #expect(h.loop.counters.duplicatesSuppressed == 38)
        h.stop()
    }

    @Test func aCodeIsSentAgainOnceTheWindowHasPassed() throws {
        // 1.2 s of the same code at 50 fps with a 300 ms window: sent at about 0, 0.3, 0.6, 0.9 s.
        let frames = [MarkerFrames.frame([MarkerCode(.qrCode, "AGAIN")])]
        // A busy machine makes the loop skip frames, so 60 frames may span more than 1.2 s: the number
        // of sends follows the time the run really took, one per started 300 ms.
        let h = try LoopHarness(frames: frames, config: LoopHarness.config(duplicateMilliseconds: 300), fps: 50, loops: true)
        let t0 = MonotonicClock.nanoseconds()
        h.run(frames: 60)
        let elapsed = Double(MonotonicClock.nanoseconds() - t0) / 1e9
        let got = String(decoding: h.pty.read(atLeast: 28, seconds: 0.5), as: UTF8.self)
        h.stop()
        let sends = got.utf8.split(separator: 0x0A).filter { Array($0) == Array("AGAIN\r".utf8) }.count
        let windows = Int((elapsed / 0.3).rounded(.up))
        #expect(sends >= 4 && (windows - 1...windows + 1).contains(sends), "\(sends) sends in \(elapsed) s")
    }

    @Test func severalCodesInOneFrameMakeOneReadInDecodeOrder() throws {
        let frame = MarkerFrames.frame([MarkerCode(.qrCode, "ONE"), MarkerCode(.code39, "TWO"), MarkerCode(.itf, "3333")])
        let h = try LoopHarness(frames: [frame], config: LoopHarness.config(OutputSettings(aimIdentifier: true)))
        h.run(frames: 1)
        #expect(h.pty.read(atLeast: 20) == Array("]Q1ONE,]A0TWO,]I03333\r\n".utf8))
        #expect(h.loop.counters.readsSent == 1 && h.loop.counters.codesSent == 3)
        h.stop()
    }

    /// A pseudo-terminal keeps speed, stop bits and flow control but forces CS8 without parity (Linux
    /// pty_set_termios); `SerialPortTests` checks the exact flags through the syscall shim.
    @Test func theConfiguredLineSettingsReachTheTerminal() throws {
        var c = LoopHarness.config()
        c.serial.line = SerialSettings(baudRate: 9600, dataBits: 7, parity: .even, stopBits: 2, hardwareFlowControl: true)
        let h = try LoopHarness(frames: Self.frames, config: c)
        let t = h.pty.slaveAttributes
        h.stop()
        var copy = t
        #expect(cfgetospeed(&copy) == speed_t(B9600))
        #expect(t.c_cflag & tcflag_t(CSTOPB) != 0)
        #expect(t.c_cflag & tcflag_t(CRTSCTS) != 0)
        #expect(t.c_lflag & tcflag_t(ICANON | ECHO) == 0, "raw mode: no line editing, no echo")
        #expect(t.c_oflag & tcflag_t(OPOST) == 0, "raw mode: CR and LF go out unchanged")
    }

    @Test func aPeerThatStopsReadingDoesNotStallDecoding() throws {
        // Nobody reads the master: the pty's buffer fills, then the transmit queue, then reads are dropped
        // whole and counted while frames keep being decoded.
        let long = MarkerFrames.frame([MarkerCode(.qrCode, String(repeating: "P", count: 250))])
        var c = LoopHarness.config(OutputSettings(format: .jsonLines))
        c.serial.queueBytes = 4096
        let h = try LoopHarness(frames: [long], config: c, loops: true)
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        h.run(frames: 3000)
        clock_gettime(CLOCK_MONOTONIC, &end)
        let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        #expect(h.loop.counters.frames == 3000)
        #expect(seconds < 10, "3000 frames took \(seconds) s")
        #expect(h.loop.counters.messagesDropped > 1000)
        #expect(h.port.counters.droppedMessages == h.loop.counters.messagesDropped)
        // When the peer reads again, what arrives is whole lines: the message the port was in the middle of
        // when the pty filled is finished, and nothing was cut.
        var bytes: [UInt8] = []
        for _ in 0..<50 {
            bytes += h.pty.read(atLeast: 0, seconds: 0.01)
            h.port.service(nowNanoseconds: MonotonicClock.nanoseconds())
            if h.port.queuedByteCount == 0 { break }
        }
        bytes += h.pty.read(atLeast: 0, seconds: 0.05)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("\n"))
        h.stop()
        let lines = text.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines { #expect(line.hasPrefix("{\"seq\":") && line.hasSuffix("]}")) }
    }

    @Test func aGoodReadPulsesTheGreenLEDAndTheBuzzer() throws {
        // Every frame holds the code and the 1 s window lets one read through: a paced replay on a busy
        // machine may skip frames, but whichever frame is decoded first gives the one pulse.
        var c = LoopHarness.config(duplicateMilliseconds: 1000)
        c.feedback.goodReadMilliseconds = 30
        c.feedback.buzzerMilliseconds = 10
        let frames = [LoadedImage](repeating: MarkerFrames.frame([MarkerCode(.qrCode, "BEEP")]), count: 10)
        let h = try LoopHarness(frames: frames, config: c, fps: 100)
        h.run(frames: 10)
        h.stop()
        let events = h.feedback.recorded.map { "\($0.line.name) \($0.on ? "on" : "off")" }
        #expect(events.first == "status on")
        #expect(h.feedback.count(.goodRead, on: true) == 1 && h.feedback.count(.goodRead, on: false) == 1)
        #expect(h.feedback.count(.buzzer, on: true) == 1 && h.feedback.count(.buzzer, on: false) == 1)
        #expect(events.last == "illumination off" || events.last == "status off", "\(events)")
        #expect(events.suffix(2).contains("status off"), "lines are off after stop: \(events)")
    }
}
