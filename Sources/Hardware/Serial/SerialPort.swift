import CLinux
import Glibc

/// A serial line that never stalls its caller: a termios device opened non-blocking with a bounded
/// transmit queue, reopened when a USB adapter is unplugged and comes back; or, for the demo, the
/// process's standard output (and input).
///
/// Output is queued whole-message-or-nothing (`send`) and written by `service` as far as the device
/// takes it. When the device is lost (a write or read fails with anything but EAGAIN, or the line hangs
/// up), the queue is dropped and counted, the descriptor closed, and `service` tries to open the same
/// path again every `reopenIntervalNanoseconds`. Nothing allocates after `init`.
public final class SerialPort: ByteSink, ByteSource {
    /// What the port talks to.
    public enum Endpoint: Equatable, Sendable {
        /// A tty device path (`/dev/serial0`, `/dev/ttyUSB0`, a pty's `/dev/pts/N`) with line settings.
        case device(path: String, settings: SerialSettings)
        /// Descriptors the process already has (stdout, stdin: -1 for none). Not reopened, and their
        /// file flags are not changed (they are shared with the shell): writes wait for POLLOUT first and
        /// go in chunks small enough never to block.
        case descriptors(output: Int32, input: Int32)
    }

    public let endpoint: Endpoint
    public let reopenIntervalNanoseconds: UInt64
    public private(set) var counters = LinkCounters()
    /// The errno of the last failure (open, configure, write, read), 0 when none: for status reports.
    public private(set) var lastErrno: Int32 = 0

    private let system: PortSystemCalls
    private var queue: ByteQueue
    private let path: ContiguousArray<CChar>
    private let settings: SerialSettings
    private var outputFD: Int32 = -1
    private var inputFD: Int32 = -1
    private var nextReopen: UInt64 = 0
    private var nextHangupCheck: UInt64 = 0
    private var isBorrowed: Bool { if case .descriptors = endpoint { true } else { false } }

    /// Writes to borrowed descriptors go in chunks no larger than this after POLLOUT: a tty reports
    /// POLLOUT with at least 256 bytes of room, a pipe with at least a page.
    private static let borrowedChunk = 256
    private static let hangupCheckInterval: UInt64 = 250_000_000

    /// - Parameters:
    ///   - queueCapacity: bytes the transmit queue holds (a message larger than this is never sent).
    ///   - reopenIntervalNanoseconds: pause between attempts to reopen a lost device.
    public init(endpoint: Endpoint, queueCapacity: Int = 16384, reopenIntervalNanoseconds: UInt64 = 1_000_000_000,
                system: PortSystemCalls = .linux) {
        self.endpoint = endpoint
        self.reopenIntervalNanoseconds = reopenIntervalNanoseconds
        self.system = system
        queue = ByteQueue(capacity: queueCapacity)
        switch endpoint {
        case .device(let path, let settings):
            self.path = ContiguousArray(path.utf8CString)
            self.settings = settings
        case .descriptors(let output, let input):
            self.path = [0]
            settings = SerialSettings()
            outputFD = output
            inputFD = input
        }
    }

    deinit { close() }

    /// Whether the device is open now.
    public var isOpen: Bool { outputFD >= 0 }

    /// Opens and configures the device (a no-op for borrowed descriptors). Cold path.
    public func open() throws(SerialPortError) {
        guard !isBorrowed, outputFD < 0 else { return }
        let r = openDevice()
        if r.code != 0 { throw SerialPortError(path: pathString, errno: -r.code, step: r.step) }
    }

    /// Closes the device; queued bytes are discarded (call `drain` first to send them).
    public func close() {
        queue.removeAll()
        if !isBorrowed, outputFD >= 0 { _ = system.close(outputFD) }
        outputFD = -1
        inputFD = -1
    }

    // MARK: ByteSink

    public var pollDescriptor: Int32 { outputFD }
    public var isFinished: Bool { isBorrowed && outputFD < 0 }
    public var queuedByteCount: Int { queue.count }

    public func send(_ message: UnsafeRawBufferPointer) -> SendStatus {
        guard outputFD >= 0 else {
            counters.droppedMessages &+= 1
            counters.droppedBytes &+= UInt64(message.count)
            return .closed
        }
        guard queue.append(message) else {
            counters.droppedMessages &+= 1
            counters.droppedBytes &+= UInt64(message.count)
            return .dropped
        }
        counters.queuedMessages &+= 1
        counters.queuedBytes &+= UInt64(message.count)
        return .queued
    }

    public func service(nowNanoseconds now: UInt64) {
        if outputFD < 0 {
            if !isBorrowed, now >= nextReopen { reopen(now: now) }
            return
        }
        if queue.isEmpty {
            if !isBorrowed, now >= nextHangupCheck { checkHangup(now: now) }
            return
        }
        writeQueued(now: now)
    }

