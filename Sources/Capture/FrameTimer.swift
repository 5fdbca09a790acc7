import CLinux
import Glibc

/// A periodic timer on a `timerfd` (CLOCK_MONOTONIC) that paces replayed and demo frames like a
/// camera: its descriptor becomes readable at each frame time, so the scan loop waits on it with
/// `poll(2)` like on a V4L2 device. Ticks the loop was too slow to take are counted, not queued:
/// the next frame is always the current one.
final class FrameTimer {
    let intervalNanoseconds: UInt64
    private(set) var descriptor: Int32 = -1
    private var startTime: UInt64 = 0
    /// Ticks since start, and the time of the last one.
    private(set) var ticks: UInt64 = 0

    init(fps: Double) {
        intervalNanoseconds = UInt64((1e9 / max(fps, 0.001)).rounded())
    }

    /// Creates and arms the timer; the first tick is one interval from now.
    func start() throws(CaptureError) {
        stop()
        let fd = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        guard fd >= 0 else { throw CaptureError("cannot create a frame timer: " + String(cString: strerror(errno))) }
        var spec = itimerspec()
        spec.it_interval = timespec(tv_sec: Int(intervalNanoseconds / 1_000_000_000),
                                    tv_nsec: Int(intervalNanoseconds % 1_000_000_000))
        spec.it_value = spec.it_interval
        guard timerfd_settime(fd, 0, &spec, nil) == 0 else {
            close(fd)
            throw CaptureError("cannot arm the frame timer: " + String(cString: strerror(errno)))
        }
        descriptor = fd
        startTime = MonotonicClock.nanoseconds()
        ticks = 0
    }

    func stop() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    /// Waits up to `timeoutNanoseconds` for the next tick. Returns how many ticks passed (0 on timeout).
    func wait(timeoutNanoseconds: UInt64) -> UInt64 {
        guard descriptor >= 0 else { return 0 }
        var expirations: UInt64 = 0
        var n = read(descriptor, &expirations, 8)
        if n != 8 && timeoutNanoseconds > 0 {
            var p = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, Int32(min((timeoutNanoseconds + 999_999) / 1_000_000, 60_000)))
            n = read(descriptor, &expirations, 8)
        }
        guard n == 8 else { return 0 }
        ticks &+= expirations
        return expirations
    }

    /// When the last tick was due: the frame's "capture" time.
    var lastTickTime: UInt64 { startTime &+ ticks &* intervalNanoseconds }
}

/// Why a frame source could not start. Cold path only: frames report `FrameStatus`, never errors.
public struct CaptureError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
