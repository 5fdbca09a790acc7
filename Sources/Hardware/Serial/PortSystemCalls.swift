import CLinux
import Glibc

/// The system calls a `SerialPort` makes, as replaceable functions so that tests can fake a device
/// (a write that returns EAGAIN forever, an unplugged adapter) and assert the exact calls made.
///
/// Every function returns the call's result, or `-errno` when it failed (never a separate `errno`
/// read that a later call could overwrite). `linux` holds the real calls; `EINTR` is retried there.
public struct PortSystemCalls: Sendable {
    /// open(2) of a path with flags; returns a descriptor or -errno.
    public var open: @Sendable (UnsafePointer<CChar>, Int32) -> Int32
    public var close: @Sendable (Int32) -> Int32
    /// read(2)/write(2): bytes moved, or -errno.
    public var read: @Sendable (Int32, UnsafeMutableRawPointer, Int) -> Int
    public var write: @Sendable (Int32, UnsafeRawPointer, Int) -> Int
    /// tcgetattr(3)/tcsetattr(3) with `TCSANOW`: 0 or -errno. Non-terminals answer -ENOTTY.
    public var getAttributes: @Sendable (Int32, UnsafeMutablePointer<termios>) -> Int32
    public var setAttributes: @Sendable (Int32, UnsafePointer<termios>) -> Int32
    /// poll(2) of one descriptor for `events`, waiting `timeoutMilliseconds`: the `revents`, or -errno.
    public var pollOne: @Sendable (Int32, Int16, Int32) -> Int32
    /// Bytes still in the kernel's transmit buffer (`TIOCOUTQ`), or -errno.
    public var outputQueueCount: @Sendable (Int32) -> Int32
    /// fcntl(F_GETFL)/fcntl(F_SETFL): flags or 0, or -errno.
    public var getFlags: @Sendable (Int32) -> Int32
    public var setFlags: @Sendable (Int32, Int32) -> Int32

    public init(open: @escaping @Sendable (UnsafePointer<CChar>, Int32) -> Int32,
                close: @escaping @Sendable (Int32) -> Int32,
                read: @escaping @Sendable (Int32, UnsafeMutableRawPointer, Int) -> Int,
                write: @escaping @Sendable (Int32, UnsafeRawPointer, Int) -> Int,
                getAttributes: @escaping @Sendable (Int32, UnsafeMutablePointer<termios>) -> Int32,
                setAttributes: @escaping @Sendable (Int32, UnsafePointer<termios>) -> Int32,
                pollOne: @escaping @Sendable (Int32, Int16, Int32) -> Int32,
                outputQueueCount: @escaping @Sendable (Int32) -> Int32,
                getFlags: @escaping @Sendable (Int32) -> Int32,
                setFlags: @escaping @Sendable (Int32, Int32) -> Int32) {
        self.open = open
        self.close = close
        self.read = read
        self.write = write
        self.getAttributes = getAttributes
        self.setAttributes = setAttributes
        self.pollOne = pollOne
        self.outputQueueCount = outputQueueCount
        self.getFlags = getFlags
        self.setFlags = setFlags
    }

    /// The real calls.
    public static let linux = PortSystemCalls(
        open: { path, flags in
            retrying { Glibc.open(path, flags) }
        },
        close: { fd in
            Glibc.close(fd) == 0 ? 0 : -errno // no retry: on Linux the descriptor is gone even on EINTR
        },
        read: { fd, buffer, count in
            retryingSize { Glibc.read(fd, buffer, count) }
        },
        write: { fd, bytes, count in
            retryingSize { Glibc.write(fd, bytes, count) }
        },
        getAttributes: { fd, t in
            retrying { tcgetattr(fd, t) }
        },
        setAttributes: { fd, t in
            retrying { tcsetattr(fd, TCSANOW, t) }
        },
        pollOne: { fd, events, timeout in
            var p = pollfd(fd: fd, events: events, revents: 0)
            let r = retrying { Glibc.poll(&p, 1, timeout) }
            return r < 0 ? r : Int32(p.revents)
        },
        outputQueueCount: { fd in
            var queued: Int32 = 0
            let r = retrying { ioctl(fd, UInt(TIOCOUTQ), &queued) }
            return r < 0 ? r : queued
        },
        getFlags: { fd in
            retrying { fcntl(fd, F_GETFL) }
        },
        setFlags: { fd, flags in
            retrying { fcntl(fd, F_SETFL, flags) }
        }
    )
}

/// Runs `call` until it does not fail with EINTR; returns its result or -errno.
@inline(__always)
func retrying(_ call: () -> Int32) -> Int32 {
    while true {
        let r = call()
        if r >= 0 { return r }
        let e = errno
        if e != EINTR { return -e }
    }
}

@inline(__always)
func retryingSize(_ call: () -> Int) -> Int {
    while true {
        let r = call()
        if r >= 0 { return r }
        let e = errno
        if e != EINTR { return -Int(e) }
    }
}
