import Glibc

/// Counters of the keyboard wedge, beside its `LinkCounters` (whose bytes are report bytes).
public struct KeyboardCounters: Sendable, Equatable {
    /// Keys pressed and released at the host.
    public var keysTyped: UInt64 = 0
    /// Characters left out because the layout has no key for them (see `UntypablePolicy`).
    public var untypableCharacters: UInt64 = 0
    /// Keys thrown away unsent: the queue was full, the host went away, the device was lost.
    public var droppedKeys: UInt64 = 0

    public init() {}
}

/// The keyboard wedge: types each message as key presses on a USB HID gadget (`/dev/hidgN`), the way a
/// handheld scanner types into whatever has focus on the PC.
///
/// `send` turns a message's text into keys (whole message or nothing) in a bounded queue allocated at
/// init; `service` writes press and release reports without blocking, one key at a time, pausing
/// `keyDelayNanoseconds` after each key. The gadget takes one report per host poll (EAGAIN until the
/// host has read the last), so a host that stops reading fills the queue and later messages are
/// dropped and counted — decoding never waits. With no host at all (cable out: ESHUTDOWN) the queue is
/// dropped; a vanished device is closed and reopened every `reopenIntervalNanoseconds`. The host's
/// Caps Lock LED is followed so that letters come out in the right case.
public final class KeyboardWedge: ByteSink {
    public let path: String
    public let encoder: KeystrokeEncoder
    public let keyDelayNanoseconds: UInt64
    public let reopenIntervalNanoseconds: UInt64
    public private(set) var counters = LinkCounters()
    public private(set) var keyboard = KeyboardCounters()
    /// The errno of the last failure, 0 when none.
    public private(set) var lastErrno: Int32 = 0
    /// The host's Caps Lock LED, as it last told the gadget.
    public private(set) var capsLock = false

    private let system: PortSystemCalls
    private let cPath: ContiguousArray<CChar>
    /// Keys as 3 bytes each: modifiers, usage, flags (`holdFlag`, `endFlag`). Its capacity is a multiple
    /// of 3 and entries go in and out whole, so an entry never wraps around the buffer's end.
    private var keys: ByteQueue
    private var queuedMessages = 0
    private let report: UnsafeMutableRawPointer
    private let hostReport: UnsafeMutableRawPointer
    private enum Phase { case idle, press, release }
    private var phase = Phase.idle
    private var fd: Int32 = -1
    private var nextKey: UInt64 = 0
    private var nextReopen: UInt64 = 0
    private var nextHostRead: UInt64 = 0
    private var hostPresent = true

    private static let holdFlag: UInt8 = 1
    private static let endFlag: UInt8 = 2
    private static let hostReadInterval: UInt64 = 100_000_000

    /// - Parameters:
    ///   - queueKeys: keys the queue holds (a message needing more is never typed).
    public init(path: String, encoder: KeystrokeEncoder, keyDelayNanoseconds: UInt64 = 0, queueKeys: Int = 4096,
                reopenIntervalNanoseconds: UInt64 = 1_000_000_000, system: PortSystemCalls = .linux) {
        self.path = path
        self.encoder = encoder
        self.keyDelayNanoseconds = keyDelayNanoseconds
        self.reopenIntervalNanoseconds = reopenIntervalNanoseconds
        self.system = system
        cPath = ContiguousArray(path.utf8CString)
        keys = ByteQueue(capacity: max(1, queueKeys) * 3)
        report = UnsafeMutableRawPointer.allocate(byteCount: HIDKeyboardReport.length, alignment: 8)
        hostReport = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
    }

    deinit {
        close()
        report.deallocate()
        hostReport.deallocate()
    }

    public var isOpen: Bool { fd >= 0 }

    /// Opens the gadget's device. Cold path.
    public func open() throws(KeyboardWedgeError) {
        guard fd < 0 else { return }
        let r = openDevice()
        if r < 0 { throw KeyboardWedgeError(path: path, errno: -r) }
    }

    /// Closes the device; queued keys are discarded (call `drain` first to type them).
    public func close() {
        dropQueued()
        if fd >= 0 { _ = system.close(fd) }
        fd = -1
    }

    // MARK: ByteSink

    public var pollDescriptor: Int32 { fd }
    /// Keys waiting, in bytes of the key queue (3 per key).
    public var queuedByteCount: Int { keys.count }
    /// True while a report waits for the host to take the previous one (then POLLOUT matters).
    public var wantsWritable: Bool { fd >= 0 && phase != .idle }

    public var nextServiceNanoseconds: UInt64 {
        if fd < 0 { return nextReopen }
        if phase == .idle, !keys.isEmpty { return nextKey }
        return .max
    }

    public func send(_ message: UnsafeRawBufferPointer) -> SendStatus {
        guard fd >= 0 else {
            counters.droppedMessages &+= 1
            counters.droppedBytes &+= UInt64(message.count)
            return .closed
        }
        var needed = 0
        encoder.encode(message) { _, _ in needed += 1 }
        guard needed * 3 <= keys.freeCount else {
            counters.droppedMessages &+= 1
            counters.droppedBytes &+= UInt64(message.count)
            keyboard.droppedKeys &+= UInt64(needed)
            return .dropped
        }
        var written = 0
        let skipped = encoder.encode(message) { stroke, hold in
            written += 1
            let flags = (hold ? Self.holdFlag : 0) | (written == needed ? Self.endFlag : 0)
            let entry = (stroke.modifiers, stroke.usage, flags)
            _ = withUnsafeBytes(of: entry) { keys.append(UnsafeRawBufferPointer(rebasing: $0[0..<3])) }
        }
        keyboard.untypableCharacters &+= UInt64(skipped)
        if needed > 0 { queuedMessages += 1 }
        counters.queuedMessages &+= 1
        counters.queuedBytes &+= UInt64(message.count)
        return .queued
    }

