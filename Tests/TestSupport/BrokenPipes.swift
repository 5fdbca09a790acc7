import Glibc

/// Tests write into pipes, FIFOs and socket pairs whose other end a test (or a child process) may have
/// closed already. By default that raises SIGPIPE, which ends the whole test process — every suite
/// with it. `lumascan` itself ignores SIGPIPE (SignalWatcher); the test process does the same, once,
/// from the constructors of the helpers that open such descriptors.
public enum BrokenPipes {
    private static let ignored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()

    /// Makes a write to a closed pipe or socket fail with EPIPE instead of killing the process.
    public static func ignore() {
        _ = ignored
    }
}
