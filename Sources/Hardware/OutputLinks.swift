import CLinux
import Glibc

/// Every link a read goes out on, as one `ByteSink & ByteSource` for the scan loop: the serial port
/// (UART or stdout), and on boards in USB device mode the gadget's CDC-ACM port (`/dev/ttyGS0`, which
/// gets the same bytes) and its keyboard wedge (which types reads its own way: it is serviced here, and
/// fed by the runtime's keyboard encoder, not by `send`).
///
/// The loop polls one descriptor for input: with USB links that is an epoll(7) descriptor holding the
/// links' descriptors — readable when the serial port or the USB port received bytes, or when a USB
/// link that has output waiting can write. Registrations follow the links as they reopen and as their
/// queues fill and empty (epoll_ctl only on a change; nothing allocates after init). A link whose line
/// hung up is taken out until it has reopened, so a dead line never keeps the loop spinning.
public final class OutputLinks: ByteSink, ByteSource {
    public let primary: SerialPort
    /// No serial line (`[serial] device = "none"`): `primary` is a placeholder that is never written.
    public let discardsPrimary: Bool
    public let usbSerial: SerialPort?
    public let keyboard: KeyboardWedge?

    private let epollFD: Int32
    private let events: UnsafeMutablePointer<epoll_event>
    /// Per slot (primary input, USB serial, keyboard): what is registered now.
    private var registered: [Registration]
    private var hungUntil: UInt64 = .max

    private struct Registration {
        var fd: Int32 = -1
        var events: UInt32 = 0
        /// The link's disconnect + reopen count when registered: a change means a new descriptor, even
        /// when its number is the same.
        var generation: UInt64 = 0
        /// The generation that hung up (not registered again until the link reopened).
        var hungGeneration: UInt64 = .max
    }

    private static let hangupRecheck: UInt64 = 250_000_000

    public init(primary: SerialPort, usbSerial: SerialPort? = nil, keyboard: KeyboardWedge? = nil) {
        self.primary = primary
        discardsPrimary = false
        self.usbSerial = usbSerial
        self.keyboard = keyboard
        epollFD = usbSerial == nil && keyboard == nil ? -1 : epoll_create1(Int32(EPOLL_CLOEXEC))
        events = UnsafeMutablePointer<epoll_event>.allocate(capacity: 8)
        registered = [Registration](repeating: Registration(), count: 3)
    }

    /// Links without a serial line: only the USB ones (or none at all).
    public init(usbSerial: SerialPort?, keyboard: KeyboardWedge?) {
        primary = SerialPort(endpoint: .descriptors(output: -1, input: -1), queueCapacity: 1)
        discardsPrimary = true
        self.usbSerial = usbSerial
        self.keyboard = keyboard
        // Always an epoll descriptor: it stands in for the serial line's (a negative one means "lost").
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        events = UnsafeMutablePointer<epoll_event>.allocate(capacity: 8)
        registered = [Registration](repeating: Registration(), count: 3)
    }

    deinit {
        if epollFD >= 0 { Glibc.close(epollFD) }
        events.deallocate()
    }

    /// Whether there are USB links beside the serial port.
    public var hasUSB: Bool { epollFD >= 0 }

    // MARK: ByteSink (the serial port's descriptor and queue are the loop's to watch)

    public var pollDescriptor: Int32 { discardsPrimary ? epollFD : primary.pollDescriptor }
    public var queuedByteCount: Int { discardsPrimary ? 0 : primary.queuedByteCount }
    public var counters: LinkCounters { primary.counters }
    public var isFinished: Bool { discardsPrimary ? false : primary.isFinished }

    public var nextServiceNanoseconds: UInt64 {
        min(keyboard?.nextServiceNanoseconds ?? .max, hungUntil)
    }

    /// Queues the message on the serial port and the USB serial port; returns the serial port's status
    /// (the USB port counts its own drops).
    public func send(_ message: UnsafeRawBufferPointer) -> SendStatus {
        let usb = usbSerial?.send(message)
        if discardsPrimary { return usb ?? .queued }
        return primary.send(message)
    }

