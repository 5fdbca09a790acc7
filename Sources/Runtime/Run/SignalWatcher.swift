import CLinux
import Glibc

/// SIGTERM, SIGINT and SIGHUP as readable events on a descriptor (signalfd), so the scan loop waits
/// for them in its one `poll(2)` and handles them in its own thread, with no handler and no global
/// state. SIGPIPE is ignored: a closed pipe on stdout is an error return, not a death.
public final class SignalWatcher {
    public enum Event: Equatable, Sendable {
        /// SIGTERM or SIGINT: stop cleanly.
        case stop(signal: Int32)
        /// SIGHUP: read the configuration again.
        case reload
    }

    public let descriptor: Int32
    private var previousMask = sigset_t()

    /// Blocks the signals for normal delivery and opens the descriptor. Call before starting threads.
    public init?() {
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGTERM)
        sigaddset(&mask, SIGINT)
        sigaddset(&mask, SIGHUP)
        // Exactly these blocked: a mask inherited from the parent (strace, a test runner) would
        // otherwise keep SIGABRT — systemd's watchdog signal — or SIGSEGV from ending the process.
        guard sigprocmask(SIG_SETMASK, &mask, &previousMask) == 0 else { return nil }
        let fd = signalfd(-1, &mask, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
        guard fd >= 0 else {
            sigprocmask(SIG_SETMASK, &previousMask, nil)
            return nil
        }
        descriptor = fd
        signal(SIGPIPE, SIG_IGN)
    }

    deinit {
        close(descriptor)
        sigprocmask(SIG_SETMASK, &previousMask, nil)
    }

    /// The next pending signal, or nil.
    public func next() -> Event? {
        var info = signalfd_siginfo()
        while true {
            let n = read(descriptor, &info, MemoryLayout<signalfd_siginfo>.size)
            if n < 0, errno == EINTR { continue }
            guard n == MemoryLayout<signalfd_siginfo>.size else { return nil }
            let signo = Int32(info.ssi_signo)
            if signo == SIGHUP { return .reload }
            if signo == SIGTERM || signo == SIGINT { return .stop(signal: signo) }
        }
    }
}
