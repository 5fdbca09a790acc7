/// Debounces a trigger input without delaying it: the first change is reported at once (a photo-eye
/// edge must start the read cycle now, not 20 ms later), then changes are ignored for `window`; when
/// the window ends and the input settled at the other level (a bounce, or a pulse shorter than the
/// window), that level is reported then. So contact bounce gives one edge, a short pulse gives two,
/// and the reported level always ends equal to the input's.
///
/// Pure and allocation-free: raw edges and the time go in, debounced edges come out.
public struct TriggerDebouncer: Equatable, Sendable {
    public let windowNanoseconds: UInt64
    /// The level last reported.
    public private(set) var level: Bool
    /// The input's level as last seen (raw).
    public private(set) var rawLevel: Bool
    private var quietUntil: UInt64 = 0

    public init(windowNanoseconds: UInt64, initialLevel: Bool) {
        self.windowNanoseconds = windowNanoseconds
        level = initialLevel
        rawLevel = initialLevel
    }

    /// A raw edge at `time`: returns the edge to report now, if any.
    public mutating func rawEdge(active: Bool, at time: UInt64) -> TriggerEdge? {
        rawLevel = active
        guard active != level, time >= quietUntil else { return nil }
        return report(active, at: time)
    }

    /// When `timeReached` must run, or nil when nothing is pending.
    public var deadline: UInt64? { rawLevel != level ? quietUntil : nil }

    /// Time passed: reports the settled level if the quiet window is over and it differs.
    public mutating func timeReached(_ now: UInt64) -> TriggerEdge? {
        guard rawLevel != level, now >= quietUntil else { return nil }
        return report(rawLevel, at: now)
    }

    private mutating func report(_ active: Bool, at time: UInt64) -> TriggerEdge {
        level = active
        quietUntil = time &+ windowNanoseconds
        return TriggerEdge(isActive: active, timestampNanoseconds: time)
    }
}