    public func drain(timeoutNanoseconds: UInt64) {
        let start = MonotonicNanos.now()
        while outputFD >= 0 {
            let now = MonotonicNanos.now()
            service(nowNanoseconds: now)
            let elapsed = now &- start
            if elapsed >= timeoutNanoseconds { return }
            if queue.isEmpty {
                // Queued bytes are in the kernel: wait until the UART has shifted them out.
                if isBorrowed { return }
                let pending = system.outputQueueCount(outputFD)
                if pending <= 0 { return }
                usleep(2000)
            } else {
                let ms = Int32(min((timeoutNanoseconds - elapsed) / 1_000_000 + 1, 50))
                _ = system.pollOne(outputFD, Int16(POLLOUT), ms)
            }
        }
    }

    // MARK: ByteSource

    public var receiveDescriptor: Int32 { inputFD }

    public func receive(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard inputFD >= 0, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let n = system.read(inputFD, base, buffer.count)
        if n > 0 {
            counters.receivedBytes &+= UInt64(n)
            return n
        }
        if n == 0 {
            // A borrowed input (stdin) at end of file has nothing more to say; a tty in raw mode with
            // VMIN = 0 answers 0 when nothing is pending.
            if isBorrowed { inputFD = -1 }
            return 0
        }
        let e = Int32(-n)
        if e == EAGAIN || e == EWOULDBLOCK { return 0 }
        lastErrno = e
        if isBorrowed { inputFD = -1 } else { lose(now: MonotonicNanos.now()) }
        return 0
    }

    // MARK: Internals

    private var pathString: String {
        path.withUnsafeBufferPointer { String(cString: $0.baseAddress.unsafelyUnwrapped) }
    }

    /// Opens and configures the device path; 0 or a failure with its step.
    private func openDevice() -> (code: Int32, step: SerialPortError.Step) {
        let flags = O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC
        let fd = path.withUnsafeBufferPointer { system.open($0.baseAddress.unsafelyUnwrapped, flags) }
        guard fd >= 0 else { return (fd, .open) }
        var t = termios()
        var r = system.getAttributes(fd, &t)
        if r == 0 {
            if let raw = TermiosMapping.apply(settings, to: t) {
                t = raw
                r = system.setAttributes(fd, &t)
                if r != 0 { _ = system.close(fd); return (r, .configure) }
            } else {
                _ = system.close(fd)
                return (-EINVAL, .configure)
            }
        } else {
            _ = system.close(fd)
            return (r, .configure)
        }
        outputFD = fd
        inputFD = fd
        return (0, .open)
    }

    private func reopen(now: UInt64) {
        nextReopen = now &+ reopenIntervalNanoseconds
        let r = openDevice()
        if r.code == 0 {
            counters.reopens &+= 1
            lastErrno = 0
        } else {
            lastErrno = -r.code
        }
    }

    private func writeQueued(now: UInt64) {
        while !queue.isEmpty, outputFD >= 0 {
            let region = queue.readableRegion
            var count = region.count
            if isBorrowed {
                let revents = system.pollOne(outputFD, Int16(POLLOUT), 0)
                if revents < 0 || Int32(revents) & Int32(POLLERR | POLLHUP | POLLNVAL) != 0 {
                    lose(now: now)
                    return
                }
                if Int32(revents) & Int32(POLLOUT) == 0 { return }
                count = min(count, Self.borrowedChunk)
            }
            let n = system.write(outputFD, region.baseAddress.unsafelyUnwrapped, count)
            if n > 0 {
                queue.consume(n)
                counters.writtenBytes &+= UInt64(n)
                continue
            }
            let e = Int32(-n)
            if n == 0 || e == EAGAIN || e == EWOULDBLOCK { return }
            lastErrno = e
            lose(now: now)
            return
        }
    }

    private func checkHangup(now: UInt64) {
        nextHangupCheck = now &+ Self.hangupCheckInterval
        let revents = system.pollOne(outputFD, 0, 0)
        if revents < 0 || Int32(revents) & Int32(POLLERR | POLLHUP | POLLNVAL) != 0 {
            lastErrno = revents < 0 ? -revents : EIO
            lose(now: now)
        }
    }

    /// The device is gone: drop what is queued, close, and try again later.
    private func lose(now: UInt64) {
        counters.disconnects &+= 1
        counters.droppedBytes &+= UInt64(queue.count)
        queue.removeAll()
        if !isBorrowed, outputFD >= 0 { _ = system.close(outputFD) }
        outputFD = -1
        inputFD = -1
        nextReopen = now &+ reopenIntervalNanoseconds
    }
}

/// Why a serial port could not be opened at start-up.
public struct SerialPortError: Error, CustomStringConvertible {
    public enum Step: Sendable { case open, configure }
    public let path: String
    public let errno: Int32
    public let step: Step

    public var description: String {
        let reason = String(cString: strerror(errno))
        switch step {
        case .open: return "cannot open serial port \(path): \(reason)"
        case .configure: return "cannot configure serial port \(path) (is it a terminal device?): \(reason)"
        }
    }
}

/// CLOCK_MONOTONIC in nanoseconds (Hardware does not depend on Capture's `MonotonicClock`).
enum MonotonicNanos {
    @inline(__always)
    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
    }
}
