/// What `lumascan board NAME` prints: the boot configuration, the default wiring with parts, and the
/// configuration keys the board sets.
public enum BoardReport {
    public static func render(_ b: BoardProfile) -> String {
        var out = "\(b.name) (board = \"\(b.key)\")\n\n"
        out += "GPIO chip: " + (b.gpioChipLabel.isEmpty ? "set [gpio] chip (see `lumascan devices`)" : "label \"\(b.gpioChipLabel)\"") + "\n"
        out += "Serial: \(b.serialDevice)\n"
        out += "USB device port (keyboard wedge, USB serial): " + (b.usbDevicePort ?? "none") + "\n"
        if !b.configTxt.isEmpty {
            out += "\nconfig.txt (/boot/firmware/config.txt), under [all]:\n"
            for l in b.configTxt { out += "  \(l)\n" }
        }
        if !b.cmdlineRemove.isEmpty || !b.cmdlineAdd.isEmpty {
            out += "\ncmdline.txt (one line): "
            out += (b.cmdlineRemove.map { "remove \($0) (no login console on the scanner's UART)" }
                + b.cmdlineAdd.map { "add \($0) after rootwait" }).joined(separator: "; ") + "\n"
        }
        if !b.pins.isEmpty {
            out += "\nDefault wiring (3.3 V logic; header pin numbers; GND on pins 6, 9, 14, 20, 25, 30, 34, 39):\n"
            for p in b.pins {
                out += "  GPIO\(p.gpio) (pin \(p.headerPin))  \(p.role.replacing("_line", with: ""))".padded(40)
                    + "  " + part(p.role) + "\n"
            }
            out += "  GPIO14 (pin 8) TXD → PLC RX, GPIO15 (pin 10) RXD ← PLC TX: 3.3 V TTL; RS-232 needs a MAX3232 level shifter\n"
        }
        out += "\nFull tables and notes: Board/README.md\n"
        return out
    }

    static func part(_ role: String) -> String {
        switch role {
        case "good_read_line", "no_read_line", "status_line", "match_line":
            "LED + 330 Ω to GND (about 4 mA; active_low = false)"
        case "buzzer_line":
            "1 kΩ to the base of an NPN (2N2222/BC337); active 5 V buzzer from 5 V to the collector, emitter to GND "
                + "(a passive buzzer the same way, with buzzer_kind = \"passive\"; hardware PWM: GPIO12/13/18/19, buzzer_pwm)"
        case "illumination_line":
            "1 kΩ to the gate/base of a logic-level MOSFET or NPN switching the LED ring's own supply"
        case "trigger_line":
            "photo-eye/button: NPN open collector to GND, trigger_active_low = true, trigger_bias = \"pull-up\" "
                + "(or 10 kΩ to 3.3 V); 24 V PNP sensors and 5 V PLC outputs through an optocoupler or a divider (10 kΩ / 20 kΩ for 5 V)"
        default: ""
        }
    }
}

private extension String {
    func padded(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
