/// Feedback timings (the `[feedback]` table): how long each pulse lasts, and when the light is on.
public struct FeedbackSettings: Equatable, Sendable {
    public enum Illumination: String, CaseIterable, Sendable {
        /// On while the scanner runs (continuous mode).
        case always
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

    public init(goodReadMilliseconds: Int = 100, noReadMilliseconds: Int = 300, buzzerMilliseconds: Int = 50,
                illumination: Illumination = .always, faultBlinkMilliseconds: Int = 250) {
        self.goodReadMilliseconds = goodReadMilliseconds
        self.noReadMilliseconds = noReadMilliseconds
        self.buzzerMilliseconds = buzzerMilliseconds
        self.illumination = illumination
        self.faultBlinkMilliseconds = faultBlinkMilliseconds
    }
}
