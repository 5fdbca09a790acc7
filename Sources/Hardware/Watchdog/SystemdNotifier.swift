import Glibc

/// Talks to the service manager over `$NOTIFY_SOCKET` (the `sd_notify(3)` protocol) without
/// libsystemd: each message is one datagram of `KEY=value` lines on a Unix socket, which is a path
/// (`/run/systemd/notify`) or, when the variable starts with `@`, a name in the abstract namespace.
///
/// The socket is opened once, here; a watchdog ping is a prebuilt `Datagram` sent with one
/// `sendto(2)`, so the scan loop can ping without allocating. Sends never block and never raise
/// SIGPIPE: a supervisor that went away costs a failed send, counted, nothing more.
public final class SystemdNotifier {
    /// A message prepared once and sent as often as needed (watchdog pings, fixed status lines).
    public final class Datagram {
        let bytes: UnsafeMutableRawBufferPointer
        let count: Int

        public init(_ text: String) {
            let utf8 = Array(text.utf8)
            bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, utf8.count), alignment: 1)
            bytes.copyBytes(from: utf8)
            count = utf8.count
        }

        deinit { bytes.deallocate() }
    }

    /// `WATCHDOG_USEC` when the service manager expects watchdog pings from this process (its unit
    /// has `WatchdogSec=`), else nil. Ping at least twice per interval, as sd_watchdog_enabled(3) says.
    public let watchdogIntervalNanoseconds: UInt64?
    /// Sends that failed (the manager gone, the socket full).
    public private(set) var failedSends = 0
    /// Where messages go, as written in `$NOTIFY_SOCKET`.
    public let socketName: String

    private let descriptor: Int32
    private let address: UnsafeMutablePointer<sockaddr_un>
    private let addressLength: socklen_t
    private let ping = Datagram("WATCHDOG=1")

    /// Why `$NOTIFY_SOCKET` could not be used.
    public enum SetupError: Error, Equatable, CustomStringConvertible {
        case unsupportedAddress(String)
        case socketFailed(errno: Int32)

        public var description: String {
            switch self {
            case .unsupportedAddress(let a):
                "NOTIFY_SOCKET=\(a): only Unix socket paths (/…) and abstract names (@…) of at most 107 bytes are supported"
            case .socketFailed(let e):
                "NOTIFY_SOCKET: socket(AF_UNIX, SOCK_DGRAM) failed: \(String(cString: strerror(e)))"
            }
        }
    }

    /// The notifier the environment asks for: nil when `$NOTIFY_SOCKET` is not set (not started by
    /// systemd with `Type=notify`). The watchdog interval is honoured only when `WATCHDOG_PID` is
    /// unset or names this process (sd_watchdog_enabled(3)).
    public static func fromEnvironment() throws(SetupError) -> SystemdNotifier? {
        guard let socket = environment("NOTIFY_SOCKET"), !socket.isEmpty else { return nil }
        var interval: UInt64?
        if let usec = environment("WATCHDOG_USEC").flatMap({ UInt64($0) }), usec > 0 {
            let pid = environment("WATCHDOG_PID").flatMap { Int32($0) }
            if pid == nil || pid == getpid() { interval = usec &* 1000 }
        }
        return try SystemdNotifier(socket: socket, watchdogIntervalNanoseconds: interval)
    }

    /// - Parameter socket: a path, or `@name` for the abstract namespace.
    public init(socket: String, watchdogIntervalNanoseconds: UInt64?) throws(SetupError) {
        let name = Array(socket.utf8)
        let pathCapacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
        // A path needs its terminating NUL; an abstract name is its bytes after a leading NUL.
        guard let first = name.first, first == UInt8(ascii: "/") || first == UInt8(ascii: "@"),
              name.count >= 2, name.count < pathCapacity else { throw .unsupportedAddress(socket) }
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .socketFailed(errno: errno) }
        descriptor = fd
        socketName = socket
        self.watchdogIntervalNanoseconds = watchdogIntervalNanoseconds
        address = UnsafeMutablePointer<sockaddr_un>.allocate(capacity: 1)
        address.initialize(to: sockaddr_un())
        address.pointee.sun_family = sa_family_t(AF_UNIX)
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!
        withUnsafeMutableBytes(of: &address.pointee.sun_path) { path in
            path.copyBytes(from: name)
            if first == UInt8(ascii: "@") { path[0] = 0 }
        }
        addressLength = socklen_t(pathOffset + name.count + (first == UInt8(ascii: "@") ? 0 : 1))
    }

    deinit {
        Glibc.close(descriptor)
        address.deallocate()
    }

    /// Sends a prepared message. Allocates nothing.
    @discardableResult
    public func send(_ message: Datagram) -> Bool {
        let sent = UnsafeRawPointer(address).withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
            sendto(descriptor, message.bytes.baseAddress, message.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL), sa, addressLength)
        }
        if sent != message.count { failedSends &+= 1 }
        return sent == message.count
    }

    /// `WATCHDOG=1`: the service is alive. Allocates nothing.
    @discardableResult
    public func pingWatchdog() -> Bool { send(ping) }

    /// Sends `KEY=value` lines (start-up, reload and stop only: this allocates).
    @discardableResult
    public func send(_ text: String) -> Bool { send(Datagram(text)) }

    /// `READY=1` with a status line: devices are open and the scan loop runs.
    public func ready(status: String) { send("READY=1\nSTATUS=" + Self.oneLine(status)) }

    /// `RELOADING=1` (with the `CLOCK_MONOTONIC` time systemd 253+ wants) and a status line; the next
    /// `ready(status:)` ends the reload.
    public func reloading(status: String) {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let usec = UInt64(ts.tv_sec) &* 1_000_000 &+ UInt64(ts.tv_nsec) / 1000
        send("RELOADING=1\nMONOTONIC_USEC=\(usec)\nSTATUS=" + Self.oneLine(status))
    }

    /// `STOPPING=1` and a status line.
    public func stopping(status: String) { send("STOPPING=1\nSTATUS=" + Self.oneLine(status)) }

    /// `STATUS=` alone.
    public func status(_ text: String) { send("STATUS=" + Self.oneLine(text)) }

    /// A status is one line: a newline would start another `KEY=value` assignment.
    public static func oneLine(_ s: String) -> String {
        String(s.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
