import Runtime
import Testing

/// Every mistake in a configuration file gets one precise message: file, line, column, key, the value
/// found, the problem, what is allowed, and a suggestion when one is close.
@Suite struct ConfigErrorTests {
    static let bauds = "1200, 1800, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, "
        + "576000, 921600, 1000000, 1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000"
    static let formats = "\"all\" or a list of qr, ean13, ean8, upca, upce, code128, code39, code93, itf, codabar"

    static let table: [(config: String, error: String)] = [
        ("[serial]\nbaud = 115201\n",
         "s.toml:2:8: serial.baud = 115201: not a supported baud rate; allowed: \(bauds)"),
        ("[serial]\nbaud = \"fast\"\n",
         "s.toml:2:8: serial.baud = \"fast\": expected an integer, found a string; allowed: \(bauds)"),
        ("[serial]\nbauds = 9600\n",
         "s.toml:2:1: serial.bauds = 9600: unknown key in [serial] (did you mean \"baud\"?); allowed: device, baud, "
            + "data_bits, parity, stop_bits, rts_cts, queue_bytes, reopen_ms"),
        ("[output]\nbaud = 9600\n",
         "s.toml:2:1: output.baud = 9600: unknown key in [output] (did you mean \"serial.baud\"?); allowed: format, aim, "
            + "prefix, suffix, separator, payload"),
        ("[sereal]\nbaud = 9600\n",
         "s.toml:1:1: [sereal]: unknown table (did you mean [serial]?); allowed: [camera], [replay], [demo], [decode], "
            + "[scan], [commands], [match], [output], [serial], [feedback], [gpio], [usb], [keyboard], [watchdog]"),
        ("[watchdog]\ntimeout_s = 1\n", "s.toml:2:13: watchdog.timeout_s = 1: out of range; allowed: 2 to 600 (seconds)"),
        ("sourse = \"demo\"\n",
         "s.toml:1:1: sourse = \"demo\": unknown key (did you mean \"source\"?); allowed: source, board, [camera], [replay], "
            + "[demo], [decode], [scan], [commands], [match], [output], [serial], [feedback], [gpio], [usb], [keyboard], [watchdog]"),
        ("source = \"webcam\"\n",
         "s.toml:1:10: source = \"webcam\": not a known value; allowed: \"camera\", \"replay\", \"demo\""),
        ("[output]\nformat = \"jsonlines\"\n",
         "s.toml:2:10: output.format = \"jsonlines\": not a known value (did you mean \"jsonl\"?); allowed: \"plain\", "
            + "\"stx-etx\", \"jsonl\""),
        ("[serial]\nparity = \"evn\"\n",
         "s.toml:2:10: serial.parity = \"evn\": not a known value (did you mean \"even\"?); allowed: \"none\", \"even\", \"odd\""),
        ("[decode]\nformats = [\"qr\", \"code129\"]\n",
         "s.toml:2:18: decode.formats[1] = \"code129\": unknown format (did you mean \"code128\"?); allowed: \(formats)"),
        ("[decode]\nformats = [\"aztec\"]\n",
         "s.toml:2:12: decode.formats[0] = \"aztec\": not supported by this build; allowed: \(formats)"),
        ("[decode]\nformats = []\n",
         "s.toml:2:11: decode.formats = []: names no format; allowed: \(formats)"),
        ("source = \"demo\"\n[decode]\nroi = [0, 0, 2000, 100]\n",
         "s.toml:3:7: decode.roi = [0, 0, 2000, 100]: reaches beyond the 640x480 frame of source \"demo\"; allowed: "
            + "x + width <= 640, y + height <= 480"),
        ("[decode]\nroi = [1, 2, 3]\n",
         "s.toml:2:7: decode.roi = [1, 2, 3]: not a rectangle; allowed: [] or [x, y, width, height] with x, y >= 0 and "
            + "width, height >= 1"),
        ("[decode]\nscale = 3\n",
         "s.toml:2:9: decode.scale = 3: not a supported scale; allowed: 1, 2, 4"),
        ("[scan]\nduplicate_ms = -5\n",
         "s.toml:2:16: scan.duplicate_ms = -5: out of range; allowed: 0 to 3600000 (milliseconds, 0 = send every read)"),
        ("[camera]\nfps = 0.5\n",
         "s.toml:2:7: camera.fps = 0.5: out of range; allowed: 1 to 240 (frames per second)"),
        ("[output]\naim = \"yes\"\n",
         "s.toml:2:7: output.aim = \"yes\": expected a boolean, found a string; allowed: true, false"),
        ("[output]\nprefix = \"\(String(repeating: "x", count: 65))\"\n",
         "s.toml:2:10: output.prefix = \"\(String(repeating: "x", count: 65))\": too long (65 bytes); allowed: at most 64 bytes"),
        ("source = \"replay\"\n",
         "s.toml:1:10: replay.path: source = \"replay\" needs a path; allowed: a folder of images or a raw frame file or FIFO"),
        ("[feedback]\ndriver = \"gpio\"\n",
         "s.toml:2:10: feedback.driver = \"gpio\": no line is set in [gpio]; allowed: set good_read_line, no_read_line, … "
            + "in [gpio], or driver = \"auto\""),
        ("[serial]\ndevice = \"\"\n",
         "s.toml:2:10: serial.device = \"\": empty; allowed: a device path such as \"/dev/serial0\", \"stdout\", or \"none\""),
        ("serial = 5\n",
         "s.toml:1:10: serial = 5: expected a table ([serial]), found an integer"),
        // Syntax
        ("[serial]\nbaud = = 3\n", "s.toml:2:8: syntax error: expected a value, found \"=\""),
        ("[serial]\nbaud = 9600\nbaud = 19200\n", "s.toml:3:1: syntax error: serial.baud is defined twice (first on line 2)"),
        ("[serial]\nbaud = 1\n[serial]\n", "s.toml:3:1: syntax error: table [serial] is defined twice (first on line 1)"),
        ("[output]\nprefix = \"abc\n", "s.toml:2:14: syntax error: unterminated string: expected a closing \""),
        ("[output]\nprefix = \"\\q\"\n", "s.toml:2:13: syntax error: unknown escape \\q in a string"),
        ("[serial]\nbaud = 9600 9600\n", "s.toml:2:13: syntax error: expected the end of the line, found \"9\""),
        ("[serial]\nparity = even\n", "s.toml:2:10: syntax error: even is not a value (strings need quotes: \"even\")"),
        ("when = 1979-05-27\n", "s.toml:1:8: syntax error: dates and times are not used in lumascan.toml"),
        ("[[serial]]\n", "s.toml:1:2: syntax error: arrays of tables ([[…]]) are not used in lumascan.toml"),
        ("a = \"\"\"x\"\"\"\n", "s.toml:1:5: syntax error: multi-line strings are not used in lumascan.toml"),
        ("[decode]\nroi = [1, 2\n", "s.toml:3:1: syntax error: unterminated array: expected \"]\""),
    ]

