import Glibc
import Hardware
import TestSupport

/// A stand-in for `/dev/hidgN` with real system calls: one end of a SOCK_SEQPACKET socket pair (one
/// packet per report, EAGAIN when the other end stops reading), the other end read by the test as the
/// USB host. The wedge "opens" it through its shim: a dup of the wedge's end.
final class SocketHIDGadget {
    let wedgeSide: Int32
    let hostSide: Int32

    init(sendBuffer: Int32? = nil) {
        BrokenPipes.ignore()
        var fds: [Int32] = [-1, -1]
        precondition(socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue), 0, &fds) == 0)
        wedgeSide = fds[0]
        hostSide = fds[1]
        _ = fcntl(wedgeSide, F_SETFL, fcntl(wedgeSide, F_GETFL) | O_NONBLOCK)
        _ = fcntl(hostSide, F_SETFL, fcntl(hostSide, F_GETFL) | O_NONBLOCK)
        if var size = sendBuffer {
            setsockopt(wedgeSide, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    deinit {
        close(wedgeSide)
        close(hostSide)
    }

    var system: PortSystemCalls {
        var s = PortSystemCalls.linux
        let fd = wedgeSide
        s.open = { _, _ in dup(fd) }
        return s
    }

    /// Reports that arrived, waiting up to `seconds` for at least `count`.
    func reports(atLeast count: Int = 1, seconds: Double = 2) -> [[UInt8]] {
        var out: [[UInt8]] = []
        let deadline = monotonicNow() + UInt64(seconds * 1e9)
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(hostSide, $0.baseAddress, $0.count) }
            if n > 0 {
                out.append(Array(buffer[0..<n]))
                continue
            }
            if out.count >= count || monotonicNow() > deadline { return out }
            var p = pollfd(fd: hostSide, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, 10)
        }
    }
}

/// The usages of the key presses in `reports` (releases left out), with their modifiers.
func pressedKeys(_ reports: [[UInt8]]) -> [[UInt8]] {
    reports.filter { $0.count == 8 && $0[2] != 0 }.map { [$0[0], $0[2]] }
}
