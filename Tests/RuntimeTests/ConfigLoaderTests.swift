import Hardware
import Imaging
import Runtime
import Symbols
import Testing

/// Reading lumascan.toml: the documented defaults, every key, and the printed effective configuration.
@Suite struct ConfigLoaderTests {
    static let packageRoot: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Tests/RuntimeTests/ConfigLoaderTests.swift
        return parts.joined(separator: "/")
    }()

    func parse(_ text: String) throws -> ScannerConfiguration {
        try ConfigLoader.parse(Array(text.utf8), file: "t.toml")
    }

    @Test func theShippedExampleFileHoldsExactlyTheDefaults() throws {
        let config = try ConfigLoader.load(path: Self.packageRoot + "/Config/lumascan.toml")
        #expect(config == ScannerConfiguration())
    }

    @Test func anEmptyFileMeansAllDefaults() throws {
        #expect(try parse("") == ScannerConfiguration())
        #expect(try parse("# only a comment\n\n") == ScannerConfiguration())
    }

    @Test func everyKeyIsRead() throws {
        let c = try parse("""
        source = "replay"
        [camera]
        device = "/dev/video2"
        width = 1920
        height = 1080
        fps = 15
        [replay]
        path = "/srv/frames"
        pixel_format = "yuyv"
        width = 640
        height = 480
        fps = 0
        loop = false
        [demo]
        width = 800
        height = 600
        fps = 10
        [decode]
        formats = ["qr", "ean13"]
        roi = [10, 20, 300, 200]
        scale = 2
        scale_method = "average"
        max_results = 4
        max_payload_bytes = 1024
        max_text_bytes = 2048
        ean_addons = "require"
        [scan]
        mode = "continuous"
        duplicate_ms = 0
        max_codes = 2
        [output]
        format = "stx-etx"
        aim = true
        prefix = "\\u0016"
        suffix = ""
        separator = ";"
        payload = "raw"
        [serial]
        device = "/dev/ttyUSB0"
        baud = 9600
        data_bits = 7
        parity = "even"
        stop_bits = 2
        rts_cts = true
        queue_bytes = 4096
        reopen_ms = 500
        [feedback]
        driver = "gpio"
        good_read_ms = 150
        no_read_ms = 400
        buzzer_ms = 0
        illumination = "off"
        fault_blink_ms = 100
        [gpio]
        chip = "pinctrl-rp1"
        good_read_line = 17
        no_read_line = 27
        status_line = 22
        buzzer_line = 23
        illumination_line = 24
        trigger_line = 25
        active_low = true
        debounce_ms = 5
        """)
        #expect(c.source.kind == .replay)
        #expect(c.source.camera.device == "/dev/video2" && c.source.camera.width == 1920 && c.source.camera.fps == 15)
        #expect(c.source.replay.path == "/srv/frames" && c.source.replay.pixelFormat == .yuyv && c.source.replay.fps == 0)
        #expect(!c.source.replay.loop && c.source.demo.width == 800 && c.source.demo.fps == 10)
        #expect(c.decode.formats == FormatSet([.qrCode, .ean13]))
        #expect(c.decode.regionOfInterest == PixelRect(x: 10, y: 20, width: 300, height: 200))
        #expect(c.decode.scale == 2 && c.decode.scaleMethod == .average && c.decode.maxResults == 4)
        #expect(c.decode.maxPayloadBytes == 1024 && c.decode.maxTextBytes == 2048 && c.decode.eanAddOns == .require)
        #expect(c.scan.duplicateMilliseconds == 0 && c.scan.maxCodesPerRead == 2)
        #expect(c.output == OutputSettings(format: .stxEtx, aimIdentifier: true, prefix: [0x16], suffix: [],
                                           separator: [0x3B], payload: .raw))
        #expect(c.serial.device == "/dev/ttyUSB0" && c.serial.queueBytes == 4096 && c.serial.reopenMilliseconds == 500)
        #expect(c.serial.line == SerialSettings(baudRate: 9600, dataBits: 7, parity: .even, stopBits: 2, hardwareFlowControl: true))
        #expect(c.feedbackDriver == .gpio && c.effectiveFeedbackDriver == .gpio)
        #expect(c.feedback == FeedbackSettings(goodReadMilliseconds: 150, noReadMilliseconds: 400, buzzerMilliseconds: 0,
                                               illumination: .off, faultBlinkMilliseconds: 100))
        #expect(c.gpio.chip == "pinctrl-rp1" && c.gpio.goodReadLine == 17 && c.gpio.triggerLine == 25)
        #expect(c.gpio.activeLow && c.gpio.debounceMilliseconds == 5)
    }

    @Test func theDemoSourceWritesToStdoutAndShowsFeedbackOnStderr() throws {
        let c = try parse("source = \"demo\"\n")
        #expect(c.effectiveSerialDevice == "stdout" && c.effectiveFeedbackDriver == .stderr)
        let d = try parse("source = \"demo\"\n[serial]\ndevice = \"/dev/ttyUSB0\"\n")
        #expect(d.effectiveSerialDevice == "/dev/ttyUSB0")
        #expect(try parse("").effectiveSerialDevice == "/dev/serial0")
        #expect(try parse("").effectiveFeedbackDriver == .none)
    }

    @Test func thePrintedEffectiveConfigurationReadsBackTheSame() throws {
        var c = ScannerConfiguration()
        c.source.kind = .demo
        c.output = OutputSettings(format: .jsonLines, aimIdentifier: true, prefix: [0x02, 0x41], suffix: [0x0D],
                                  separator: Array("|".utf8))
        c.decode.regionOfInterest = PixelRect(x: 0, y: 0, width: 320, height: 240)
        c.serial.line.parity = .odd
        for config in [ScannerConfiguration(), c] {
            let printed = ConfigPrinter.render(config)
            let reread = try ConfigLoader.parse(Array(printed.utf8), file: "printed.toml")
            // The same keys and values (the notes after "#" say which values are defaults: they differ).
            func values(_ text: String) -> [String] {
                text.split(separator: "\n").map { line in
                    let value = line.split(separator: "#", maxSplits: 1).first ?? ""
                    return String(value.reversed().drop { $0 == " " }.reversed())
                }
            }
            #expect(values(ConfigPrinter.render(reread)) == values(printed))
            #expect(reread.output.effectiveSuffix == config.output.effectiveSuffix)
            #expect(reread.effectiveSerialDevice == config.effectiveSerialDevice)
            #expect(reread.decode == config.decode && reread.serial.line == config.serial.line)
        }
    }

    @Test func commandLineOverridesWinOverTheFile() throws {
        let file = try parse("[serial]\nbaud = 9600\ndevice = \"/dev/ttyUSB0\"\n[output]\nformat = \"plain\"\n")
        var o = ConfigOverrides()
        o.demo = true
        o.baudRate = 19200
        o.outputFormat = .jsonLines
        o.formats = FormatSet(.qrCode)
        let c = o.applied(to: file)
        #expect(c.source.kind == .demo && c.effectiveSerialDevice == "stdout")
        #expect(c.serial.line.baudRate == 19200 && c.output.format == .jsonLines && c.decode.formats == FormatSet(.qrCode))
        o.serialDevice = "/dev/ttyACM0"
        #expect(o.applied(to: file).effectiveSerialDevice == "/dev/ttyACM0")
    }
}
