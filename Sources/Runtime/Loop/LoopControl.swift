/// How a `ScanLoop.run` ends, set by its driver (the command, a test, the benchmark).
public final class LoopControl {
    /// Set to stop at the next iteration (tests; the driver after SIGTERM).
    public var stopRequested = false
    /// Stop after this many frames (tests, the soak run, the benchmark).
    public var maxFrames: UInt64 = .max
    /// Stop at this `CLOCK_MONOTONIC` time (`--once` with a timeout).
    public var deadline: UInt64 = .max
    /// Stop once a read has been sent and written (`--once`).
    public var stopAfterFirstRead = false
    /// A descriptor the loop also waits on; when it becomes readable, `run` returns `.woken` so the
    /// driver can act (the command's signalfd: SIGTERM, SIGINT, SIGHUP). -1 for none.
    public var wakeDescriptor: Int32 = -1

    public init() {}
}

/// Why `ScanLoop.run` returned.
public enum StopReason: Equatable, Sendable {
    case stopRequested
    case frameLimit
    /// The source has no more frames (a replay that does not loop).
    case sourceEnded
    /// `stopAfterFirstRead` and a read went out.
    case firstRead
    /// `deadline` passed.
    case timedOut
    /// `wakeDescriptor` became readable.
    case woken
    /// The link is gone for good (stdout closed by the reader of a pipe).
    case linkFinished
}
