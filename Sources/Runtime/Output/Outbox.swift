/// Messages waiting to be handed to the serial link, built in one buffer allocated at start-up.
///
/// The scan policy writes whole messages here (a read, and in later protocols a command reply before
/// it); the loop then passes each one to the link's `send`, which queues it whole or drops it whole.
/// A message that does not fit is rolled back and counted, never sent truncated.
public final class Outbox {
    public var buffer: MessageBuffer
    private let ends: UnsafeMutableBufferPointer<Int>
    private var start = 0
    public private(set) var messageCount = 0
    /// Messages rolled back because they did not fit the buffer (or there were too many at once).
    public private(set) var oversizedMessages: UInt64 = 0

    /// - Parameters:
    ///   - capacity: bytes for all messages of one loop iteration.
    ///   - maxMessages: messages per iteration.
    public init(capacity: Int, maxMessages: Int = 8) {
        buffer = MessageBuffer(capacity: capacity)
        ends = UnsafeMutableBufferPointer.allocate(capacity: max(1, maxMessages))
    }

    deinit { ends.deallocate() }

    /// Starts a message at the end of the buffer; write it through `buffer`, then call `commit()`.
    public func begin() {
        start = buffer.count
    }

    /// Keeps the message written since `begin()`; rolls it back (and counts it) when it overflowed or
    /// when there is no slot left. Returns whether it was kept.
    @discardableResult
    public func commit() -> Bool {
        guard !buffer.overflowed, messageCount < ends.count else {
            buffer.rollBack(to: start)
            oversizedMessages &+= 1
            return false
        }
        ends[messageCount] = buffer.count // Safe: messageCount < ends.count.
        messageCount += 1
        return true
    }

    /// Whether another message can be committed in this iteration (a slot is free).
    public var hasFreeSlot: Bool { messageCount < ends.count }

    /// Message `i` (0 ..< messageCount).
    public func message(_ i: Int) -> UnsafeRawBufferPointer {
        let all = buffer.bytes
        let from = i == 0 ? 0 : ends[i - 1]
        return UnsafeRawBufferPointer(rebasing: all[from..<ends[i]])
    }

    /// Zeroes `oversizedMessages` (a counter reset command).
    public func resetCounters() { oversizedMessages = 0 }

    public func removeAll() {
        buffer.reset()
        messageCount = 0
        start = 0
    }
}
