import Capture
import Glibc
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
        #expect(received > 10_000, "\(received) bytes reached the other end")
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
        #expect(allocations == 0, "\(allocations) heap allocations in 480 demo frames")
        #expect(loop.counters.frames >= 700)
    }
}
