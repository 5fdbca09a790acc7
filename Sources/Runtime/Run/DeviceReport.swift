import Capture
import Glibc
import Hardware

/// What `lumascan devices` prints: cameras (formats, sizes, controls), GPIO chips (label, lines and
/// their names and users) and serial ports, with the names to put in the configuration.
public enum DeviceReport {
    public static func render(showControls: Bool = true) -> String {
        var out = ""
        out += "Cameras (V4L2, through libv4l2; [camera] device):\n"
        var anyCamera = false
        for path in CameraInventory.videoNodes() {
            guard let d = CameraInventory.describe(path: path) else {
                out += "  \(path): cannot open (\(String(cString: strerror(errno))))\n"
                continue
            }
            guard d.canCapture else { continue }
            anyCamera = true
            out += "  \(path): \(d.card) (driver \(d.driver), \(d.bus))\n"
            let choice = CameraFormatChoice.choose(from: d.formats.map { .init($0.fourcc, emulated: $0.emulated) })
            for f in d.formats {
                let sizes = f.sizes.isEmpty ? "" : ": " + f.sizes.prefix(8).joined(separator: ", ")
                    + (f.sizes.count > 8 ? ", …" : "")
                out += "    \(f.fourcc.description.padding(4)) \(f.emulated ? "(converted) " : "")\(f.description)\(sizes)\n"
            }
            switch choice {
            case .success(let o): out += "    lumascan would use \(o.fourcc)\(o.emulated ? " (converted by libv4lconvert)" : "")\n"
            case .failure(let f): out += "    " + CameraFormatChoice.message(f, device: path, driver: d.driver) + "\n"
            }
            if showControls, !d.controls.isEmpty {
                out += "    controls: " + d.controls.map { "\($0.name) (\($0.minimum) to \($0.maximum))" }.joined(separator: ", ") + "\n"
            }
        }
        if !anyCamera { out += "  none found\n" }
        let links = CameraInventory.persistentNames()
        if !links.isEmpty {
            out += "  persistent names (/dev/v4l/by-id):\n"
            for l in links { out += "    \(l.name) -> \(l.target)\n" }
        }

        out += "\nGPIO chips (\(GPIOChip.libraryDescription); [gpio] chip and *_line):\n"
        let chips = GPIOChip.all()
        if chips.isEmpty {
            out += "  none found" + (GPIOChip.devicePaths().isEmpty ? "" : " that can be opened (add the user to group gpio)") + "\n"
        }
        for chip in chips {
            out += "  \(chip.path): \"\(chip.label)\", \(chip.lineCount) lines\n"
            let lines = chip.lines()
            let described = lines.filter { !$0.name.isEmpty || $0.isUsed }
            for l in described {
                let user = l.isUsed ? " used by \(l.consumer.isEmpty ? "?" : l.consumer) (\(l.isOutput ? "output" : "input"))" : ""
                out += "    \(l.offset): \(l.name.isEmpty ? "unnamed" : l.name)\(user)\n"
            }
            if described.count < lines.count { out += "    (\(lines.count - described.count) unnamed, unused lines not shown)\n" }
        }

        out += "\nPWM chips (/sys/class/pwm; [gpio] buzzer_pwm for a passive buzzer):\n"
        let pwms = SysfsPWMChannel.chips()
        if pwms.isEmpty { out += "  none found (Board/README.md: dtoverlay=pwm)\n" }
        for p in pwms {
            out += "  \(p.name)\(p.device.isEmpty ? "" : " (\(p.device))"): \(p.channels) channels, "
                + "buzzer_pwm = \"\(p.device.isEmpty ? p.name : p.device)/pwm0\" for the first\n"
        }

        out += "\nSerial ports ([serial] device):\n"
        let ports = serialPorts()
        if ports.isEmpty { out += "  none found\n" }
        for p in ports { out += "  \(p)\n" }
        return out
    }

    /// Serial devices that exist and answer (legacy 8250 ports without hardware behind them are left out).
    static func serialPorts() -> [String] {
        var out: [String] = []
        for alias in ["serial0", "serial1"] {
            if let target = DeviceDirectory.resolvedLink("/dev/" + alias) { out.append("/dev/\(alias) -> \(target)") }
        }
        for prefix in ["ttyAMA", "ttyS", "ttyUSB", "ttyACM", "ttyGS"] {
            for name in DeviceDirectory.entries("/dev", prefix: prefix) where Int(name.dropFirst(prefix.count)) != nil {
                let path = "/dev/" + name
                let fd = open(path, O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
                if fd < 0 {
                    if errno == EACCES || errno == EBUSY { out.append("\(path) (\(String(cString: strerror(errno))))") }
                    continue
                }
                var t = termios()
                let ok = tcgetattr(fd, &t) == 0
                close(fd)
                if ok { out.append(path) }
            }
        }
        return out
    }
}

private extension String {
    func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
