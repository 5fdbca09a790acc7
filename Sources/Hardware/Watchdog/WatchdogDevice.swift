import CLinux
import Glibc

/// The kernel's hardware watchdog (`/dev/watchdog`, linux/watchdog.h) for boards that run the
/// scanner without systemd: once opened it must be written to within its timeout, or the board is
/// reset. Closing it disarms it only after the magic character `V` was written ("magic close"), so
/// a crash or a kill — which closes the descriptor without the `V` — still ends in a reset.
///
/// Opening it is the one place the scanner opens a device node for writing besides the serial port;
/// it is a device, never a file, and only when `[watchdog] device` names it.
public final class WatchdogDevice {
    public let path: String
    /// The timeout in force: what the driver reports after the request, else the requested one
    /// (drivers without `WDIOC_SETTIMEOUT`, a FIFO in tests).
    public private(set) var timeoutSeconds: Int
    /// Pings that could not be written.
    public private(set) var failedPings = 0
    private var descriptor: Int32
    private var keepAliveByte: UInt8 = UInt8(ascii: "k")

    // _IOR/_IOWR('W', n, int) from linux/watchdog.h: Swift does not import the function-like macros.
    static let setTimeoutRequest: UInt = 0xC004_5706 // WDIOC_SETTIMEOUT
    static let getTimeoutRequest: UInt = 0x8004_5707 // WDIOC_GETTIMEOUT

    public struct OpenError: Error, Equatable, CustomStringConvertible {
        public let path: String
        public let errno: Int32
        public var description: String {
            "cannot open watchdog \(path): \(String(cString: strerror(errno)))"
                + (errno == EBUSY ? " (another process, e.g. systemd's RuntimeWatchdogSec, holds it)" : "")
        }
    }

    /// Opens (and so arms) the watchdog and asks for `timeoutSeconds`.
    public init(path: String, timeoutSeconds: Int) throws(OpenError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OpenError(path: path, errno: errno) }
        descriptor = fd
        self.path = path
        var requested = Int32(clamping: timeoutSeconds)
        var effective = Int32(0)
        // The driver writes back the timeout it chose (it may round to what the hardware can do).
        if ioctl(fd, Self.setTimeoutRequest, &requested) == 0, requested > 0 {
            self.timeoutSeconds = Int(requested)
        } else if ioctl(fd, Self.getTimeoutRequest, &effective) == 0, effective > 0 {
            self.timeoutSeconds = Int(effective)
        } else {
            self.timeoutSeconds = timeoutSeconds
        }
    }

    deinit { close(magic: false) }

    /// Restarts the countdown (any write does). Allocates nothing.
    public func keepAlive() {
        guard descriptor >= 0 else { return }
        if write(descriptor, &keepAliveByte, 1) != 1 { failedPings &+= 1 }
    }

    /// Closes the device. With `magic`, writes `V` first so that the driver stops counting (a
    /// driver built with `nowayout` keeps counting regardless); without it, the reset follows.
    public func close(magic: Bool) {
        guard descriptor >= 0 else { return }
        if magic {
            var v = UInt8(ascii: "V")
            _ = write(descriptor, &v, 1)
        }
        Glibc.close(descriptor)
        descriptor = -1
    }
}
