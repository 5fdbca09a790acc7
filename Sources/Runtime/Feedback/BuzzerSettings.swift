import Hardware

/// What kind of buzzer is wired, and the tone of a passive one (`[feedback] buzzer_kind`, `buzzer_hz`;
/// where it is wired is `[gpio] buzzer_line` or `buzzer_pwm`).
public struct BuzzerSettings: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// Has its own oscillator: sounds while its line is on (the line is switched on and off).
        case active
        /// A bare transducer: sounds only while fed a square wave (a tone thread toggling the GPIO
        /// line at `frequencyHz`, or a hardware PWM channel).
        case passive
    }

    public var kind = Kind.active
    /// Tone of a passive buzzer. Most are loudest at their resonance, 2 to 4 kHz (2.7 kHz is common).
    public var frequencyHz = 2700

    /// `buzzer_hz` bounds: below 50 Hz a square wave is clicks, above 10 kHz it is mostly inaudible
    /// and a GPIO tone thread would wake 20,000 times a second.
    public static let frequencyRange = 50...10000

    public init() {}
}
