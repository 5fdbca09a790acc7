import Capture
import Hardware

/// The `[camera]` and `[gpio]` tables.
extension ConfigLoader {
    static func bindCamera(_ c: inout ScannerConfiguration, _ b: ConfigBinder) {
        var cam = c.source.camera
        cam.device = b.string("camera", "device", default: cam.device)
        cam.width = b.integer("camera", "width", default: cam.width, range: 16...16384, unit: "pixels")
        cam.height = b.integer("camera", "height", default: cam.height, range: 16...16384, unit: "pixels")
        cam.fps = b.number("camera", "fps", default: cam.fps, range: 1...240, unit: "frames per second")
        cam.pixelFormat = b.choice("camera", "pixel_format", default: cam.pixelFormat)
        cam.buffers = b.integer("camera", "buffers", default: cam.buffers, range: 2...8, unit: "mmap buffers")
        cam.controls.exposureMode = b.choice("camera", "exposure_mode", default: cam.controls.exposureMode)
        cam.controls.exposure = b.integer("camera", "exposure", default: cam.controls.exposure, range: 0...1_000_000,
                                          unit: "camera units, UVC: 100 µs")
        cam.controls.gain = b.integer("camera", "gain", default: cam.controls.gain, range: -1...1_000_000,
                                      unit: "camera units, -1 = leave as is")
        cam.controls.focusMode = b.choice("camera", "focus_mode", default: cam.controls.focusMode)
        cam.controls.focus = b.integer("camera", "focus", default: cam.controls.focus, range: 0...1_000_000, unit: "camera units")
        cam.controls.raw = b.controlList("camera", "controls")
        cam.reconnectMaxMilliseconds = b.integer("camera", "reconnect_max_ms", default: cam.reconnectMaxMilliseconds,
                                                 range: 100...60000, unit: "milliseconds")
        cam.frameTimeoutMilliseconds = b.integer("camera", "frame_timeout_ms", default: cam.frameTimeoutMilliseconds,
                                                 range: 100...60000, unit: "milliseconds")
        c.source.camera = cam
    }

    /// `[gpio]`, with the board profile's chip, pins and serial device for what the file leaves out.
    static func bindGPIO(_ c: inout ScannerConfiguration, _ b: ConfigBinder) {
        var g = c.gpio
        let names = [""] + BoardProfile.all.map(\.key)
        c.board = b.string("", "board", default: "")
        var board: BoardProfile?
        if !c.board.isEmpty {
            board = BoardProfile.named(c.board)
            if board == nil {
                b.fail("", "board", b.node("", "board"), "not a known board",
                       allowed: names.map { "\"\($0)\"" }.joined(separator: ", "),
                       suggestion: Suggestion.closest(to: c.board, in: names).map { "\"\($0)\"" })
                c.board = ""
            }
        }
        if let board {
            g.chip = board.gpioChipLabel
            if c.serial.device == nil, !b.isPresent("serial", "device") { c.serial.device = board.serialDevice }
        }
        func line(_ key: String, _ current: GPIOLineSpec) -> GPIOLineSpec {
            b.lineSpec("gpio", key, default: board?.defaultLine(key) ?? current)
        }
        g.chip = b.string("gpio", "chip", default: g.chip)
        g.goodReadLine = line("good_read_line", g.goodReadLine)
        g.noReadLine = line("no_read_line", g.noReadLine)
        g.statusLine = line("status_line", g.statusLine)
        g.buzzerLine = line("buzzer_line", g.buzzerLine)
        g.illuminationLine = line("illumination_line", g.illuminationLine)
        g.triggerLine = line("trigger_line", g.triggerLine)
        g.matchLine = line("match_line", g.matchLine)
        g.activeLow = b.boolean("gpio", "active_low", default: g.activeLow)
        g.triggerActiveLow = b.boolean("gpio", "trigger_active_low", default: g.triggerActiveLow)
        g.triggerBias = b.choice("gpio", "trigger_bias", default: g.triggerBias)
        g.debounceMilliseconds = b.integer("gpio", "debounce_ms", default: g.debounceMilliseconds,
                                           range: 0...1000, unit: "milliseconds")
        c.gpio = g
    }
}

extension ConfigBinder {
    /// A GPIO line: an offset (0 to 1023, -1 = none) or a line name ("GPIO17").
    func lineSpec(_ table: String, _ key: String, default value: GPIOLineSpec) -> GPIOLineSpec {
        guard let n = node(table, key) else { return value }
        let allowed = "a line offset 0 to 1023, a line name such as \"GPIO17\", or -1 (not connected)"
        switch n.value {
        case .integer(let i) where i == -1: return .none
        case .integer(let i) where i >= 0 && i <= 1023: return .offset(Int(i))
        case .string(let s) where !s.isEmpty && s.utf8.count <= 64: return .name(s)
        case .integer, .string: fail(table, key, n, "not a GPIO line", allowed: allowed)
        default: fail(table, key, n, "expected an integer or a string, found \(n.typeName)", allowed: allowed)
        }
        return value
    }

    /// An array of `"name=value"` V4L2 controls.
    func controlList(_ table: String, _ key: String) -> [CameraControls.Raw] {
        guard let n = node(table, key) else { return [] }
        let allowed = "an array of \"name=value\" strings with integer values, e.g. [\"sharpness=3\"]"
        guard case .array(let items) = n.value else {
            fail(table, key, n, "expected an array, found \(n.typeName)", allowed: allowed)
            return []
        }
        var out: [CameraControls.Raw] = []
        for (k, item) in items.enumerated() {
            guard case .string(let s) = item.value, let control = CameraControls.Raw(parsing: s) else {
                fail(position: item.position, key: Self.dotted(table, key) + "[\(k)]", found: item.rendered,
                     "not a name=value control", allowed: allowed)
                continue
            }
            out.append(control)
        }
        return out
    }
}
