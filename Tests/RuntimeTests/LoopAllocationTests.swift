import Capture
import Glibc
import Foundation
import Hardware
import ImageFiles
import MallocCounter
import Runtime
import Symbols
import Testing

/// Non-negotiable: after the first frame, the whole loop — frame source, decode, policy, output
/// encoding, serial writes, feedback — allocates nothing on the heap.
@Suite(.serialized) struct LoopAllocationTests {
    /// Frames with one, several, none, binary and GS1 codes, and a repeated one for the duplicate filter.
    static let frames: [LoadedImage] = [
        MarkerFrames.frame([MarkerCode(.qrCode, "ALLOC-1")]),
        MarkerFrames.frame([MarkerCode(.ean13, "4006381333931"), MarkerCode(.code128, "LOT-7"), MarkerCode(.qrCode, "é\"\\")]),
        MarkerFrames.frame([]),
        MarkerFrames.frame([MarkerCode(.qrCode, binary: [0, 1, 2, 0xFF])]),
        MarkerFrames.frame([MarkerCode(.code128, "0104012345678901\u{1D}10ABC", gs1: true)]),
        MarkerFrames.frame([MarkerCode(.qrCode, "ALLOC-1")]),
        MarkerFrames.frame([MarkerCode(.itf, "12345678")]),
    ]

