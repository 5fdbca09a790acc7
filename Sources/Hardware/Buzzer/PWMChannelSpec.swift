/// A hardware PWM channel as the configuration names it (`[gpio] buzzer_pwm`): `"pwmchip0/pwm0"`
/// (the directory under `/sys/class/pwm` and the channel), or the chip's device instead of its number,
/// `"1f00098000.pwm/pwm2"`, which stays the same when the kernel numbers chips differently (Pi 5).
public struct PWMChannelSpec: Equatable, Sendable, CustomStringConvertible {
    /// `pwmchipN`, or the device name its `device` link points to (`1f00098000.pwm`).
    public var chip: String
    public var channel: Int

    public init(chip: String, channel: Int) {
        self.chip = chip
        self.channel = channel
    }

    /// Parses `CHIP/pwmN`; nil when the text is not of that form.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let chip = parts.first, let name = parts.last,
              !chip.isEmpty, chip != ".", chip != "..", chip.utf8.count <= 64,
              name.hasPrefix("pwm"), name.count <= 7, let n = Int(name.dropFirst(3)), n >= 0, n <= 1023,
              name.dropFirst(3).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        self.chip = String(chip)
        channel = n
    }

    /// Whether `chip` is a kernel chip directory name (`pwmchip0`) rather than a device name.
    public var namesChipDirectory: Bool {
        chip.hasPrefix("pwmchip") && !chip.dropFirst(7).isEmpty && chip.dropFirst(7).allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// As written in the configuration: `pwmchip0/pwm0`.
    public var description: String { "\(chip)/pwm\(channel)" }
}
