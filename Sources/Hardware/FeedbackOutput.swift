/// The feedback lines a scanner drives: what the operator sees and hears, and the light on the target.
///
/// Lines are on or off; timing patterns (a 100 ms green pulse, a short beep) are made by the runtime
/// turning lines on and off at the right moments, so that a driver only ever sets levels.
public enum FeedbackLine: Int, CaseIterable, Sendable {
    /// Green LED: lit briefly after a good read.
    case goodRead
    /// Red LED: lit after a no-read (a trigger window that ended without a code).
    case noRead
    /// Status LED: steady when scanning, blinking on a fault (camera gone, serial port gone).
    case status
    /// Buzzer (an active buzzer: on = sound).
    case buzzer
    /// Illumination LED(s) on the target.
    case illumination
    /// Match-code output: pulsed when a read matched the expected content (a PLC input or a lamp).
    case match

    /// The configuration and log name ("good_read", "no_read", …).
    public var name: StaticString {
        switch self {
        case .goodRead: "good_read"
        case .noRead: "no_read"
        case .status: "status"
        case .buzzer: "buzzer"
        case .illumination: "illumination"
        case .match: "match"
        }
    }
}

/// Something that drives feedback lines: GPIO through libgpiod, stderr in the demo, a recorder in tests.
///
/// `set` is called from the scan loop when a level changes (not once per frame), must not block, must
/// not allocate, and never traps: a line the hardware does not have is ignored, and a failed write is
/// counted by the implementation (reported at shutdown or in status replies), not thrown.
public protocol FeedbackOutput: AnyObject {
    /// Drives `line` on (`true`) or off (`false`). Active-low wiring is the implementation's business.
    func set(_ line: FeedbackLine, on: Bool)
}

extension FeedbackOutput {
    /// Turns every line off (at start-up and when the scanner stops).
    public func allOff() {
        for line in FeedbackLine.allCases { set(line, on: false) }
    }
}

/// Feedback that goes nowhere (no GPIO configured).
public final class NoFeedback: FeedbackOutput {
    public init() {}
    public func set(_ line: FeedbackLine, on: Bool) {}
}
