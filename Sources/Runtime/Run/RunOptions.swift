/// How `lumascan run` runs, beside the configuration.
public struct RunOptions: Sendable {
    /// The configuration file read again on SIGHUP (nil: defaults only, nothing to reload).
    public var configPath: String?
    public var overrides = ConfigOverrides()
    /// Exit after the first read (status 0), or with `timedOut` when `timeoutSeconds` pass first.
    public var once = false
    public var timeoutSeconds: Double?
    /// Stop after this many frames (tests, measurements).
    public var maxFrames: UInt64?
    /// No start-up and summary lines on stderr.
    public var quiet = false

    public init() {}
}

/// How a run ended; the command maps it to an exit status.
public enum RunOutcome: Equatable, Sendable {
    /// Stopped by SIGTERM/SIGINT, a frame limit, or the end of a replay.
    case stopped
    /// `--once`: a read was sent.
    case readOnce
    /// `--once`: the timeout passed without a read.
    case timedOut
    /// The source or the serial port could not be opened.
    case unavailable(String)
}
