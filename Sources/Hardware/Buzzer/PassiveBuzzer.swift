/// A passive buzzer (a bare transducer that sounds only while it is fed a square wave), driven one of
/// two ways, chosen at start-up: a tone thread toggling a GPIO line, or a hardware PWM channel.
///
/// `sound(_:)` is the beep path: a flag set under a mutex, or one write to the PWM's `enable`; nothing
/// allocated. `close()` silences it for good: the tone thread is joined and the line released at rest,
/// the PWM disabled (and unexported if it was exported here).
public final class PassiveBuzzer {
    public enum Drive {
        case gpio(SquareWaveGenerator<GPIOToneLine>)
        case pwm(SysfsPWMChannel)
    }

    public let drive: Drive
    public let frequencyHz: Int
    private var closed = false

    public init(drive: Drive, frequencyHz: Int) {
        self.drive = drive
        self.frequencyHz = frequencyHz
    }

    /// A square wave on a GPIO line, from a tone thread started now.
    public convenience init(chip: GPIOChip, line: GPIOLineSpec, activeLow: Bool, frequencyHz: Int,
                            taken: [Int: String]) throws(BuzzerError) {
        let pin: GPIOToneLine
        do {
            pin = try GPIOToneLine(chip: chip, spec: line, activeLow: activeLow, taken: taken)
        } catch {
            throw BuzzerError(error.description)
        }
        let generator: SquareWaveGenerator<GPIOToneLine>
        do {
            generator = try SquareWaveGenerator(pin: pin, frequencyHz: frequencyHz)
        } catch {
            pin.release()
            throw error
        }
        self.init(drive: .gpio(generator), frequencyHz: frequencyHz)
    }

    /// A hardware PWM channel, set up now (exported if needed, period and 50 % duty cycle, disabled).
    public convenience init(pwm: PWMChannelSpec, frequencyHz: Int, sysfsRoot: String = SysfsPWMChannel.defaultRoot)
        throws(BuzzerError) {
        self.init(drive: .pwm(try SysfsPWMChannel(spec: pwm, frequencyHz: frequencyHz, root: sysfsRoot)),
                  frequencyHz: frequencyHz)
    }

    deinit { close() }

    /// Starts (`true`) or ends the tone.
    public func sound(_ on: Bool) {
        guard !closed else { return }
        switch drive {
        case .gpio(let generator): on ? generator.start() : generator.stop()
        case .pwm(let channel): channel.set(on: on)
        }
    }

    /// Writes that failed (GPIO edges or PWM enables); read after `close()` for the GPIO drive.
    public var failedWrites: Int {
        switch drive {
        case .gpio(let generator): generator.pin.failedWrites
        case .pwm(let channel): channel.failedWrites
        }
    }

    /// Silent for good: thread joined and line released at rest, or PWM disabled. Safe to call twice.
    public func close() {
        guard !closed else { return }
        closed = true
        switch drive {
        case .gpio(let generator):
            generator.shutdown()
            generator.pin.release()
        case .pwm(let channel):
            channel.close()
        }
    }

    /// How it is driven, for the start-up line: "passive buzzer 2700 Hz on GPIO line 23 (tone thread)".
    public var summary: String {
        switch drive {
        case .gpio(let generator):
            "passive buzzer \(frequencyHz) Hz on GPIO line \(generator.pin.offset) (tone thread)"
        case .pwm(let channel):
            "passive buzzer \(frequencyHz) Hz on PWM \(channel.channelPath)"
        }
    }
}

/// Feedback lines with a passive buzzer: the buzzer line goes to the `PassiveBuzzer` (a tone while
/// on), every other line to `base` (GPIO LEDs, or nothing). Generic over the base, so the scan loop
/// stays specialized and calls it without an existential.
public final class PassiveBuzzerFeedback<Base: FeedbackOutput>: FeedbackOutput {
    public let base: Base
    public let buzzer: PassiveBuzzer
    public private(set) var isSounding = false

    public init(base: Base, buzzer: PassiveBuzzer) {
        self.base = base
        self.buzzer = buzzer
    }

    public func set(_ line: FeedbackLine, on: Bool) {
        guard line == .buzzer else { return base.set(line, on: on) }
        isSounding = on
        buzzer.sound(on)
    }
}
