/// Pauses between attempts to reopen a device that went away: 100 ms, doubling up to a ceiling, so
/// that a camera plugged back in is found within a second or two while a missing one costs little.
public struct ReconnectBackoff: Equatable, Sendable {
    public let firstNanoseconds: UInt64
    public let maximumNanoseconds: UInt64
    private var current: UInt64
    /// Attempts since the device went away.
    public private(set) var attempts = 0

    public init(firstMilliseconds: Int = 100, maximumMilliseconds: Int) {
        firstNanoseconds = UInt64(max(1, firstMilliseconds)) * 1_000_000
        maximumNanoseconds = max(firstNanoseconds, UInt64(max(1, maximumMilliseconds)) * 1_000_000)
        current = firstNanoseconds
    }

    /// The pause before the next attempt; each call doubles the following one, up to the ceiling.
    public mutating func nextDelay() -> UInt64 {
        let d = current
        current = min(maximumNanoseconds, current &* 2)
        attempts += 1
        return d
    }

    /// The device is back: the next loss starts again from the first pause.
    public mutating func reset() {
        current = firstNanoseconds
        attempts = 0
    }
}
