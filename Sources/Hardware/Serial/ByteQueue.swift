/// A bounded first-in first-out queue of bytes in one buffer allocated at init: the serial port's
/// transmit queue.
///
/// Messages go in whole or not at all (`append` refuses what does not fit), and come out in contiguous
/// chunks for `write(2)` (`readableRegion`, then `consume`). Nothing allocates after init.
public struct ByteQueue: ~Copyable {
    private let storage: UnsafeMutablePointer<UInt8>
    public let capacity: Int
    /// Index of the oldest queued byte.
    private var head = 0
    public private(set) var count = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    public var isEmpty: Bool { count == 0 }
    public var freeCount: Int { capacity - count }

    /// Queues all of `bytes`, or nothing when they do not fit. Returns whether they were queued.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        guard n <= freeCount else { return false }
        guard n > 0, let source = bytes.baseAddress else { return true }
        let tail = (head + count) % capacity
        let first = min(n, capacity - tail)
        // Safe: tail + first <= capacity, and n - first <= head's free space before the wrap.
        (storage + tail).update(from: source.assumingMemoryBound(to: UInt8.self), count: first)
        if first < n {
            storage.update(from: source.assumingMemoryBound(to: UInt8.self) + first, count: n - first)
        }
        count += n
        return true
    }

    /// The oldest queued bytes that are contiguous in memory (empty when the queue is empty).
    public var readableRegion: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage + head, count: min(count, capacity - head))
    }

    /// Removes the `n` oldest bytes (after they were written).
    public mutating func consume(_ n: Int) {
        let n = min(max(n, 0), count)
        head = (head + n) % capacity
        count -= n
        if count == 0 { head = 0 }
    }

    public mutating func removeAll() {
        head = 0
        count = 0
    }
}
