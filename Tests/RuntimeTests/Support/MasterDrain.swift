import Foundation
import Glibc
import TestSupport

/// Reads a pseudo-terminal's master side on a background thread, like a PLC that keeps up, so that the
/// scanner's writes succeed; counts the bytes. (Allocations on this thread are not counted by the
/// malloc counter, which counts per thread.)
final class MasterDrain: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var stopFlag = false
    private var bytes = 0
    private var lastBytes: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    init(fd: Int32) {
        BrokenPipes.ignore()
        self.fd = fd
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 8192)
            while !isStopped {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    lock.lock()
                    bytes += n
                    lastBytes = Array(buffer[0..<n])
                    lock.unlock()
                } else {
                    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&p, 1, 10)
                }
            }
            done.signal()
        }
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopFlag
    }

    /// Stops the thread; returns the bytes read in all.
    func stop() -> Int {
        lock.lock()
        stopFlag = true
        lock.unlock()
        done.wait()
        return bytes
    }
}