    public func service(nowNanoseconds now: UInt64) {
        if epollFD >= 0 { noteHangups(now: now) }
        if !discardsPrimary { primary.service(nowNanoseconds: now) }
        usbSerial?.service(nowNanoseconds: now)
        keyboard?.service(nowNanoseconds: now)
        if epollFD >= 0 { updateRegistrations() }
    }

    public func drain(timeoutNanoseconds: UInt64) {
        if !discardsPrimary { primary.drain(timeoutNanoseconds: timeoutNanoseconds) }
        usbSerial?.drain(timeoutNanoseconds: timeoutNanoseconds)
        keyboard?.drain(timeoutNanoseconds: timeoutNanoseconds)
    }

    /// Closes every link (queued bytes are discarded; `drain` first).
    public func close() {
        primary.close()
        usbSerial?.close()
        keyboard?.close()
    }

    // MARK: ByteSource: commands from the serial port and the USB serial port

    public var receiveDescriptor: Int32 {
        if epollFD >= 0 {
            updateRegistrations()
            return epollFD
        }
        return primary.receiveDescriptor
    }

    public func receive(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = discardsPrimary ? 0 : primary.receive(into: buffer)
        if n > 0 { return n }
        return usbSerial?.receive(into: buffer) ?? 0
    }

    // MARK: epoll bookkeeping

    private func generation(_ c: LinkCounters) -> UInt64 { c.disconnects &+ c.reopens }

    /// What slot `i` should have registered now: descriptor, events, generation.
    private func wanted(_ slot: Int) -> (Int32, UInt32, UInt64) {
        switch slot {
        case 0:
            if discardsPrimary { return (-1, 0, 0) }
            return (primary.receiveDescriptor, EPOLLIN.rawValue, generation(primary.counters))
        case 1:
            guard let u = usbSerial else { return (-1, 0, 0) }
            let out = u.queuedByteCount > 0 ? EPOLLOUT.rawValue : 0
            return (u.receiveDescriptor, EPOLLIN.rawValue | out, generation(u.counters))
        default:
            guard let k = keyboard, k.wantsWritable else { return (-1, 0, 0) }
            return (k.pollDescriptor, EPOLLOUT.rawValue, generation(k.counters))
        }
    }

    private func updateRegistrations() {
        for slot in 0..<3 {
            var (fd, want, gen) = wanted(slot)
            var r = registered[slot]
            if fd >= 0, gen == r.hungGeneration { fd = -1 }
            if r.fd == fd, r.events == want, r.generation == gen { continue }
            if r.fd >= 0 {
                if fd == r.fd, gen == r.generation {
                    var e = epoll_event(events: want, data: epoll_data_t(u32: UInt32(slot)))
                    if epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &e) == 0 {
                        r.events = want
                        registered[slot] = r
                        continue
                    }
                }
                // A closed descriptor has left the epoll set by itself; ENOENT/EBADF are expected.
                _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, r.fd, nil)
                r.fd = -1
            }
            if fd >= 0 {
                var e = epoll_event(events: want, data: epoll_data_t(u32: UInt32(slot)))
                if epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &e) == 0 { r.fd = fd }
            }
            r.events = want
            r.generation = gen
            registered[slot] = r
        }
    }

    /// Takes hung-up descriptors out of the set (epoll reports a hang-up whatever events were asked
    /// for, so a hung line would wake the loop at once, forever) until their link has reopened.
    private func noteHangups(now: UInt64) {
        if hungUntil != .max, now >= hungUntil { hungUntil = .max }
        let n = epoll_wait(epollFD, events, 8, 0)
        guard n > 0 else { return }
        for i in 0..<Int(n) {
            let e = events[i] // Safe: i < n <= 8.
            guard e.events & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 else { continue }
            let slot = Int(e.data.u32)
            guard slot < 3 else { continue }
            var r = registered[slot]
            if r.fd >= 0 { _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, r.fd, nil) }
            r.hungGeneration = r.generation
            r.fd = -1
            registered[slot] = r
            hungUntil = now &+ Self.hangupRecheck
        }
    }
}
