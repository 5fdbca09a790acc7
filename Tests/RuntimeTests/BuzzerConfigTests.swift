import Hardware
import Runtime
import Testing

/// `[feedback] buzzer_kind`, `buzzer_hz` and `[gpio] buzzer_pwm`: an active buzzer by default, a
/// passive one on a GPIO line or a PWM channel, and precise errors where the keys contradict each other.
@Suite struct BuzzerConfigTests {
    func parse(_ text: String) throws -> ScannerConfiguration {
        try ConfigLoader.parse(Array(text.utf8), file: "z.toml")
    }

    func errors(_ text: String) -> [String] {
        do {
            _ = try ConfigLoader.parse(Array(text.utf8), file: "z.toml")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func theBuzzerIsActiveByDefaultAndPassiveOnesSoundAt2700Hz() throws {
        let c = try parse("[gpio]\nbuzzer_line = 23\n")
        #expect(c.buzzer.kind == .active && c.gpio.buzzerPWM == nil && c.gpio.buzzerLine == .offset(23))
        let p = try parse("[feedback]\nbuzzer_kind = \"passive\"\n[gpio]\nbuzzer_line = 23\n")
        #expect(p.buzzer.kind == .passive && p.buzzer.frequencyHz == 2700 && p.gpio.buzzerLine == .offset(23))
        let tuned = try parse("[feedback]\nbuzzer_kind = \"passive\"\nbuzzer_hz = 4000\n[gpio]\nbuzzer_line = \"GPIO23\"\n")
        #expect(tuned.buzzer.frequencyHz == 4000 && tuned.gpio.buzzerLine == .name("GPIO23"))
    }

    @Test func aPWMChannelIsNamedByChipNumberOrByDevice() throws {
        let c = try parse("[feedback]\nbuzzer_kind = \"passive\"\n[gpio]\nbuzzer_pwm = \"pwmchip0/pwm1\"\n")
        #expect(c.gpio.buzzerPWM == PWMChannelSpec(chip: "pwmchip0", channel: 1))
        #expect(c.gpio.buzzerPWM?.namesChipDirectory == true)
        // Only the PWM channel is set: the feedback driver is still GPIO (a line of the board's header).
        #expect(c.effectiveFeedbackDriver == .gpio && !c.gpio.usesChip)
        let pi5 = try parse("[feedback]\nbuzzer_kind = \"passive\"\n[gpio]\nbuzzer_pwm = \"1f00098000.pwm/pwm2\"\n")
        #expect(pi5.gpio.buzzerPWM == PWMChannelSpec(chip: "1f00098000.pwm", channel: 2))
        #expect(pi5.gpio.buzzerPWM?.namesChipDirectory == false)
        let none = try parse("[feedback]\nbuzzer_kind = \"passive\"\n[gpio]\nbuzzer_pwm = \"\"\n")
        #expect(none.gpio.buzzerPWM == nil)
    }

    @Test func aPWMChannelReplacesTheBoardProfilesBuzzerPin() throws {
        let c = try parse("board = \"pi4\"\n[feedback]\nbuzzer_kind = \"passive\"\n[gpio]\nbuzzer_pwm = \"pwmchip0/pwm0\"\n")
        #expect(c.gpio.buzzerLine == .none && c.gpio.goodReadLine == .offset(17))
        #expect(c.gpio.buzzerPWM == PWMChannelSpec(chip: "pwmchip0", channel: 0))
    }

    @Test func passiveBuzzerKeysPrintAndReadBackTheSame() throws {
        for text in ["[feedback]\nbuzzer_kind = \"passive\"\nbuzzer_hz = 3100\n[gpio]\nbuzzer_line = 23\n",
                     "board = \"pi5\"\n[feedback]\nbuzzer_kind = \"passive\"\n[gpio]\nbuzzer_pwm = \"1f00098000.pwm/pwm2\"\n",
                     "[gpio]\nbuzzer_line = 23\n"] {
            let c = try parse(text)
            let printed = ConfigPrinter.render(c)
            let reread = try parse(printed)
            #expect(reread.buzzer == c.buzzer && reread.gpio == c.gpio, "\(printed)")
        }
    }

    static let mistakes: [(config: String, error: String)] = [
        ("[feedback]\nbuzzer_kind = \"piezo\"\n",
         "z.toml:2:15: feedback.buzzer_kind = \"piezo\": not a known value; allowed: \"active\", \"passive\""),
        ("[feedback]\nbuzzer_kind = \"passive\"\nbuzzer_hz = 20\n",
         "z.toml:3:13: feedback.buzzer_hz = 20: out of range; allowed: 50 to 10000 (Hz, the tone of a passive buzzer)"),
        ("[feedback]\nbuzzer_kind = \"passive\"\nbuzzer_hz = 2.7\n",
         "z.toml:3:13: feedback.buzzer_hz = 2.7: expected an integer, found a float; allowed: 50 to 10000 (Hz, the tone "
            + "of a passive buzzer)"),
        ("[feedback]\nbuzzer_hz = 2700\n",
         "z.toml:2:13: feedback.buzzer_hz = 2700: only a passive buzzer has a tone (buzzer_kind is \"active\"); allowed: "
            + "buzzer_kind = \"passive\" in [feedback], or no buzzer_hz (an active buzzer makes its own tone)"),
        ("[gpio]\nbuzzer_pwm = \"pwmchip0/pwm0\"\n",
         "z.toml:2:14: gpio.buzzer_pwm = \"pwmchip0/pwm0\": a PWM channel drives a passive buzzer only (buzzer_kind is "
            + "\"active\"); allowed: buzzer_kind = \"passive\" in [feedback], or buzzer_pwm = \"\" with the active buzzer "
            + "on buzzer_line"),
        ("[feedback]\nbuzzer_kind = \"passive\"\n[gpio]\nbuzzer_line = 18\nbuzzer_pwm = \"pwmchip0/pwm0\"\n",
         "z.toml:4:15: gpio.buzzer_line = 18: set together with buzzer_pwm: the buzzer is on one or the other; allowed: "
            + "buzzer_line = -1 with buzzer_pwm, or buzzer_pwm = \"\""),
        ("[feedback]\nbuzzer_kind = \"passive\"\n[gpio]\nbuzzer_pwm = \"pwmchip0\"\n",
         "z.toml:4:14: gpio.buzzer_pwm = \"pwmchip0\": not a PWM channel; allowed: \"pwmchipN/pwmM\" (a chip in "
            + "/sys/class/pwm and its channel, e.g. \"pwmchip0/pwm0\"), \"DEVICE/pwmM\" (the chip by its device, e.g. "
            + "\"1f00098000.pwm/pwm2\"), or \"\" (none)"),
        ("[feedback]\nbuzzer_kind = \"passive\"\n[gpio]\nbuzzer_pwm = 0\n",
         "z.toml:4:14: gpio.buzzer_pwm = 0: expected a string, found an integer; allowed: \"pwmchipN/pwmM\" (a chip in "
            + "/sys/class/pwm and its channel, e.g. \"pwmchip0/pwm0\"), \"DEVICE/pwmM\" (the chip by its device, e.g. "
            + "\"1f00098000.pwm/pwm2\"), or \"\" (none)"),
    ]

    @Test(arguments: 0..<mistakes.count)
    func contradictoryOrMalformedBuzzerKeysGetOnePreciseError(_ index: Int) {
        let (config, expected) = Self.mistakes[index]
        #expect(errors(config) == [expected])
    }

    @Test func channelTextsThatAreNotChannelsAreRefused() {
        for text in ["/pwm0", "pwmchip0/", "pwmchip0/pwm", "pwmchip0/pwm-1", "pwmchip0/pwm+1", "pwmchip0/0", "../pwm0",
                     "a/b/pwm0", "pwmchip0/pwm1024", "pwmchip0/pwm٣"] {
            #expect(PWMChannelSpec(parsing: text) == nil, "\(text)")
        }
        #expect(PWMChannelSpec(parsing: "pwmchip12/pwm3") == PWMChannelSpec(chip: "pwmchip12", channel: 3))
    }
}
