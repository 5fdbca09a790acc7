import CLinux
import Glibc

/// A crash must not leave behind what the scanner held — frames, decoded data — in a core dump on
/// disk or in systemd-coredump's store.
public enum CoreDumps {
    /// Sets the core file size limit to zero (honoured by the kernel and by systemd-coredump) and
    /// marks the process not dumpable (the kernel then writes no core at all, not even to a pipe).
    /// Returns false if either could not be set.
    @discardableResult
    public static func disable() -> Bool {
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        let limited = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &none) == 0
        return lumascan_set_dumpable(0) == 0 && limited
    }
}