    @Test(arguments: 0..<table.count)
    func aBadConfigurationGetsOnePreciseError(_ index: Int) {
        let (config, expected) = Self.table[index]
        do {
            _ = try ConfigLoader.parse(Array(config.utf8), file: "s.toml")
            Issue.record("accepted: \(config.debugDescription)")
        } catch {
            #expect(error.errors.map(\.description) == [expected])
        }
    }

    @Test func bytesThatAreNotUTF8AreRefusedWithTheirLine() {
        let bytes: [UInt8] = Array("[output]\nprefix = \"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)
        do {
            _ = try ConfigLoader.parse(bytes, file: "s.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.description) == ["s.toml:2:11: syntax error: the file is not valid UTF-8"])
        }
    }

    @Test func everyMistakeOfAFileIsReportedInLineOrder() {
        let config = "[feedback]\nbuzzer_ms = 20000\n[serial]\nbaud = 115201\nparity = \"evn\"\n"
        do {
            _ = try ConfigLoader.parse(Array(config.utf8), file: "s.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map { $0.position?.line ?? 0 } == [2, 4, 5])
            #expect(error.errors.map(\.key) == ["feedback.buzzer_ms", "serial.baud", "serial.parity"])
        }
    }

    @Test func aMissingFileSaysSoWithItsName() {
        do {
            _ = try ConfigLoader.load(path: "/nonexistent/lumascan.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.description == "/nonexistent/lumascan.toml: cannot open: No such file or directory")
        }
    }

    @Test func aFolderIsNotAConfigurationFile() {
        do {
            _ = try ConfigLoader.load(path: "/")
            Issue.record("accepted")
        } catch {
            #expect(error.description == "/: not a regular file")
        }
    }
}
