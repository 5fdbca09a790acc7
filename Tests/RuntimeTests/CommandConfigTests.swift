import Runtime
import Testing

/// The `[scan]` read-cycle keys, `[commands]`, `[match]` and the new feedback and GPIO keys: read,
/// printed by check-config, and every mistake reported precisely.
struct CommandConfigTests {
    @Test func everyProtocolKeyIsRead() throws {
        let c = try ConfigLoader.parse(Array("""
        [scan]
        mode = "serial"
        window_ms = 2500
        cycle = "collect"
        collect = 3
        gpio_trigger = "level"
        no_read = "NR"
        [commands]
        protocol = "cognex"
        trigger_on = "START"
        trigger_off = "STOP"
        status = "STAT?"
        test = "BEEP"
        reset = "CLR"
        max_line_bytes = 64
        heartbeat_ms = 5000
        heartbeat = "\\u0006"
        cognex_replies = "extended"
        [match]
        expected = "LOT-0001"
        increment = 2
        on_match = "OK"
        on_mismatch = "NG"
        [feedback]
        illumination = "window"
        match_ms = 80
        [gpio]
        trigger_line = 22
        match_line = 23
        trigger_active_low = true
        """.utf8), file: "p.toml")
        #expect(c.scan == ScanSettings(mode: .serial, windowMilliseconds: 2500, cycle: .collect, collectCount: 3,
                                       gpioTrigger: .level, noRead: Array("NR".utf8)))
        #expect(c.commands == CommandSettings(protocol: .cognex, triggerOn: Array("START".utf8), triggerOff: Array("STOP".utf8),
                                              status: Array("STAT?".utf8), test: Array("BEEP".utf8), reset: Array("CLR".utf8),
                                              maxLineBytes: 64, heartbeatMilliseconds: 5000, heartbeat: [0x06],
                                              cognexReplies: .extended))
        #expect(c.match == MatchSettings(expected: Array("LOT-0001".utf8), increment: 2, onMatch: Array("OK".utf8),
                                         onMismatch: Array("NG".utf8)))
        #expect(c.feedback.illumination == .window && c.feedback.matchMilliseconds == 80)
        #expect(c.gpio.triggerLine == 22 && c.gpio.matchLine == 23 && c.gpio.triggerActiveLow)
        // check-config prints every one of them, and the printed file reads back the same.
        let printed = ConfigPrinter.render(c)
        for line in ["mode = \"serial\"", "window_ms = 2500", "cycle = \"collect\"", "collect = 3", "gpio_trigger = \"level\"",
                     "no_read = \"NR\"", "[commands]", "protocol = \"cognex\"", "trigger_on = \"START\"", "status = \"STAT?\"",
                     "max_line_bytes = 64", "heartbeat_ms = 5000", "cognex_replies = \"extended\"", "[match]",
                     "expected = \"LOT-0001\"", "increment = 2", "on_mismatch = \"NG\"", "match_ms = 80", "match_line = 23",
                     "trigger_active_low = true"] {
            #expect(printed.contains("\n" + line), "\(line)")
        }
        let reread = try ConfigLoader.parse(Array(printed.utf8), file: "printed.toml")
        #expect(reread.scan == c.scan && reread.commands == c.commands && reread.match == c.match)
        #expect(reread.feedback == c.feedback && reread.gpio == c.gpio)
    }

    @Test func defaultsArePrintedWithWhereTheyComeFrom() throws {
        let printed = ConfigPrinter.render(try ConfigLoader.parse(Array("[commands]\nprotocol = \"keyence\"\n".utf8), file: "k.toml"))
        #expect(printed.contains("\nno_read = \"ERROR\"  # the protocol's default\n"))
        #expect(printed.contains("\nsuffix = \"\\r\"  # the protocol's default\n"))
        #expect(printed.contains("\nparity = \"even\"\n"))
        #expect(printed.contains("\nillumination = \"auto\"  # resolves to \"always\"\n"))
    }

    static let mistakes: [(config: String, error: String)] = [
        ("[scan]\nmode = \"trigger\"\n",
         "s.toml:2:8: scan.mode = \"trigger\": not a known value; allowed: \"continuous\", \"serial\", \"gpio\""),
        ("[scan]\nmode = \"gpio\"\n",
         "s.toml:2:8: scan.mode = \"gpio\": mode \"gpio\" needs a trigger input; allowed: set [gpio] trigger_line, or mode = \"serial\" or \"continuous\""),
        ("[scan]\ncycle = \"first\"\n",
         "s.toml:2:9: scan.cycle = \"first\": not a known value (did you mean \"first-read\"?); allowed: \"first-read\", \"collect\", \"full-window\""),
        ("[scan]\ncycle = \"collect\"\ncollect = 5\nmax_codes = 4\n",
         "s.toml:3:11: scan.collect = 5: more than max_codes (4); allowed: 1 to max_codes"),
        ("[commands]\ntrigger_on = \"LON\\r\"\n",
         "s.toml:2:14: commands.trigger_on = \"LON\\r\": contains a byte that ends or clears a command line; allowed: 1 to 64 bytes without CR, LF, ESC, NUL, STX or ETX"),
        ("[commands]\nstatus = \"\"\n",
         "s.toml:2:10: commands.status = \"\": empty; allowed: 1 to 64 bytes without CR, LF, ESC, NUL, STX or ETX"),
        ("[decode]\nean_addons = \"required\"\n",
         "s.toml:2:14: decode.ean_addons = \"required\": not a known value (did you mean \"require\"?); allowed: \"auto\", \"ignore\", \"require\""),
        ("[commands]\nprotocol = \"keyance\"\n",
         "s.toml:2:12: commands.protocol = \"keyance\": not a known value (did you mean \"keyence\"?); allowed: \"lumascan\", \"keyence\", \"cognex\""),
        ("[commands]\nheartbeat_s = 10\n",
         "s.toml:2:1: commands.heartbeat_s = 10: unknown key in [commands] (did you mean \"heartbeat_ms\"?); allowed: protocol, max_line_bytes, trigger_on, trigger_off, status, test, reset, heartbeat_ms, heartbeat, cognex_replies"),
        ("[commands]\nmax_line_bytes = 8\n",
         "s.toml:2:18: commands.max_line_bytes = 8: out of range; allowed: 16 to 1024 (bytes)"),
        ("[match]\nincrement = -1\n",
         "s.toml:2:13: match.increment = -1: out of range; allowed: 0 to 1000000 (added after each match, 0 = off)"),
        ("[feedback]\nillumination = \"trigger\"\n",
         "s.toml:2:16: feedback.illumination = \"trigger\": not a known value; allowed: \"auto\", \"always\", \"window\", \"off\""),
    ]

    @Test(arguments: 0..<mistakes.count)
    func aBadProtocolSettingGetsOnePreciseError(_ index: Int) {
        let (config, expected) = Self.mistakes[index]
        do {
            _ = try ConfigLoader.parse(Array(config.utf8), file: "s.toml")
            Issue.record("accepted: \(config.debugDescription)")
        } catch {
            #expect(error.errors.map(\.description) == [expected])
        }
    }
}
