import CGPIOD
import CLinux
import Glibc

/// A trigger input (photo-eye, push button) on a GPIO line with edge events, bias and debounce.
///
/// The scan loop waits on one descriptor: an epoll set holding the line's event descriptor and a
/// timerfd that fires when the debounce window ends with the input at the other level. `nextEdge()`
/// reads raw events one at a time (no allocation), applies polarity and `TriggerDebouncer`, and
/// re-arms the timer. Timestamps are the kernel's (CLOCK_MONOTONIC), so a trigger edge and a frame
/// are on one clock.
public final class GPIOTrigger: TriggerInput {
    public let chip: GPIOChip
    public let offset: Int
    /// The input is active when low (an NPN photo-eye or a button to ground, with a pull-up).
    public let activeLow: Bool
    private var request: UnsafeMutablePointer<lumascan_gpio_request>?
    private var debouncer: TriggerDebouncer
    private var epollFD: Int32 = -1
    private var timerFD: Int32 = -1
    /// Raw edges read from the kernel (before debouncing).
    public private(set) var rawEdges: UInt64 = 0

    public init(chip: GPIOChip, line: GPIOLineSpec, activeLow: Bool, bias: GPIOBias, debounceMilliseconds: Int,
                consumer: String = "lumascan-trigger") throws(GPIOError) {
        self.chip = chip
        self.activeLow = activeLow
        guard let offset = try chip.offset(of: line, role: "trigger_line") else {
            throw GPIOError("[gpio] trigger_line is not set")
        }
        self.offset = offset
        let biasCode: Int32 = switch bias {
        case .asIs: 0
        case .disabled: 1
        case .pullUp: 2
        case .pullDown: 3
        }
        guard let r = lumascan_gpio_request_edges(chip.handle, UInt32(offset), consumer, biasCode) else {
            throw GPIOError("GPIO \(chip.name) line \(offset) (trigger): cannot request edge events: "
                + String(cString: strerror(errno)) + (errno == EBUSY ? " (another program or driver holds it)" : ""))
        }
        request = r
        let raw = lumascan_gpio_get(r)
        debouncer = TriggerDebouncer(windowNanoseconds: UInt64(max(0, debounceMilliseconds)) * 1_000_000,
                                     initialLevel: raw >= 0 && (raw == 1) != activeLow)
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        timerFD = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        guard epollFD >= 0, timerFD >= 0, add(lumascan_gpio_fd(r)), add(timerFD) else {
            let e = errno
            release()
            throw GPIOError("trigger: cannot set up event polling: \(String(cString: strerror(e)))")
        }
    }

    private func add(_ fd: Int32) -> Bool {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = fd
        return epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0
    }

    deinit { release() }

    public var pollDescriptor: Int32 { epollFD }

    public var isActive: Bool { debouncer.level }

    public func nextEdge() -> TriggerEdge? {
        guard let r = request else { return nil }
        let now = MonotonicNanos.now()
        var edge = debouncer.timeReached(now)
        var rising = false
        var timestamp: UInt64 = 0
        while edge == nil, lumascan_gpio_read_event(r, &rising, &timestamp) == 1 {
            rawEdges &+= 1
            edge = debouncer.rawEdge(active: rising != activeLow, at: min(timestamp, now))
        }
        armTimer(now: now)
        return edge
    }

    /// Clears the timer and arms it for the debouncer's deadline, if any.
    private func armTimer(now: UInt64) {
        var expirations: UInt64 = 0
        _ = read(timerFD, &expirations, 8)
        var spec = itimerspec()
        if let deadline = debouncer.deadline {
            let delay = max(deadline > now ? deadline - now : 0, 1000) // 0 would disarm it
            spec.it_value = timespec(tv_sec: Int(delay / 1_000_000_000), tv_nsec: Int(delay % 1_000_000_000))
        }
        _ = timerfd_settime(timerFD, 0, &spec, nil)
    }

    /// Gives the line back and closes the descriptors. Safe to call more than once.
    public func release() {
        if let r = request { lumascan_gpio_release(r) }
        request = nil
        if epollFD >= 0 { close(epollFD) }
        if timerFD >= 0 { close(timerFD) }
        epollFD = -1
        timerFD = -1
    }
}
