import Glibc
import Hardware

/// A scriptable `/dev/hidgN` behind the wedge's syscall shim: records every report written (and when),
/// answers writes as told, and hands out LED reports from the host.
final class FakeHIDDevice: @unchecked Sendable {
    var calls: [String] = []
    var reports: [[UInt8]] = []
    var reportTimes: [UInt64] = []
    /// Nil: every write succeeds; else the answer (-errno) for writes from now on.
    var writeAnswer: Int? = nil
    /// Writes that succeed before `writeAnswer` applies (nil: no limit).
    var writesBeforeAnswer: Int? = nil
    var openAnswer: Int32 = 9
    var hostReports: [[UInt8]] = []

    var system: PortSystemCalls {
        PortSystemCalls(
            open: { path, _ in
                self.calls.append("open \(String(cString: path))")
                return self.openAnswer
            },
            close: { fd in
                self.calls.append("close \(fd)")
                return 0
            },
            read: { _, buffer, count in
                guard !self.hostReports.isEmpty else { return -Int(EAGAIN) }
                let r = self.hostReports.removeFirst()
                let n = min(r.count, count)
                for i in 0..<n { buffer.storeBytes(of: r[i], toByteOffset: i, as: UInt8.self) }
                return n
            },
            write: { _, bytes, count in
                if let answer = self.writeAnswer {
                    if let left = self.writesBeforeAnswer, left > 0 {
                        self.writesBeforeAnswer = left - 1
                    } else {
                        return answer
                    }
                }
                self.reports.append(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
                var t = timespec()
                clock_gettime(CLOCK_MONOTONIC, &t)
                self.reportTimes.append(UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec))
                return count
            },
            getAttributes: { _, _ in -ENOTTY },
            setAttributes: { _, _ in -ENOTTY },
            pollOne: { _, _, _ in Int32(POLLOUT) },
            outputQueueCount: { _ in 0 },
            getFlags: { _ in 0 },
            setFlags: { _, _ in 0 }
        )
    }
}

/// A wedge on a fake device, typing on the given layout.
func makeWedge(_ device: FakeHIDDevice, layout: KeyboardLayout.Name = .us, untypable: UntypablePolicy = .skip,
               keyDelayNanoseconds: UInt64 = 0, queueKeys: Int = 4096, reopen: UInt64 = 1_000_000_000) -> KeyboardWedge {
    KeyboardWedge(path: "/dev/hidg0", encoder: KeystrokeEncoder(layout: KeyboardLayout(layout), untypable: untypable),
                  keyDelayNanoseconds: keyDelayNanoseconds, queueKeys: queueKeys, reopenIntervalNanoseconds: reopen,
                  system: device.system)
}

func monotonicNow() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

extension KeyboardWedge {
    @discardableResult
    func send(_ text: String) -> SendStatus {
        Array(text.utf8).withUnsafeBytes { send($0) }
    }

    func send(bytes: [UInt8]) -> SendStatus {
        bytes.withUnsafeBytes { send($0) }
    }
}

/// The press report and the release report of one key.
func key(_ usage: UInt8, _ modifiers: UInt8 = 0) -> [[UInt8]] {
    [[modifiers, 0, usage, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]]
}

let shift: UInt8 = 0x02
let altGr: UInt8 = 0x40
let alt: UInt8 = 0x04
