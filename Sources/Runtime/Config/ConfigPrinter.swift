import Symbols

/// The effective configuration as TOML (what `lumascan check-config` prints): every key with the
/// value in force, defaults included, in the order of `Config/lumascan.toml`. Feeding the output back
/// to the loader gives the same configuration.
public enum ConfigPrinter {
    public static func render(_ c: ScannerConfiguration) -> String {
        var out = "# Effective configuration (defaults filled in)\n"
        func line(_ key: String, _ value: String, _ note: String = "") {
            out += key + " = " + value + (note.isEmpty ? "" : "  # " + note) + "\n"
        }
        func table(_ name: String) { out += "\n[\(name)]\n" }
        func q(_ s: String) -> String { TOMLText.quoted(s) }
        func bytes(_ b: [UInt8]) -> String { q(String(decoding: b, as: UTF8.self)) }
        func hex(_ v: UInt16) -> String {
            let digits = String(v, radix: 16)
            return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
        }
        func number(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e9 ? String(Int(d)) : String(d) }

        line("source", q(c.source.kind.rawValue))
        line("board", q(c.board), c.board.isEmpty ? "none: chip, serial device and pins as set below" : "")

        table("camera")
        line("device", q(c.source.camera.device))
        line("width", String(c.source.camera.width))
        line("height", String(c.source.camera.height))
        line("fps", number(c.source.camera.fps))
        line("pixel_format", q(c.source.camera.pixelFormat.rawValue))
        line("buffers", String(c.source.camera.buffers))
        line("exposure_mode", q(c.source.camera.controls.exposureMode.rawValue))
        line("exposure", String(c.source.camera.controls.exposure))
        line("gain", String(c.source.camera.controls.gain))
        line("focus_mode", q(c.source.camera.controls.focusMode.rawValue))
        line("focus", String(c.source.camera.controls.focus))
        line("controls", "[" + c.source.camera.controls.raw.map { q("\($0.name)=\($0.value)") }.joined(separator: ", ") + "]")
        line("reconnect_max_ms", String(c.source.camera.reconnectMaxMilliseconds))
        line("frame_timeout_ms", String(c.source.camera.frameTimeoutMilliseconds))

        table("replay")
        line("path", q(c.source.replay.path))
        line("pixel_format", q(c.source.replay.pixelFormat.rawValue))
        line("width", String(c.source.replay.width))
        line("height", String(c.source.replay.height))
        line("fps", number(c.source.replay.fps))
        line("loop", String(c.source.replay.loop))

        table("demo")
        line("width", String(c.source.demo.width))
        line("height", String(c.source.demo.height))
        line("fps", number(c.source.demo.fps))

        table("decode")
        let formats = SymbolFormat.allCases.filter { c.decode.formats.contains($0) }.map { q($0.key) }
        line("formats", "[" + formats.joined(separator: ", ") + "]")
        if let r = c.decode.regionOfInterest {
            line("roi", "[\(r.x), \(r.y), \(r.width), \(r.height)]")
        } else {
            line("roi", "[]", "whole frame")
        }
        line("scale", String(c.decode.scale))
        line("scale_method", q(c.decode.scaleMethod.rawValue))
        line("max_results", String(c.decode.maxResults))
        line("max_payload_bytes", String(c.decode.maxPayloadBytes))
        line("max_text_bytes", String(c.decode.maxTextBytes))
        line("ean_addons", q(c.decode.eanAddOns.rawValue))

        table("scan")
        line("mode", q(c.scan.mode.rawValue))
        line("duplicate_ms", String(c.scan.duplicateMilliseconds))
        line("max_codes", String(c.scan.maxCodesPerRead))
        line("window_ms", String(c.scan.windowMilliseconds))
        line("cycle", q(c.scan.cycle.rawValue))
        line("collect", String(c.scan.collectCount))
        line("gpio_trigger", q(c.scan.gpioTrigger.rawValue))
        line("no_read", bytes(c.effectiveNoRead), c.scan.noRead == nil ? "the protocol's default" : "")

        table("commands")
        line("protocol", q(c.commands.protocol.rawValue))
        line("trigger_on", bytes(c.commands.triggerOn))
        line("trigger_off", bytes(c.commands.triggerOff))
        line("status", bytes(c.commands.status))
        line("test", bytes(c.commands.test))
        line("reset", bytes(c.commands.reset))
        line("max_line_bytes", String(c.commands.maxLineBytes))
        line("heartbeat_ms", String(c.commands.heartbeatMilliseconds))
        line("heartbeat", bytes(c.commands.heartbeat))
        line("cognex_replies", q(c.commands.cognexReplies.rawValue))

        table("match")
        line("expected", bytes(c.match.expected), c.match.isEnabled ? "" : "match-code mode off")
        line("increment", String(c.match.increment))
        line("on_match", bytes(c.match.onMatch))
        line("on_mismatch", bytes(c.match.onMismatch))

        table("output")
        line("format", q(c.output.format.rawValue))
        line("aim", String(c.output.aimIdentifier))
        line("prefix", bytes(c.output.prefix))
        line("suffix", bytes(c.effectiveOutput.effectiveSuffix),
             c.output.suffix == nil ? (c.effectiveOutput.suffix == nil ? "the format's default" : "the protocol's default") : "")
        line("separator", bytes(c.output.separator))
        line("payload", q(c.output.payload.rawValue))

        table("serial")
        line("device", q(c.effectiveSerialDevice), c.serial.device == nil ? "default for source \"\(c.source.kind.rawValue)\"" : "")
        line("baud", String(c.serial.line.baudRate))
        line("data_bits", String(c.serial.line.dataBits))
        line("parity", q(c.serial.line.parity.rawValue))
        line("stop_bits", String(c.serial.line.stopBits))
        line("rts_cts", String(c.serial.line.hardwareFlowControl))
        line("queue_bytes", String(c.serial.queueBytes))
        line("reopen_ms", String(c.serial.reopenMilliseconds))

        table("feedback")
        line("driver", q(c.feedbackDriver.rawValue),
             c.feedbackDriver == .auto ? "resolves to \"\(c.effectiveFeedbackDriver.rawValue)\"" : "")
        line("good_read_ms", String(c.feedback.goodReadMilliseconds))
        line("no_read_ms", String(c.feedback.noReadMilliseconds))
        line("buzzer_ms", String(c.feedback.buzzerMilliseconds))
        line("buzzer_kind", q(c.buzzer.kind.rawValue))
        if c.buzzer.kind == .passive {
            line("buzzer_hz", String(c.buzzer.frequencyHz))
        } else {
            out += "# buzzer_hz = \(c.buzzer.frequencyHz)  # a passive buzzer's tone\n"
        }
        line("illumination", q(c.feedback.illumination.rawValue),
             c.feedback.illumination == .auto ? "resolves to \"\(c.effectiveFeedback.illumination.rawValue)\"" : "")
        line("fault_blink_ms", String(c.feedback.faultBlinkMilliseconds))
        line("match_ms", String(c.feedback.matchMilliseconds))

        table("gpio")
        line("chip", q(c.gpio.chip))
        line("good_read_line", c.gpio.goodReadLine.description)
        line("no_read_line", c.gpio.noReadLine.description)
        line("status_line", c.gpio.statusLine.description)
        line("buzzer_line", c.gpio.buzzerLine.description)
        line("buzzer_pwm", q(c.gpio.buzzerPWM?.description ?? ""), c.gpio.buzzerPWM == nil ? "no PWM channel" : "")
        line("illumination_line", c.gpio.illuminationLine.description)
        line("trigger_line", c.gpio.triggerLine.description)
        line("match_line", c.gpio.matchLine.description)
        line("active_low", String(c.gpio.activeLow))
        line("trigger_active_low", String(c.gpio.triggerActiveLow))
        line("trigger_bias", q(c.gpio.triggerBias.rawValue))
        line("debounce_ms", String(c.gpio.debounceMilliseconds))

        table("usb")
        line("functions", "[" + c.usb.functions.map { q($0.rawValue) }.joined(separator: ", ") + "]",
             c.usb.isEnabled ? "" : "USB device mode off")
        line("gadget", q(c.usb.gadget.rawValue))
        line("udc", q(c.usb.udc))
        line("name", q(c.usb.description.name))
        line("vendor_id", hex(c.usb.description.vendorID))
        line("product_id", hex(c.usb.description.productID))
        line("manufacturer", q(c.usb.description.manufacturer))
        line("product", q(c.usb.description.product))
        line("serial_number", q(c.usb.description.serialNumber))
        line("max_power_ma", String(c.usb.description.maxPowerMilliamperes))
        line("keyboard_device", q(c.usb.keyboardDevice))
        line("serial_device", q(c.usb.serialDevice))

        table("keyboard")
        line("layout", q(c.keyboard.layout.rawValue))
        line("key_delay_ms", String(c.keyboard.keyDelayMilliseconds))
        line("prefix", bytes(c.keyboard.prefix))
        line("suffix", q(c.keyboard.suffix.rawValue))
        line("untypable", q(c.keyboard.untypable.rawValue))
        line("aim", String(c.keyboard.aimIdentifier))
        line("queue_keys", String(c.keyboard.queueKeys))

        table("watchdog")
        line("device", q(c.watchdog.device), c.watchdog.device.isEmpty ? "none" : "")
        line("timeout_s", String(c.watchdog.timeoutSeconds))
        return out
    }
}