    public func service(nowNanoseconds now: UInt64) {
        if fd < 0 {
            if now >= nextReopen { reopen(now: now) }
            return
        }
        if now >= nextHostRead { readHostReports(now: now) }
        writeKeys(now: now)
    }

    public func drain(timeoutNanoseconds: UInt64) {
        let start = MonotonicNanos.now()
        while fd >= 0, !keys.isEmpty {
            let now = MonotonicNanos.now()
            service(nowNanoseconds: now)
            if keys.isEmpty || now &- start >= timeoutNanoseconds { return }
            if phase != .idle {
                _ = system.pollOne(fd, Int16(POLLOUT), 10)
            } else if nextKey > now {
                usleep(UInt32(min((nextKey - now) / 1000 + 1, 10_000)))
            }
        }
    }

    // MARK: Internals

    private func openDevice() -> Int32 {
        let r = cPath.withUnsafeBufferPointer {
            system.open($0.baseAddress.unsafelyUnwrapped, O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        }
        if r >= 0 {
            fd = r
            hostPresent = true
        }
        return r
    }

    private func reopen(now: UInt64) {
        nextReopen = now &+ reopenIntervalNanoseconds
        let r = openDevice()
        if r >= 0 {
            counters.reopens &+= 1
            lastErrno = 0
        } else {
            lastErrno = -r
        }
    }

    /// Types queued keys until the device wants to wait (EAGAIN), the pause between keys, or the end.
    private func writeKeys(now: UInt64) {
        while fd >= 0 {
            if phase == .idle {
                guard !keys.isEmpty, now >= nextKey else { return }
                let entry = keys.readableRegion // Safe: whole 3-byte entries, never wrapped (see `keys`).
                HIDKeyboardReport.write(modifiers: caseAdjusted(entry[0], usage: entry[1]), usage: entry[1], to: report)
                phase = .press
            }
            let n = system.write(fd, report, HIDKeyboardReport.length)
            if n == HIDKeyboardReport.length {
                counters.writtenBytes &+= UInt64(n)
                hostPresent = true
                if phase == .press {
                    let entry = keys.readableRegion
                    let held = entry[2] & Self.holdFlag != 0 ? entry[0] : 0
                    HIDKeyboardReport.write(modifiers: held, usage: 0, to: report)
                    phase = .release
                } else {
                    if keys.readableRegion[2] & Self.endFlag != 0 { queuedMessages -= 1 }
                    keys.consume(3)
                    keyboard.keysTyped &+= 1
                    phase = .idle
                    if keyDelayNanoseconds > 0 {
                        nextKey = MonotonicNanos.now() &+ keyDelayNanoseconds
                        return
                    }
                }
                continue
            }
            let e = n < 0 ? Int32(-n) : EAGAIN
            if e == EAGAIN || e == EWOULDBLOCK { return }
            lastErrno = e
            if e == ESHUTDOWN {
                // The gadget is not connected to a host (cable out, not enumerated): nobody to type to.
                if hostPresent { counters.disconnects &+= 1 }
                hostPresent = false
                dropQueued()
                return
            }
            lose(now: now)
            return
        }
    }

    /// Caps Lock on at the host inverts Shift for letters (and the German umlaut keys).
    @inline(__always)
    private func caseAdjusted(_ modifiers: UInt8, usage: UInt8) -> UInt8 {
        guard capsLock, modifiers & ~HIDKeyboardReport.Modifier.leftShift == 0 else { return modifiers }
        let letter = (0x04...0x1D).contains(usage)
            || (encoder.layout.name == .de && (usage == 0x2F || usage == 0x33 || usage == 0x34))
        return letter ? modifiers ^ HIDKeyboardReport.Modifier.leftShift : modifiers
    }

    /// The host's LED output reports (Num, Caps, Scroll Lock): read so that the gadget's queue of them
    /// never fills, and to follow Caps Lock.
    private func readHostReports(now: UInt64) {
        nextHostRead = now &+ Self.hostReadInterval
        for _ in 0..<8 {
            let n = system.read(fd, hostReport, 64)
            guard n > 0 else { return }
            capsLock = hostReport.load(as: UInt8.self) & 0x02 != 0
        }
    }

    private func dropQueued() {
        let pendingKeys = keys.count / 3
        keyboard.droppedKeys &+= UInt64(pendingKeys)
        counters.droppedMessages &+= UInt64(queuedMessages)
        counters.droppedBytes &+= UInt64(keys.count)
        queuedMessages = 0
        keys.removeAll()
        phase = .idle
    }

    private func lose(now: UInt64) {
        counters.disconnects &+= 1
        dropQueued()
        if fd >= 0 { _ = system.close(fd) }
        fd = -1
        nextReopen = now &+ reopenIntervalNanoseconds
    }
}

/// Why the keyboard gadget's device could not be opened at start-up.
public struct KeyboardWedgeError: Error, CustomStringConvertible {
    public let path: String
    public let errno: Int32

    public var description: String {
        let reason = String(cString: strerror(errno))
        if errno == ENOENT {
            return "cannot open USB keyboard \(path): \(reason) (is the USB gadget up? `lumascan usb-gadget up`, "
                + "or [usb] gadget = \"auto\")"
        }
        return "cannot open USB keyboard \(path): \(reason)"
    }
}
