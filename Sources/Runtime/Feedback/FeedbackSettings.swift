/// Feedback timings (the `[feedback]` table): how long each pulse lasts, and when the light is on.
public struct FeedbackSettings: Equatable, Sendable {
    public enum Illumination: String, CaseIterable, Sendable {
        /// `always` in continuous mode, `window` in the triggered modes.
        case auto
        /// On while the scanner runs.
        case always
        /// On only during a read cycle (trigger window).
        case window
        /// Never switched on.
        case off
    }

    /// Green LED after a good read; 0 disables.
    public var goodReadMilliseconds: Int
    /// Red LED after a no-read; 0 disables.
    public var noReadMilliseconds: Int
    /// Buzzer after a good read; 0 disables.
    public var buzzerMilliseconds: Int
    public var illumination: Illumination
    /// Blink period of the status LED on a fault (camera or serial port gone).
    public var faultBlinkMilliseconds: Int
    /// Match output pulse after a read that matched (match-code mode); 0 disables.
    public var matchMilliseconds: Int

    public init(goodReadMilliseconds: Int = 100, noReadMilliseconds: Int = 300, buzzerMilliseconds: Int = 50,
                illumination: Illumination = .auto, faultBlinkMilliseconds: Int = 250, matchMilliseconds: Int = 200) {
        self.goodReadMilliseconds = goodReadMilliseconds
        self.noReadMilliseconds = noReadMilliseconds
        self.buzzerMilliseconds = buzzerMilliseconds
        self.illumination = illumination
        self.faultBlinkMilliseconds = faultBlinkMilliseconds
        self.matchMilliseconds = matchMilliseconds
    }
}
