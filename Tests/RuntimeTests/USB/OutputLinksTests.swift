import Capture
import ImageFiles
import Glibc
import Hardware
import Runtime
import Testing

/// The scan loop with USB links beside the serial port: the USB serial port gets the same bytes, the
/// keyboard types the same reads, and neither a USB line that hangs up nor a host that stops reading
/// stops the scanner.
@Suite(.serialized) struct OutputLinksTests {
    final class Rig {
        let primary: PseudoTerminal
        let usb: PseudoTerminal
        let hid: SocketHIDGadget
        let links: OutputLinks
        let loop: ScanLoop<ReplaySource, OutputLinks, RecordingFeedback, NoTrigger, MarkerReader>
        let control = LoopControl()

        init(frames: [LoadedImage], config: ScannerConfiguration = LoopHarness.config(), fps: Double = 50,
             usbPath: String? = nil, usbPty: PseudoTerminal? = nil, hid: SocketHIDGadget = SocketHIDGadget()) throws {
            primary = try PseudoTerminal()
            usb = try usbPty ?? PseudoTerminal()
            self.hid = hid
            var c = config
            c.serial.device = primary.slavePath
            c.serial.reopenMilliseconds = 100
            let keyboard = KeyboardWedge(path: "/dev/hidg0",
                                         encoder: KeystrokeEncoder(layout: KeyboardLayout(c.keyboard.layout),
                                                                   untypable: c.keyboard.untypable),
                                         queueKeys: c.keyboard.queueKeys, reopenIntervalNanoseconds: 100_000_000,
                                         system: hid.system)
            let usbSerial = SerialPort(endpoint: .device(path: usbPath ?? usb.slavePath, settings: SerialSettings()),
                                       reopenIntervalNanoseconds: 100_000_000)
            links = OutputLinks(primary: ScanAssembly.makeLink(config: c), usbSerial: usbSerial, keyboard: keyboard)
            try links.primary.open()
            try usbSerial.open()
            try keyboard.open()
            loop = ScanAssembly.makeLoop(config: c, source: ReplaySource(input: .images(frames), fps: fps, loops: true),
                                         link: links, feedback: RecordingFeedback(), trigger: NoTrigger(),
                                         reader: MarkerReader(maxResults: c.decode.maxResults))
            loop.controller.readTap = ScanAssembly.makeKeyboardOutput(config: c, wedge: keyboard)
            loop.controller.usbStatus = USBStatus(links: links)
            try loop.start()
        }

        @discardableResult
        func run(frames: UInt64) -> StopReason {
            control.maxFrames = loop.counters.frames + frames
            return loop.run(control: control)
        }

        func stop() {
            loop.stop()
            links.close()
        }
    }

    @Test func theUSBSerialPortGetsTheSameBytesAndTheKeyboardTypesTheRead() throws {
        var c = LoopHarness.config()
        c.keyboard.untypable = .skip
        let rig = try Rig(frames: [MarkerFrames.frame([MarkerCode(.code128, "01\u{1D}9a", gs1: true)])],
                          config: c)
        rig.run(frames: 1)
        let expected = Array("01\u{1D}9a\r\n".utf8)
        #expect(rig.primary.read(atLeast: expected.count) == expected)
        #expect(rig.usb.read(atLeast: expected.count) == expected)
        let keys = pressedKeys(rig.hid.reports(atLeast: 10))
        #expect(keys == [[0, 0x27], [0, 0x1E], [0, 0x26], [0, 0x04], [0, 0x28]]) // 0 1 (GS skipped) 9 a Enter
        #expect(rig.links.keyboard?.keyboard.untypableCharacters == 1)
        rig.stop()
    }

    @Test func withNoSerialLineTheReadsGoOnlyToTheUSBLinks() throws {
        var c = LoopHarness.config()
        c.serial.device = LinkSettings.none
        let usb = try PseudoTerminal()
        let hid = SocketHIDGadget()
        let wedge = KeyboardWedge(path: "/dev/hidg0", encoder: KeystrokeEncoder(layout: KeyboardLayout(.us), untypable: .skip),
                                  system: hid.system)
        let links = ScanAssembly.makeLinks(config: c, usb: GadgetDevices(serial: usb.slavePath))
        #expect(links.discardsPrimary && links.keyboard == nil)
        let both = OutputLinks(usbSerial: links.usbSerial, keyboard: wedge)
        try both.primary.open()
        try both.usbSerial?.open()
        try wedge.open()
        let loop = ScanAssembly.makeLoop(config: c, source: ReplaySource(input: .images([MarkerFrames.frame([MarkerCode(.qrCode, "ok")])]),
                                                                         fps: 50, loops: true),
                                         link: both, feedback: RecordingFeedback(), trigger: NoTrigger(), reader: MarkerReader())
        loop.controller.readTap = ScanAssembly.makeKeyboardOutput(config: c, wedge: wedge)
        try loop.start()
        let control = LoopControl()
        control.maxFrames = 3
        #expect(loop.run(control: control) == .frameLimit, "no serial line is not a finished link")
        #expect(both.pollDescriptor >= 0, "and not a lost one (the status LED would blink)")
        #expect(usb.read(atLeast: 4).starts(with: Array("ok\r\nok\r\n".utf8)))
        #expect(pressedKeys(hid.reports(atLeast: 6)).starts(with: [[0, 0x12], [0, 0x0E], [0, 0x28], [0, 0x12]]))
        loop.stop()
        both.close()
        withExtendedLifetime((usb, hid)) {}
    }

