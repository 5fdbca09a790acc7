/// When frames are decoded and which reads are sent (the `[scan]` table).
public struct ScanSettings: Equatable, Sendable {
    /// What starts a read cycle.
    public enum Mode: String, CaseIterable, Sendable {
        /// Presentation scanning: every frame is decoded and reads are sent as codes come by. Trigger
        /// commands still open read cycles (Honeywell's SYN T in every mode).
        case continuous
        /// A read cycle opens on the trigger-on command and closes on trigger-off, a read, or its timeout.
        case serial
        /// A read cycle opens on the trigger input (photo-eye); `gpioTrigger` says how it closes.
        case gpio
    }

    /// When a read cycle ends (besides trigger off and its timeout).
    public enum Cycle: String, CaseIterable, Sendable {
        /// At the first frame with a code: that frame's codes are the read.
        case firstRead = "first-read"
        /// When `collectCount` distinct codes were seen: they are sent as one read.
        case collect
        /// Only at trigger off or timeout: every distinct code seen is sent as one read.
        case fullWindow = "full-window"
    }

    /// How the trigger input drives a read cycle in `gpio` mode.
    public enum GPIOTrigger: String, CaseIterable, Sendable {
        /// The input becoming active opens a cycle; going inactive does nothing.
        case edge
        /// The cycle lasts while the input is active (and at most `windowMilliseconds`).
        case level
    }

    public var mode: Mode
    /// Same-code suppression window in milliseconds (continuous reads); 0 sends every read.
    public var duplicateMilliseconds: Int
    /// Codes sent per read at most (the rest of a frame's codes are counted as dropped).
    public var maxCodesPerRead: Int
    /// A read cycle's timeout; 0: no timeout (until trigger off).
    public var windowMilliseconds: Int
    public var cycle: Cycle
    /// Distinct codes a `collect` cycle waits for.
    public var collectCount: Int
    public var gpioTrigger: GPIOTrigger
    /// Sent when a read cycle ends without a code; nil: the protocol's default (`NOREAD`, Keyence
    /// `ERROR`); empty: nothing is sent.
    public var noRead: [UInt8]?

    public init(mode: Mode = .continuous, duplicateMilliseconds: Int = 500, maxCodesPerRead: Int = 16,
                windowMilliseconds: Int = 1000, cycle: Cycle = .firstRead, collectCount: Int = 2,
                gpioTrigger: GPIOTrigger = .edge, noRead: [UInt8]? = nil) {
        self.mode = mode
        self.duplicateMilliseconds = duplicateMilliseconds
        self.maxCodesPerRead = maxCodesPerRead
        self.windowMilliseconds = windowMilliseconds
        self.cycle = cycle
        self.collectCount = collectCount
        self.gpioTrigger = gpioTrigger
        self.noRead = noRead
    }
}
