import Capture
import Glibc
import Hardware
import TestSupport

/// A trigger-input double: the test calls `fire(active:)` (from any thread), the scan loop sees the
/// edge through a pipe it polls, as it would see a GPIO line event. Edges wait in a ring reserved up
/// front, so taking them allocates nothing.
final class ScriptedTrigger: TriggerInput, @unchecked Sendable {
    private let readFD: Int32
    private let writeFD: Int32
    private let ring: UnsafeMutableBufferPointer<TriggerEdge>
    private var head = 0, tail = 0
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private(set) var level = false

    init(capacity: Int = 64) {
        BrokenPipes.ignore()
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        readFD = fds[0]
        writeFD = fds[1]
        ring = .allocate(capacity: capacity)
        ring.initialize(repeating: TriggerEdge(isActive: false, timestampNanoseconds: 0))
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        close(readFD)
        close(writeFD)
        ring.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// An edge now: the input became active or inactive.
    func fire(active: Bool) {
        pthread_mutex_lock(mutex)
        ring[tail % ring.count] = TriggerEdge(isActive: active, timestampNanoseconds: MonotonicClock.nanoseconds())
        tail += 1
        level = active
        pthread_mutex_unlock(mutex)
        var one: UInt8 = 1
        _ = write(writeFD, &one, 1)
    }

    var pollDescriptor: Int32 { readFD }

    var isActive: Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return level
    }

    func nextEdge() -> TriggerEdge? {
        var scratch: (UInt64, UInt64) = (0, 0)
        _ = withUnsafeMutableBytes(of: &scratch) { read(readFD, $0.baseAddress, $0.count) }
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard head < tail else { return nil }
        let edge = ring[head % ring.count]
        head += 1
        return edge
    }
}