    @Test func commandsAreReceivedFromTheUSBSerialPortToo() throws {
        let rig = try Rig(frames: [MarkerFrames.frame([])])
        rig.run(frames: 2)
        let bytes = Array("LON\r".utf8)
        _ = bytes.withUnsafeBytes { write(rig.usb.master, $0.baseAddress, $0.count) }
        #expect(rig.links.receiveDescriptor >= 0)
        var p = pollfd(fd: rig.links.receiveDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&p, 1, 1000) == 1, "the loop's one input descriptor wakes for USB serial input")
        rig.run(frames: 3)
        #expect(rig.links.usbSerial?.counters.receivedBytes == 4)
        rig.stop()
    }

    @Test func theStatusReplyOverUSBSerialShowsWhatTheKeyboardTypedAndDropped() throws {
        var c = LoopHarness.config(duplicateMilliseconds: 0)
        c.keyboard.queueKeys = 64
        let rig = try Rig(frames: [MarkerFrames.frame([MarkerCode(.qrCode, "A\u{1D}B")])], config: c,
                          hid: SocketHIDGadget(sendBuffer: 4096))
        rig.run(frames: 60) // the host does not read the keyboard: reads are dropped
        rig.usb.discard()
        _ = Array("?\r".utf8).withUnsafeBytes { write(rig.usb.master, $0.baseAddress, $0.count) }
        rig.run(frames: 5)
        let reply = String(decoding: rig.usb.read(atLeast: 200), as: UTF8.self)
        let status = try #require(reply.split(separator: "\r\n").first { $0.hasPrefix("STATUS ") }, "\(reply.debugDescription)")
        let wedge = try #require(rig.links.keyboard)
        #expect(status.contains(" usb_serial_dropped=0"))
        #expect(status.contains(" keyboard_dropped=") && !status.contains(" keyboard_dropped=0 "), "\(status)")
        #expect(status.contains(" keyboard_untypable="))
        #expect(wedge.counters.droppedMessages > 0 && wedge.keyboard.untypableCharacters > 0)
        rig.stop()
    }

    @Test func aUSBSerialLineThatHangsUpIsReopenedWhileScanningGoesOn() throws {
        let dir = TemporaryFolder()
        let path = dir.path + "/ttyGS0"
        let first = try PseudoTerminal()
        #expect(symlink(first.slavePath, path) == 0)
        let rig = try Rig(frames: [MarkerFrames.frame([MarkerCode(.qrCode, "TICK")])],
                          config: { var c = LoopHarness.config(duplicateMilliseconds: 0); c.feedback.goodReadMilliseconds = 1; return c }(),
                          usbPath: path, usbPty: first)
        let keyboardHost = MasterDrain(fd: rig.hid.hostSide)
        rig.run(frames: 5)
        #expect(first.read(atLeast: 6).starts(with: Array("TICK\r\n".utf8)))
        // The host side goes away (cable out): the line hangs up and the device node is gone.
        unlink(path)
        first.hangUp()
        let framesBefore = rig.loop.counters.frames
        let start = monotonicNow()
        rig.run(frames: 25)
        let elapsed = Double(monotonicNow() - start) / 1e9
        #expect(rig.loop.counters.frames == framesBefore + 25)
        #expect(elapsed < 1.0, "25 frames at 50 fps took \(elapsed) s: the hung line must not stall or spin")
        #expect(rig.links.usbSerial?.isOpen == false)
        #expect(rig.links.usbSerial?.counters.disconnects == 1)
        // Plugged back in.
        let second = try PseudoTerminal()
        #expect(symlink(second.slavePath, path) == 0)
        rig.run(frames: 25)
        #expect(rig.links.usbSerial?.counters.reopens == 1)
        #expect(String(decoding: second.read(atLeast: 12), as: UTF8.self).hasPrefix("TICK\r\nTICK\r\n"))
        // The serial port and the keyboard carried on all along.
        #expect(rig.primary.read(atLeast: 6 * 50).count >= 6 * 50)
        rig.links.drain(timeoutNanoseconds: 1_000_000_000)
        let wedge = try #require(rig.links.keyboard)
        #expect(wedge.keyboard.keysTyped == 55 * 5 && wedge.keyboard.droppedKeys == 0, "every key of 55 reads")
        #expect(keyboardHost.stop() >= 54 * 5 * 2 * 8, "and the host received them (press and release, 8 bytes each)")
        rig.stop()
        withExtendedLifetime(dir) {} // the folder holding the device link lives to the end
    }

    @Test func aHostThatStopsReadingTheKeyboardNeverSlowsTheLoop() throws {
        var c = LoopHarness.config(duplicateMilliseconds: 0)
        c.keyboard.queueKeys = 64
        let hid = SocketHIDGadget(sendBuffer: 4096)
        let rig = try Rig(frames: [MarkerFrames.frame([MarkerCode(.ean13, "4006381333931")])],
                          config: c, fps: 100, hid: hid)
        let start = monotonicNow()
        rig.run(frames: 100) // nobody reads the keyboard
        let elapsed = Double(monotonicNow() - start) / 1e9
        #expect(elapsed < 1.5, "100 frames at 100 fps took \(elapsed) s")
        #expect(rig.loop.counters.readsSent == 100)
        let wedge = try #require(rig.links.keyboard)
        #expect(wedge.counters.droppedMessages > 50, "reads that did not fit were dropped and counted")
        #expect(rig.primary.read(atLeast: 15 * 100).count == 15 * 100, "the serial port got every read")
        rig.stop()
    }
}
