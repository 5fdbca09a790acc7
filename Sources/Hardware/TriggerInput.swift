/// One debounced change of a trigger input (a photo-eye, a push button).
public struct TriggerEdge: Sendable, Equatable {
    /// The input became active (`true`: object present / button pressed) or inactive. Polarity
    /// (active-low or active-high wiring) is already applied.
    public var isActive: Bool
    /// When the change happened: the kernel's event timestamp when it has one, in nanoseconds of
    /// `CLOCK_MONOTONIC` (the clock of `Frame.timestampNanoseconds`).
    public var timestampNanoseconds: UInt64

    public init(isActive: Bool, timestampNanoseconds: UInt64) {
        self.isActive = isActive
        self.timestampNanoseconds = timestampNanoseconds
    }
}

/// A trigger input: edges with timestamps, read without blocking.
///
/// The scan loop waits on `pollDescriptor` together with its other descriptors, then drains
/// `nextEdge()` until it returns nil. Level-triggered and edge-triggered read cycles are both built from
/// these edges plus `isActive` (the level at start-up). Debouncing is the implementation's business:
/// edges it reports are already debounced. Nothing here allocates or throws.
public protocol TriggerInput: AnyObject {
    /// A descriptor that becomes readable when an edge is pending; -1 if the input must be polled by
    /// calling `nextEdge()` (then the loop calls it at least once per iteration).
    var pollDescriptor: Int32 { get }

    /// The current debounced level.
    var isActive: Bool { get }

    /// The next pending edge, or nil when none is pending. Never blocks.
    func nextEdge() -> TriggerEdge?
}

/// No trigger input (continuous scanning, or a trigger that comes over the serial line).
public final class NoTrigger: TriggerInput {
    public init() {}
    public var pollDescriptor: Int32 { -1 }
    public var isActive: Bool { false }
    public func nextEdge() -> TriggerEdge? { nil }
}
