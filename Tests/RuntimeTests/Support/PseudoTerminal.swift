import CLinux
import Glibc
import TestSupport

/// A pseudo-terminal for end-to-end tests: the scanner opens `slavePath` as its serial device; the
/// test reads what it sent from the master side, like a PLC at the other end of a cable.
final class PseudoTerminal {
    private(set) var master: Int32
    /// The test's own handle on the slave, so the terminal lives while the scanner reopens it, and to
    /// read back the line settings the scanner applied.
    let slave: Int32
    let slavePath: String

    struct Unavailable: Error, CustomStringConvertible {
        let description = "openpty failed (is /dev/pts mounted?)"
    }

    init() throws {
        BrokenPipes.ignore()
        var m: Int32 = -1, s: Int32 = -1
        guard openpty(&m, &s, nil, nil, nil) == 0 else { throw Unavailable() }
        master = m
        slave = s
        slavePath = String(cString: ttyname(s))
        _ = fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        if master >= 0 { close(master) }
        close(slave)
    }

    /// Closes the master side, as when a USB serial adapter is pulled out: the slave hangs up.
    func hangUp() {
        if master >= 0 { close(master) }
        master = -1
    }

    /// The slave's termios, as the scanner left it.
    var slaveAttributes: termios {
        var t = termios()
        tcgetattr(slave, &t)
        return t
    }

    /// Everything the scanner wrote, waiting up to `seconds` for at least `count` bytes (then a little
    /// longer for stragglers).
    func read(atLeast count: Int = 1, seconds: Double = 2) -> [UInt8] {
        var out: [UInt8] = []
        let deadline = now() + seconds
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            if n > 0 {
                out += buffer[0..<n]
                continue
            }
            if out.count >= count || now() > deadline { return out }
            var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, 20)
        }
    }

    /// Writes `bytes` to the master side: the scanner reads them as received serial bytes. Waits while
    /// the terminal's input buffer is full (for at most `seconds`; returns the bytes written).
    @discardableResult
    func write(_ bytes: [UInt8], seconds: Double = 2) -> Int {
        var offset = 0
        let deadline = now() + seconds
        while offset < bytes.count, now() < deadline {
            let n = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 {
                offset += n
            } else if n < 0, errno != EAGAIN, errno != EINTR {
                break
            } else {
                usleep(1000)
            }
        }
        return offset
    }

    /// Drops what is waiting on the master side.
    func discard() { _ = read(atLeast: 0, seconds: 0) }

    private func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
