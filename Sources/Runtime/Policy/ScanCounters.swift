/// What the loop has done since start (or the last counter reset): for the shutdown summary, the
/// benchmark, and status replies.
public struct ScanCounters: Sendable, Equatable {
    /// Frames taken from the source, and frames decoded (in continuous mode every frame is decoded).
    public var frames: UInt64 = 0
    public var framesDecoded: UInt64 = 0
    /// Frames in which the source reported skipped sequence numbers, and how many were skipped.
    public var framesSkipped: UInt64 = 0
    /// Symbols the decoder found, symbols it had no slot for.
    public var symbolsFound: UInt64 = 0
    public var symbolsDropped: UInt64 = 0
    /// Reads sent (messages with at least one code) and codes in them.
    public var readsSent: UInt64 = 0
    public var codesSent: UInt64 = 0
    /// Codes held back by same-code suppression.
    public var duplicatesSuppressed: UInt64 = 0
    /// Messages that did not fit the output buffer, and messages the link refused (queue full, closed).
    public var messagesOversized: UInt64 = 0
    public var messagesDropped: UInt64 = 0
    /// Times the frame source reported the device gone.
    public var sourceDisconnects: UInt64 = 0
    /// Read cycles opened (trigger commands, trigger input), and those that ended without a code.
    public var triggers: UInt64 = 0
    public var noReads: UInt64 = 0
    /// Match-code mode: reads that matched the expected content, and reads that did not.
    public var matches: UInt64 = 0
    public var mismatches: UInt64 = 0
    /// Command lines received, and those answered with an error (unknown, too long, bad checksum).
    public var commands: UInt64 = 0
    public var commandErrors: UInt64 = 0
    /// Replies not sent: error replies beyond the rate limit (a flood of garbage), or no room left.
    public var repliesDropped: UInt64 = 0

    public init() {}
}
