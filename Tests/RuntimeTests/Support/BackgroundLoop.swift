import Foundation
import Glibc
import Runtime
import TestSupport

/// Runs a harness's scan loop on its own thread, so that the test can talk to it through the
/// pseudo-terminal meanwhile, like a PLC; `stop()` wakes it through its wake descriptor and waits.
final class BackgroundLoop: @unchecked Sendable {
    private let harness: LoopHarness
    private let wakeRead: Int32, wakeWrite: Int32
    private let done = DispatchSemaphore(value: 0)
    private(set) var reason: StopReason?

    init(_ harness: LoopHarness) {
        BrokenPipes.ignore()
        self.harness = harness
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        harness.control.wakeDescriptor = wakeRead
        harness.control.maxFrames = .max
        Thread.detachNewThread { [self] in
            reason = self.harness.loop.run(control: self.harness.control)
            done.signal()
        }
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    /// Wakes the loop and waits until `run` has returned.
    @discardableResult
    func stop() -> StopReason? {
        var one: UInt8 = 1
        _ = write(wakeWrite, &one, 1)
        done.wait()
        harness.control.wakeDescriptor = -1
        return reason
    }
}

/// Monotonic seconds, for timing what the test sees.
func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
