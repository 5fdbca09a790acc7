import Foundation
import Glibc
import TestSupport

/// Plays systemd's side of `$NOTIFY_SOCKET`: a datagram socket bound to a path or an abstract name
/// (`@…`), collecting every message a scanner sends.
final class NotifyListener: @unchecked Sendable {
    let address: String
    private let fd: Int32
    private let lock = NSLock()
    private var received: [String] = []
    private var thread: Thread?
    private var running = true

    /// - Parameter abstract: bind to an abstract name instead of a path in `folder`.
    init(abstract: Bool, folder: String) throws {
        BrokenPipes.ignore()
        address = abstract ? "@lumascan-test-\(getpid())-\(UUID().uuidString.prefix(8))" : folder + "/notify.sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var sa = sockaddr_un()
        sa.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(address.utf8)
        withUnsafeMutableBytes(of: &sa.sun_path) { p in
            p.copyBytes(from: bytes)
            if abstract { p[0] = 0 }
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)! + bytes.count + (abstract ? 0 : 1))
        let r = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard fd >= 0, r == 0 else { throw POSIXError(.EADDRINUSE) }
        var tv = timeval(tv_sec: 0, tv_usec: 50_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let t = Thread { [unowned self] in self.receiveLoop() }
        thread = t
        t.start()
    }

    private func receiveLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while locked({ running }) {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 {
                let text = String(decoding: buffer[0..<n], as: UTF8.self)
                locked { received.append(text) }
            }
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    func stop() {
        locked { running = false }
        usleep(100_000)
        close(fd)
    }

    deinit { if locked({ running }) { stop() } }

    var messages: [String] { locked { received } }

    func count(_ text: String) -> Int { messages.filter { $0 == text }.count }

    /// Waits until `condition` holds on the messages so far, or `seconds` pass.
    @discardableResult
    func waitFor(seconds: Double, _ condition: ([String]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(messages) { return true }
            usleep(20_000)
        }
        return condition(messages)
    }
}
