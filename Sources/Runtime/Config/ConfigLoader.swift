import Decoding
import Glibc
import Hardware
import Symbols

/// Reads `lumascan.toml` into a `ScannerConfiguration`: every key has a default, every mistake is
/// reported with its file, line, key, value and what is allowed, and unknown keys are errors (with a
/// suggestion), because a misspelled key silently ignored is a scanner misconfigured on the line.
public enum ConfigLoader {
    /// Where `lumascan run` looks when `--config` is not given.
    public static let defaultPath = "/etc/lumascan/lumascan.toml"
    /// Larger files are refused unread (a configuration is a few kilobytes).
    public static let maxFileBytes = 1 << 20

    /// Reads and checks the file at `path` (read-only; nothing is written anywhere).
    public static func load(path: String) throws(ConfigErrors) -> ScannerConfiguration {
        let bytes: [UInt8]
        do {
            bytes = try ConfigFileReader.read(path: path, limit: maxFileBytes)
        } catch {
            throw ConfigErrors([ConfigError(file: path, position: nil, problem: error.description)])
        }
        return try parse(bytes, file: path)
    }

    /// Checks a document; `file` names it in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws(ConfigErrors) -> ScannerConfiguration {
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(bytes)
        } catch {
            throw ConfigErrors([ConfigError(file: file, position: error.position, problem: "syntax error: " + error.message)])
        }
        let b = ConfigBinder(file: file, root: root)
        let config = bind(b)
        checkTables(b)
        checkUnknownKeys(b)
        let errors = b.errors.sorted { ($0.position?.line ?? 0, $0.position?.column ?? 0) < ($1.position?.line ?? 0, $1.position?.column ?? 0) }
        if !errors.isEmpty { throw ConfigErrors(errors) }
        return config
    }

    // MARK: Schema

    private static func bind(_ b: ConfigBinder) -> ScannerConfiguration {
        var c = ScannerConfiguration()
        c.source.kind = b.choice("", "source", default: c.source.kind)

        bindCamera(&c, b)

        c.source.replay.path = b.string("replay", "path", default: c.source.replay.path)
        c.source.replay.pixelFormat = b.choice("replay", "pixel_format", default: c.source.replay.pixelFormat)
        c.source.replay.width = b.integer("replay", "width", default: c.source.replay.width, range: 16...16384, unit: "pixels")
        c.source.replay.height = b.integer("replay", "height", default: c.source.replay.height, range: 16...16384, unit: "pixels")
        c.source.replay.fps = b.number("replay", "fps", default: c.source.replay.fps, range: 0...1000,
                                       unit: "frames per second, 0 = as fast as possible")
        c.source.replay.loop = b.boolean("replay", "loop", default: c.source.replay.loop)

        c.source.demo.width = b.integer("demo", "width", default: c.source.demo.width, range: 320...4096, unit: "pixels")
        c.source.demo.height = b.integer("demo", "height", default: c.source.demo.height, range: 240...4096, unit: "pixels")
        c.source.demo.fps = b.number("demo", "fps", default: c.source.demo.fps, range: 1...240, unit: "frames per second")

        c.decode.formats = b.formats("decode", "formats", default: DecoderConfiguration.supportedFormats,
                                     supported: DecoderConfiguration.supportedFormats)
        c.decode.regionOfInterest = b.rectangle("decode", "roi")
        c.decode.scale = b.integer("decode", "scale", default: c.decode.scale, oneOf: [1, 2, 4], what: "scale")
        c.decode.scaleMethod = b.choice("decode", "scale_method", default: c.decode.scaleMethod)
        c.decode.maxResults = b.integer("decode", "max_results", default: c.decode.maxResults, range: 1...64, unit: "codes per frame")
        c.decode.maxPayloadBytes = b.integer("decode", "max_payload_bytes", default: c.decode.maxPayloadBytes,
                                             range: 64...65536, unit: "bytes")
        c.decode.maxTextBytes = b.integer("decode", "max_text_bytes", default: c.decode.maxTextBytes,
                                          range: 64...262_144, unit: "bytes")
        c.decode.eanAddOns = b.choice("decode", "ean_addons", default: c.decode.eanAddOns)

        c.scan.mode = b.choice("scan", "mode", default: c.scan.mode)
        c.scan.duplicateMilliseconds = b.integer("scan", "duplicate_ms", default: c.scan.duplicateMilliseconds,
                                                 range: 0...3_600_000, unit: "milliseconds, 0 = send every read")
        c.scan.maxCodesPerRead = b.integer("scan", "max_codes", default: c.scan.maxCodesPerRead, range: 1...64, unit: "codes")
        c.scan.windowMilliseconds = b.integer("scan", "window_ms", default: c.scan.windowMilliseconds, range: 0...3_600_000,
                                              unit: "milliseconds, 0 = until trigger off")
        c.scan.cycle = b.choice("scan", "cycle", default: c.scan.cycle)
        c.scan.collectCount = b.integer("scan", "collect", default: c.scan.collectCount, range: 1...64, unit: "codes")
        c.scan.gpioTrigger = b.choice("scan", "gpio_trigger", default: c.scan.gpioTrigger)
        c.scan.noRead = b.bytes("scan", "no_read", maxBytes: 64)

        c.commands.protocol = b.choice("commands", "protocol", default: c.commands.protocol)
        c.commands.maxLineBytes = b.integer("commands", "max_line_bytes", default: c.commands.maxLineBytes,
                                            range: 16...1024, unit: "bytes")
        c.commands.triggerOn = commandString(b, "trigger_on", default: c.commands.triggerOn, max: c.commands.maxLineBytes)
        c.commands.triggerOff = commandString(b, "trigger_off", default: c.commands.triggerOff, max: c.commands.maxLineBytes)
        c.commands.status = commandString(b, "status", default: c.commands.status, max: c.commands.maxLineBytes)
        c.commands.test = commandString(b, "test", default: c.commands.test, max: c.commands.maxLineBytes)
        c.commands.reset = commandString(b, "reset", default: c.commands.reset, max: c.commands.maxLineBytes)
        c.commands.heartbeatMilliseconds = b.integer("commands", "heartbeat_ms", default: c.commands.heartbeatMilliseconds,
                                                     range: 0...3_600_000, unit: "milliseconds, 0 = off")
        c.commands.heartbeat = b.bytes("commands", "heartbeat", maxBytes: 64) ?? c.commands.heartbeat
        c.commands.cognexReplies = b.choice("commands", "cognex_replies", default: c.commands.cognexReplies)

        c.match.expected = b.bytes("match", "expected", maxBytes: 256) ?? c.match.expected
        c.match.increment = b.integer("match", "increment", default: c.match.increment, range: 0...1_000_000,
                                      unit: "added after each match, 0 = off")
        c.match.onMatch = b.bytes("match", "on_match", maxBytes: 64) ?? c.match.onMatch
        c.match.onMismatch = b.bytes("match", "on_mismatch", maxBytes: 64) ?? c.match.onMismatch

        c.output.format = b.choice("output", "format", default: c.output.format)
        c.output.aimIdentifier = b.boolean("output", "aim", default: c.output.aimIdentifier)
        c.output.prefix = b.bytes("output", "prefix", maxBytes: 64) ?? c.output.prefix
        c.output.suffix = b.bytes("output", "suffix", maxBytes: 64)
        c.output.separator = b.bytes("output", "separator", maxBytes: 64) ?? c.output.separator
        c.output.payload = b.choice("output", "payload", default: c.output.payload)

        if b.isPresent("serial", "device") {
            let device = b.string("serial", "device", default: LinkSettings.defaultDevice)
            if device.isEmpty {
                b.fail("serial", "device", b.node("serial", "device"), "empty",
                       allowed: "a device path such as \"/dev/serial0\", \"stdout\", or \"none\"")
            } else {
                c.serial.device = device
            }
        }
        c.serial.line.baudRate = b.integer("serial", "baud", default: c.serial.line.baudRate,
                                           oneOf: SerialSettings.supportedBaudRates, what: "baud rate")
        c.serial.line.dataBits = b.integer("serial", "data_bits", default: c.serial.line.dataBits,
                                           oneOf: SerialSettings.supportedDataBits, what: "number of data bits")
        c.serial.line.parity = b.choice("serial", "parity", default: c.serial.line.parity)
        c.serial.line.stopBits = b.integer("serial", "stop_bits", default: c.serial.line.stopBits,
                                           oneOf: SerialSettings.supportedStopBits, what: "number of stop bits")
        c.serial.line.hardwareFlowControl = b.boolean("serial", "rts_cts", default: c.serial.line.hardwareFlowControl)
        c.serial.queueBytes = b.integer("serial", "queue_bytes", default: c.serial.queueBytes, range: 256...1_048_576, unit: "bytes")
        c.serial.reopenMilliseconds = b.integer("serial", "reopen_ms", default: c.serial.reopenMilliseconds,
                                                range: 100...60000, unit: "milliseconds")

        c.feedbackDriver = b.choice("feedback", "driver", default: c.feedbackDriver)
        c.feedback.goodReadMilliseconds = b.integer("feedback", "good_read_ms", default: c.feedback.goodReadMilliseconds,
                                                    range: 0...10000, unit: "milliseconds, 0 = off")
        c.feedback.noReadMilliseconds = b.integer("feedback", "no_read_ms", default: c.feedback.noReadMilliseconds,
                                                  range: 0...10000, unit: "milliseconds, 0 = off")
        c.feedback.buzzerMilliseconds = b.integer("feedback", "buzzer_ms", default: c.feedback.buzzerMilliseconds,
                                                  range: 0...10000, unit: "milliseconds, 0 = off")
        c.feedback.illumination = b.choice("feedback", "illumination", default: c.feedback.illumination)
        c.feedback.faultBlinkMilliseconds = b.integer("feedback", "fault_blink_ms", default: c.feedback.faultBlinkMilliseconds,
                                                      range: 50...5000, unit: "milliseconds")
        c.feedback.matchMilliseconds = b.integer("feedback", "match_ms", default: c.feedback.matchMilliseconds,
                                                 range: 0...10000, unit: "milliseconds, 0 = off")

        bindGPIO(&c, b)
        bindBuzzer(&c, b)

        // A Keyence SR talks 8E1 out of the box: the PLC program expects it unless the file says otherwise.
        if c.commands.protocol == .keyence, !b.isPresent("serial", "parity") { c.serial.line.parity = .even }

        bindUSB(b, &c)

        c.watchdog.device = b.string("watchdog", "device", default: c.watchdog.device)
        c.watchdog.timeoutSeconds = b.integer("watchdog", "timeout_s", default: c.watchdog.timeoutSeconds,
                                              range: 2...600, unit: "seconds")

        checkConsistency(c, b)
        return c
    }

    /// A command string: 1 byte or more, shorter than a command line, without the bytes that frame or
    /// clear a line (CR, LF, ESC, NUL, STX, ETX).
    private static func commandString(_ b: ConfigBinder, _ key: String, default value: [UInt8], max: Int) -> [UInt8] {
        guard let bytes = b.bytes("commands", key, maxBytes: 64) else { return value }
        let allowed = "1 to \(min(64, max)) bytes without CR, LF, ESC, NUL, STX or ETX"
        if bytes.isEmpty || bytes.count > max {
            b.fail("commands", key, b.node("commands", key), bytes.isEmpty ? "empty" : "longer than max_line_bytes",
                   allowed: allowed)
            return value
        }
        if bytes.contains(where: CommandLineReader.isFraming) {
            b.fail("commands", key, b.node("commands", key), "contains a byte that ends or clears a command line",
                   allowed: allowed)
            return value
        }
        return bytes
    }

    /// Rules that involve more than one key.
    private static func checkConsistency(_ c: ScannerConfiguration, _ b: ConfigBinder) {
        if c.source.kind == .replay, c.source.replay.path.isEmpty {
            let node = b.node("replay", "path") ?? b.node("", "source")
            b.fail(position: node?.position, key: "replay.path", found: b.node("replay", "path")?.rendered,
                   "source = \"replay\" needs a path", allowed: "a folder of images or a raw frame file or FIFO")
        }
        if let roi = c.decode.regionOfInterest {
            let (w, h) = c.frameSize
            if roi.x + roi.width > w || roi.y + roi.height > h {
                b.fail("decode", "roi", b.node("decode", "roi"),
                       "reaches beyond the \(w)x\(h) frame of source \"\(c.source.kind.rawValue)\"",
                       allowed: "x + width <= \(w), y + height <= \(h)")
            } else if roi.width / c.decode.scale < 16 || roi.height / c.decode.scale < 16 {
                b.fail("decode", "roi", b.node("decode", "roi"), "too small to decode at scale \(c.decode.scale)",
                       allowed: "width and height at least \(16 * c.decode.scale)")
            }
        }
        if c.scan.mode == .gpio, !c.gpio.triggerLine.isConnected {
            b.fail("scan", "mode", b.node("scan", "mode"), "mode \"gpio\" needs a trigger input",
                   allowed: "set [gpio] trigger_line, or mode = \"serial\" or \"continuous\"")
        }
        if c.scan.cycle == .collect, c.scan.collectCount > c.scan.maxCodesPerRead {
            b.fail("scan", "collect", b.node("scan", "collect"), "more than max_codes (\(c.scan.maxCodesPerRead))",
                   allowed: "1 to max_codes")
        }
        if c.feedbackDriver == .gpio, !c.gpio.hasLines {
            b.fail("feedback", "driver", b.node("feedback", "driver"), "no line is set in [gpio]",
                   allowed: "set good_read_line, no_read_line, … in [gpio], or driver = \"auto\"")
        }
    }

    /// Known tables must be tables.
    private static func checkTables(_ b: ConfigBinder) {
        for (table, _) in b.schema where !table.isEmpty {
            if let node = b.root[table], case .table = node.value {} else if let node = b.root[table] {
                b.fail(position: node.position, key: table, found: node.rendered,
                       "expected a table ([\(table)]), found \(node.typeName)")
            }
        }
    }

    /// Keys and tables the schema does not know.
    private static func checkUnknownKeys(_ b: ConfigBinder) {
        let tables = b.schema.map(\.table).filter { !$0.isEmpty }
        let rootKeys = b.schema.first { $0.table.isEmpty }?.keys ?? []
        let allKeys = b.schema.flatMap { entry in entry.keys.map { ConfigBinder.dotted(entry.table, $0) } }
        for (key, node) in b.root.entries {
            if rootKeys.contains(key) { continue }
            guard let known = b.schema.first(where: { $0.table == key }) else {
                if case .table = node.value {
                    b.fail(position: node.position, key: "[\(key)]", found: nil, "unknown table",
                           allowed: tables.map { "[\($0)]" }.joined(separator: ", "),
                           suggestion: Suggestion.closest(to: key, in: tables).map { "[\($0)]" })
                } else {
                    b.fail(position: node.keyPosition, key: key, found: node.rendered, "unknown key",
                           allowed: (rootKeys + tables.map { "[\($0)]" }).joined(separator: ", "),
                           suggestion: Suggestion.closest(to: key, in: rootKeys + allKeys).map { "\"\($0)\"" })
                }
                continue
            }
            guard case .table(let sub) = node.value else { continue }
            for (subKey, subNode) in sub.entries where !known.keys.contains(subKey) {
                let here = Suggestion.closest(to: subKey, in: known.keys)
                // The same key in another table ("baud" written under [output]).
                let others = allKeys.filter { !$0.hasPrefix(key + ".") && $0.contains(".") }
                let elsewhere = here == nil
                    ? others.first { $0.split(separator: ".").last.map(String.init) == subKey } : nil
                let suggestion = here.map { "\"\($0)\"" } ?? elsewhere.map { "\"\($0)\"" }
                b.fail(position: subNode.keyPosition, key: key + "." + subKey, found: subNode.rendered, "unknown key in [\(key)]",
                       allowed: known.keys.joined(separator: ", "), suggestion: suggestion)
            }
        }
    }
}
