import Hardware

/// The buzzer's kind and tone (`[feedback] buzzer_kind`, `buzzer_hz`) and its PWM channel
/// (`[gpio] buzzer_pwm`), with the rules that tie them to `[gpio] buzzer_line`.
extension ConfigLoader {
    static func bindBuzzer(_ c: inout ScannerConfiguration, _ b: ConfigBinder) {
        c.buzzer.kind = b.choice("feedback", "buzzer_kind", default: c.buzzer.kind)
        let range = BuzzerSettings.frequencyRange
        c.buzzer.frequencyHz = b.integer("feedback", "buzzer_hz", default: c.buzzer.frequencyHz, range: range,
                                         unit: "Hz, the tone of a passive buzzer")
        c.gpio.buzzerPWM = b.pwmChannel("gpio", "buzzer_pwm")

        let passive = "buzzer_kind = \"passive\" in [feedback]"
        if c.buzzer.kind == .active, let n = b.node("feedback", "buzzer_hz") {
            b.fail("feedback", "buzzer_hz", n, "only a passive buzzer has a tone (buzzer_kind is \"active\")",
                   allowed: "\(passive), or no buzzer_hz (an active buzzer makes its own tone)")
        }
        if c.gpio.buzzerPWM != nil {
            if c.buzzer.kind == .active {
                b.fail("gpio", "buzzer_pwm", b.node("gpio", "buzzer_pwm"),
                       "a PWM channel drives a passive buzzer only (buzzer_kind is \"active\")",
                       allowed: "\(passive), or buzzer_pwm = \"\" with the active buzzer on buzzer_line")
            }
            if let line = b.node("gpio", "buzzer_line"), c.gpio.buzzerLine.isConnected {
                b.fail("gpio", "buzzer_line", line, "set together with buzzer_pwm: the buzzer is on one or the other",
                       allowed: "buzzer_line = -1 with buzzer_pwm, or buzzer_pwm = \"\"")
            }
            // The board profile's buzzer pin is replaced by the PWM pin.
            c.gpio.buzzerLine = .none
        }
    }
}

extension ConfigBinder {
    /// A PWM channel `"pwmchipN/pwmM"` or `"DEVICE/pwmM"`, or "" for none.
    func pwmChannel(_ table: String, _ key: String) -> PWMChannelSpec? {
        guard let n = node(table, key) else { return nil }
        let allowed = "\"pwmchipN/pwmM\" (a chip in /sys/class/pwm and its channel, e.g. \"pwmchip0/pwm0\"), "
            + "\"DEVICE/pwmM\" (the chip by its device, e.g. \"1f00098000.pwm/pwm2\"), or \"\" (none)"
        guard case .string(let s) = n.value else {
            fail(table, key, n, "expected a string, found \(n.typeName)", allowed: allowed)
            return nil
        }
        if s.isEmpty { return nil }
        guard let spec = PWMChannelSpec(parsing: s) else {
            fail(table, key, n, "not a PWM channel", allowed: allowed)
            return nil
        }
        return spec
    }
}
