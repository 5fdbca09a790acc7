/// What happened to a message handed to a `ByteSink`.
public enum SendStatus: UInt8, Sendable {
    /// The whole message is queued (or already written).
    case queued
    /// The queue had no room for the whole message: none of it was queued (a PLC would rather miss a
    /// message than receive half of one). Counted in `LinkCounters.droppedMessages`.
    case dropped
    /// The device is not open (unplugged, being reopened): the message was dropped and counted.
    case closed
}

/// Counters of a byte link, for status replies and the shutdown summary.
public struct LinkCounters: Sendable, Equatable {
    /// Messages and bytes accepted into the queue.
    public var queuedMessages: UInt64 = 0
    public var queuedBytes: UInt64 = 0
    /// Bytes the device has taken (written to the kernel).
    public var writtenBytes: UInt64 = 0
    /// Messages and bytes dropped because the queue was full or the device was closed.
    public var droppedMessages: UInt64 = 0
    public var droppedBytes: UInt64 = 0
    /// Times the device was lost, and times it was opened again.
    public var disconnects: UInt64 = 0
    public var reopens: UInt64 = 0
    /// Bytes received (command channel).
    public var receivedBytes: UInt64 = 0

    public init() {}
}

/// Where encoded results go: a serial port, a USB gadget's CDC-ACM or HID keyboard, stdout in the demo.
///
/// The scan loop must never stall on output: `send` only queues (into a bounded queue allocated at
/// start-up) and `service` writes what the device accepts now, without blocking. A peer that stops
/// reading fills the queue and later messages are dropped and counted; decoding goes on. Sinks are
/// classes and the loop is generic over the concrete type. Nothing here allocates after start-up.
public protocol ByteSink: AnyObject {
    /// A descriptor for `poll(2)`: the loop asks for POLLOUT while `queuedByteCount > 0` (and POLLIN when
    /// the sink is also a `ByteSource`); -1 when closed or when the sink needs no waiting.
    var pollDescriptor: Int32 { get }

    /// Bytes waiting in the queue.
    var queuedByteCount: Int { get }

    var counters: LinkCounters { get }

    /// Queues one whole message, or drops all of it (see `SendStatus`). Never blocks.
    func send(_ message: UnsafeRawBufferPointer) -> SendStatus

    /// Writes queued bytes as far as the device takes them without blocking; when the device is lost,
    /// tries to reopen it (paced by the sink itself, using `nowNanoseconds` of `CLOCK_MONOTONIC`).
    func service(nowNanoseconds: UInt64)

    /// At shutdown: keeps writing for at most `timeoutNanoseconds` until the queue is empty.
    func drain(timeoutNanoseconds: UInt64)

    /// True when the link is gone for good and will never take bytes again (stdout closed by the
    /// reader of a pipe); a device that may come back is never finished. The loop then stops.
    var isFinished: Bool { get }

    /// When `service` must run next even if no descriptor becomes ready (a paced writer's next key, a
    /// reopen attempt), in `CLOCK_MONOTONIC` nanoseconds; `.max` when only descriptors matter.
    var nextServiceNanoseconds: UInt64 { get }
}

extension ByteSink {
    public var isFinished: Bool { false }
    public var nextServiceNanoseconds: UInt64 { .max }
}

/// The receiving side of a bidirectional link (serial commands from a PLC).
public protocol ByteSource: AnyObject {
    /// A descriptor that becomes readable when bytes arrive (for `poll(2)`), or -1 when there is none
    /// (nothing to receive, or the device is closed).
    var receiveDescriptor: Int32 { get }

    /// Copies up to `buffer.count` received bytes into `buffer` without blocking; returns how many
    /// (0 when nothing is pending or the device is closed).
    func receive(into buffer: UnsafeMutableRawBufferPointer) -> Int
}
