import Hardware

/// Turns feedback requests (a 100 ms green pulse, a beep, a blinking status LED) into line levels over
/// time, and tells the loop when it next needs to wake up to switch something off.
///
/// Levels are computed here and pushed to a `FeedbackOutput` only when they change (`apply`), so a
/// driver sees one call per edge, not one per frame. Fixed storage, no allocation after init.
public final class FeedbackScheduler {
    public let settings: FeedbackSettings
    private static let lineCount = FeedbackLine.allCases.count
    /// Level wanted per line, and when a pulse ends (0: no pulse running).
    private var wanted: [Bool]
    private var offAt: [UInt64]
    /// Level last pushed to the output (nil: unknown, set on the next `apply`). Lines start off: drivers
    /// request their lines with the inactive level.
    private var applied: [Bool?]
    private var fault = false
    private var running = false
    private var blinkPhaseStart: UInt64 = 0

    public init(settings: FeedbackSettings) {
        self.settings = settings
        wanted = [Bool](repeating: false, count: Self.lineCount)
        offAt = [UInt64](repeating: 0, count: Self.lineCount)
        applied = [Bool?](repeating: false, count: Self.lineCount)
    }

    /// The scanner started (status LED on, illumination per settings) or stopped (everything off).
    public func setRunning(_ on: Bool, now: UInt64) {
        running = on
        for i in 0..<Self.lineCount {
            wanted[i] = false
            offAt[i] = 0
        }
        if on {
            wanted[FeedbackLine.status.rawValue] = true
            // `auto` is resolved by ScanAssembly; a scheduler made directly treats it as `always`.
            wanted[FeedbackLine.illumination.rawValue] = settings.illumination == .always || settings.illumination == .auto
        }
        fault = false
        blinkPhaseStart = now
    }

    /// A fault began or ended: the status LED blinks while one lasts.
    public func setFault(_ on: Bool, now: UInt64) {
        guard on != fault else { return }
        fault = on
        blinkPhaseStart = now
        wanted[FeedbackLine.status.rawValue] = running
    }

    public var hasFault: Bool { fault }

    /// A good read: green pulse and beep.
    public func goodRead(now: UInt64) {
        pulse(.goodRead, milliseconds: settings.goodReadMilliseconds, now: now)
        pulse(.buzzer, milliseconds: settings.buzzerMilliseconds, now: now)
    }

    /// A no-read: red pulse.
    public func noRead(now: UInt64) {
        pulse(.noRead, milliseconds: settings.noReadMilliseconds, now: now)
    }

    /// Switches `line` on for `milliseconds` (restarting a pulse already running); 0 does nothing.
    public func pulse(_ line: FeedbackLine, milliseconds: Int, now: UInt64) {
        guard milliseconds > 0 else { return }
        wanted[line.rawValue] = true
        offAt[line.rawValue] = now &+ UInt64(milliseconds) &* 1_000_000
    }

    /// Sets a steady level (cancels a running pulse).
    public func set(_ line: FeedbackLine, on: Bool) {
        wanted[line.rawValue] = on
        offAt[line.rawValue] = 0
    }

    /// Ends pulses that are over and advances the status blink.
    public func update(now: UInt64) {
        for i in 0..<Self.lineCount where offAt[i] != 0 && now >= offAt[i] {
            wanted[i] = false
            offAt[i] = 0
        }
        if fault && running {
            let half = UInt64(max(1, settings.faultBlinkMilliseconds)) * 500_000
            wanted[FeedbackLine.status.rawValue] = ((now &- blinkPhaseStart) / half) % 2 == 0
        }
    }

    /// The earliest moment something changes by itself (a pulse ends, the blink toggles), or `.max`.
    public func nextDeadline(now: UInt64) -> UInt64 {
        var next = UInt64.max
        for i in 0..<Self.lineCount where offAt[i] != 0 { next = min(next, offAt[i]) }
        if fault && running {
            let half = UInt64(max(1, settings.faultBlinkMilliseconds)) * 500_000
            let elapsed = now &- blinkPhaseStart
            next = min(next, blinkPhaseStart &+ (elapsed / half + 1) * half)
        }
        return next
    }

    /// Whether `line` is wanted on now.
    public func isOn(_ line: FeedbackLine) -> Bool { wanted[line.rawValue] }

    /// Pushes the levels that changed since the last call to `output`.
    public func apply<Output: FeedbackOutput>(to output: Output) {
        for line in FeedbackLine.allCases {
            let i = line.rawValue
            if applied[i] != wanted[i] {
                output.set(line, on: wanted[i])
                applied[i] = wanted[i]
            }
        }
    }

    /// Forgets what was pushed, so that the next `apply` sets every line (after a reconfiguration).
    public func invalidateApplied() {
        for i in 0..<Self.lineCount { applied[i] = nil }
    }
}