    @Test(arguments: [OutputSettings.Format.plain, .stxEtx, .jsonLines])
    func tenThousandFramesThroughTheWholeLoopAllocateNothing(format: OutputSettings.Format) throws {
        var c = LoopHarness.config(OutputSettings(format: format, aimIdentifier: true), duplicateMilliseconds: 0)
        c.feedback.goodReadMilliseconds = 1
        c.feedback.buzzerMilliseconds = 1
        let h = try LoopHarness(frames: Self.frames, config: c, loops: true)
        let drain = MasterDrain(fd: h.pty.master)
        h.run(frames: 500) // warm-up: first-use initialisation happens here
        let sentBefore = h.loop.counters.readsSent, feedbackBefore = h.feedback.total
        malloc_counter_start()
        let reason = h.run(frames: 10_000)
        let allocations = malloc_counter_stop()
        let received = drain.stop()
        h.stop()
        #expect(malloc_counter_is_active() == 1, "the malloc interposer is not linked in")
        #expect(reason == .frameLimit)
        #expect(allocations == 0, "\(allocations) heap allocations in 10,000 frames")
        #expect(h.loop.counters.readsSent - sentBefore > 7000, "reads went out")
        #expect(h.feedback.total > feedbackBefore, "feedback lines moved")
        // The drain thread may be starved on a loaded machine: then the port's queue fills and later
        // reads are dropped whole and counted, as designed. Nothing is lost silently.
        #expect(received > 10_000 || h.loop.counters.messagesDropped > 0,
                "\(received) bytes reached the other end, \(h.loop.counters.messagesDropped) messages dropped")
    }

    @Test func watchdogPingsAndStatusChangesAllocateNothing() throws {
        // Every frame pings systemd (a 2 ns interval) and the device, and every iteration flips the
        // stall status (a 1 ns threshold): the most the notifier can be asked to do.
        let dir = TemporaryFolder()
        let listener = try NotifyListener(abstract: true, folder: dir.path)
        defer { listener.stop() }
        let notifier = try SystemdNotifier(socket: listener.address, watchdogIntervalNanoseconds: 2)
        let device = try WatchdogDevice(path: "/dev/null", timeoutSeconds: 2)
        let h = try LoopHarness(frames: Self.frames, config: LoopHarness.config(), loops: true)
        let drain = MasterDrain(fd: h.pty.master)
        let watchdog = FrameWatchdog(notifier: notifier, device: device, status: "scanning", stalledStatus: "stalled",
                                     stallNanoseconds: 1, now: 0)
        h.loop.watchdog = watchdog
        h.run(frames: 200)
        malloc_counter_start()
        h.run(frames: 2000)
        let allocations = malloc_counter_stop()
        _ = drain.stop()
        h.stop()
        device.close(magic: true)
        #expect(allocations == 0, "\(allocations) heap allocations in 2,000 frames with watchdog pings")
        #expect(watchdog.notifierPings >= 2200 && watchdog.devicePings >= 1)
        #expect(listener.waitFor(seconds: 2) { $0.contains("WATCHDOG=1") && $0.contains("STATUS=stalled") })
    }

    @Test func demoFramesThroughTheRealDecoderAllocateNothing() throws {
        // The real Decoder, the demo source's drawing and its frame timer, and the stderr-style
        // feedback writer (to /dev/null), at a frame rate high enough for every scene to come by.
        var c = ScannerConfiguration()
        c.source.kind = .demo
        c.source.demo.width = 320
        c.source.demo.height = 240
        c.source.demo.fps = 240
        c.scan.duplicateMilliseconds = 100 // the duplicate filter at work too
        let pty = try PseudoTerminal()
        c.serial.device = pty.slavePath
        let port = ScanAssembly.makeLink(config: c)
        try port.open()
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        let loop = ScanAssembly.makeLoop(config: c, source: DemoSource(width: 320, height: 240, fps: 240), link: port,
                                         feedback: StderrFeedback(descriptor: devNull), trigger: NoTrigger(),
                                         reader: ScanAssembly.makeDecoder(config: c))
        try loop.start()
        let drain = MasterDrain(fd: pty.master)
        let control = LoopControl()
        control.maxFrames = 240 // every scene once
        _ = loop.run(control: control)
        control.maxFrames = 240 + 480
        malloc_counter_start()
        _ = loop.run(control: control)
        let allocations = malloc_counter_stop()
        _ = drain.stop()
        loop.stop()
        port.close()
        withExtendedLifetime(pty) {} // the terminal outlives its drain (a closed number is soon reused)
        #expect(allocations == 0, "\(allocations) heap allocations in 480 demo frames")
        #expect(loop.counters.frames >= 700)
    }

    /// Command bytes for one loop iteration's worth of talk in `protocol`: triggers, status, errors,
    /// an over-long line, ESC and a break, Honeywell's SYN T / SYN U.
    static func commandChunk(_ p: CommandSettings.WireProtocol, _ i: Int) -> [UInt8] {
        let long = String(repeating: "Z", count: 150) + "\r"
        let text: String = switch p {
        case .lumascan:
            ["LON\r\n", "?\r", "FOO\r", long, "TEST\r", "LO\u{1B}LOFF\r", "\u{16}T\r", "RE\u{0}RESET\r", "\u{16}U\r"][i % 9]
        case .keyence:
            ["LON\r", "NUM\r", "XYZ,1\r", long, "KEYENCE\r", "\u{02}LOFF\u{03}", "BCLR\r", "\u{16}T\r", "LOFF\r", "RESET\r"][i % 10]
        case .cognex:
            ["||>TRIGGER ON\r\n", "||0:12>TRIGGER OFF\r\n", "||>GET X\r\n", long, "garbage\u{0}\u{FF}\r\n",
             "||1:3>TRIGGER ONx\r\n", "\u{16}T\r"][i % 7]
        }
        return Array(text.utf8)
    }

    @Test(arguments: [CommandSettings.WireProtocol.lumascan, .keyence, .cognex])
    func commandsAndReadCyclesAllocateNothing(wire: CommandSettings.WireProtocol) throws {
        var c = LoopHarness.config(OutputSettings(format: wire == .cognex ? .jsonLines : .plain, aimIdentifier: true))
        c.scan.mode = .serial
        c.scan.windowMilliseconds = 15
        c.scan.cycle = switch wire {
        case .lumascan: .collect
        case .keyence: .firstRead
        case .cognex: .fullWindow
        }
        c.commands.protocol = wire
        c.commands.cognexReplies = .extended
        c.commands.heartbeatMilliseconds = 7
        c.match = MatchSettings(expected: Array("ALLOC-?".utf8), increment: 1)
        c.feedback.goodReadMilliseconds = 1
        c.feedback.noReadMilliseconds = 1
        let h = try LoopHarness(frames: Self.frames, config: c, fps: 0, loops: true)
        let drain = MasterDrain(fd: h.pty.master)
        let chunks = (0..<60).map { Self.commandChunk(wire, $0) }
        for chunk in chunks { // warm-up: every command and path once
            h.pty.write(chunk)
            h.run(seconds: 0.02)
        }
        let before = h.loop.counters
        malloc_counter_start()
        for round in 0..<300 {
            h.pty.write(chunks[round % chunks.count])
            h.run(seconds: 0.01)
        }
        let allocations = malloc_counter_stop()
        let received = drain.stop()
        let k = h.loop.counters
        h.stop()
        #expect(malloc_counter_is_active() == 1, "the malloc interposer is not linked in")
        #expect(allocations == 0, "\(allocations) heap allocations in 300 rounds of commands and read cycles")
        #expect(h.port.counters.receivedBytes > 5000, "commands reached the scanner")
        #expect(received > 1000, "replies and reads reached the PLC")
        if wire == .cognex { // the others reset their counters now and then (RESET)
            #expect(k.commands > 200 && k.commandErrors > 20, "\(k)")
            #expect(k.frames > before.frames && k.readsSent + k.noReads > before.readsSent + before.noReads, "read cycles ran")
        }
    }

    @Test(arguments: [UntypablePolicy.skip, .altNumpad])
    func usbSerialAndKeyboardWedgeBesideTheSerialPortAllocateNothing(untypable: UntypablePolicy) throws {
        // The USB links of a board in device mode: the gadget's serial port (a pty) and keyboard (a
        // socket standing in for /dev/hidg0), serviced through the epoll descriptor, the keyboard fed
        // by its own encoder from the read tap; GS1 and UTF-8 text typed or skipped.
        var c = LoopHarness.config(OutputSettings(format: .plain, aimIdentifier: true), duplicateMilliseconds: 0)
        c.keyboard.untypable = untypable
        c.keyboard.aimIdentifier = true
        let serial = try PseudoTerminal(), usb = try PseudoTerminal()
        let hid = SocketHIDGadget()
        c.serial.device = serial.slavePath
        let wedge = KeyboardWedge(path: "/dev/hidg0", encoder: KeystrokeEncoder(layout: KeyboardLayout(.de), untypable: untypable),
                                  keyDelayNanoseconds: 0, system: hid.system)
        let links = OutputLinks(primary: ScanAssembly.makeLink(config: c),
                                usbSerial: SerialPort(endpoint: .device(path: usb.slavePath, settings: SerialSettings())),
                                keyboard: wedge)
        try links.primary.open()
        try links.usbSerial?.open()
        try wedge.open()
        let loop = ScanAssembly.makeLoop(config: c, source: ReplaySource(input: .images(Self.frames), fps: 0, loops: true),
                                         link: links, feedback: RecordingFeedback(), trigger: NoTrigger(),
                                         reader: MarkerReader(maxResults: c.decode.maxResults))
        loop.controller.readTap = ScanAssembly.makeKeyboardOutput(config: c, wedge: wedge)
        try loop.start()
        let drains = [MasterDrain(fd: serial.master), MasterDrain(fd: usb.master), MasterDrain(fd: hid.hostSide)]
        let control = LoopControl()
        control.maxFrames = 500
        _ = loop.run(control: control) // warm-up
        let typedBefore = wedge.keyboard.keysTyped
        control.maxFrames = 500 + 10_000
        malloc_counter_start()
        let reason = loop.run(control: control)
        let allocations = malloc_counter_stop()
        let received = drains.map { $0.stop() }
        loop.stop()
        links.close()
        // The terminals and the socket must outlive the drains that read them (ARC may end a lifetime
        // at the last use, and a closed descriptor's number is soon someone else's).
        withExtendedLifetime((serial, usb, hid)) {}
        #expect(reason == .frameLimit)
        #expect(allocations == 0, "\(allocations) heap allocations in 10,000 frames with USB links")
        // A starved drain thread makes a port drop whole reads (counted), as in the test above.
        let dropped = loop.counters.messagesDropped, usbDropped = links.usbSerial?.counters.droppedMessages ?? 0
        #expect((received[0] > 10_000 || dropped > 0) && (received[1] > 10_000 || usbDropped > 0),
                "both serial ports got the reads: \(received), \(dropped) and \(usbDropped) dropped")
        // The keyboard likewise: a starved host side fills the socket, and the wedge drops whole reads.
        let typed = wedge.keyboard.keysTyped - typedBefore
        #expect(typed > 0 && received[2] > 0, "keys were typed")
        #expect((typed > 10_000 && received[2] > 10_000 * 16) || wedge.counters.droppedMessages > 0,
                "\(typed) keys typed, \(received[2]) report bytes, \(wedge.counters.droppedMessages) reads dropped")
    }

    @Test func triggerInputCyclesAllocateNothing() throws {
        var c = LoopHarness.config()
        c.scan.mode = .gpio
        c.scan.gpioTrigger = .level
        c.scan.windowMilliseconds = 0
        c.scan.cycle = .fullWindow
        let h = try LoopHarness(frames: Self.frames, config: c, fps: 0, loops: true)
        let drain = MasterDrain(fd: h.pty.master)
        for i in 0..<40 { // warm-up
            h.trigger.fire(active: i % 2 == 0)
            h.run(seconds: 0.005)
        }
        let before = h.loop.counters
        malloc_counter_start()
        for i in 0..<400 {
            h.trigger.fire(active: i % 2 == 0)
            h.run(seconds: 0.005)
        }
        let allocations = malloc_counter_stop()
        _ = drain.stop()
        let k = h.loop.counters
        h.stop()
        #expect(allocations == 0, "\(allocations) heap allocations in 200 trigger-input cycles")
        #expect(k.triggers - before.triggers == 200 && k.readsSent > before.readsSent, "\(k)")
    }
}
