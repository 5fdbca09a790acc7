import CLinux
import Glibc
import Hardware
import Testing

/// The serial port's promises, checked against a fake device through the syscall shim.
@Suite struct SerialPortTests {
    /// A scriptable device: records calls and the termios set, answers writes as told.
    final class FakeDevice: @unchecked Sendable {
        var calls: [String] = []
        var written: [UInt8] = []
        var termiosSet: termios?
        /// Bytes each write accepts (nil: all); a negative value is returned as -errno.
        var writeAnswer: Int? = nil
        var openAnswer: Int32 = 7
        var getAttributesAnswer: Int32 = 0
        var pollAnswer: Int32 = Int32(POLLOUT)
        var queued: Int32 = 0

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
                read: { _, _, _ in -Int(EAGAIN) },
                write: { fd, bytes, count in
                    let n = self.writeAnswer.map { $0 < 0 ? $0 : min($0, count) } ?? count
                    self.calls.append("write \(fd) \(count) -> \(n)")
                    if n > 0 { self.written += UnsafeRawBufferPointer(start: bytes, count: n) }
                    return n
                },
                getAttributes: { _, t in
                    t.pointee = termios()
                    return self.getAttributesAnswer
                },
                setAttributes: { _, t in
                    self.termiosSet = t.pointee
                    return 0
                },
                pollOne: { _, _, _ in self.pollAnswer },
                outputQueueCount: { _ in self.queued },
                getFlags: { _ in 0 },
                setFlags: { _, _ in 0 }
            )
        }
    }

    func send(_ port: SerialPort, _ text: String) -> SendStatus {
        Array(text.utf8).withUnsafeBytes { port.send($0) }
    }

    @Test func theLineIsSetToRawModeWithTheExactSettings() throws {
        let device = FakeDevice()
        let port = SerialPort(endpoint: .device(path: "/dev/ttyX", settings: SerialSettings(
            baudRate: 9600, dataBits: 7, parity: .even, stopBits: 2, hardwareFlowControl: true)), system: device.system)
        try port.open()
        var t = try #require(device.termiosSet)
        #expect(cfgetospeed(&t) == speed_t(B9600) && cfgetispeed(&t) == speed_t(B9600))
        #expect(t.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS7))
        #expect(t.c_cflag & tcflag_t(PARENB) != 0 && t.c_cflag & tcflag_t(PARODD) == 0)
        #expect(t.c_cflag & tcflag_t(CSTOPB) != 0 && t.c_cflag & tcflag_t(CRTSCTS) != 0)
        #expect(t.c_cflag & tcflag_t(CLOCAL) != 0 && t.c_cflag & tcflag_t(CREAD) != 0)
        let local: tcflag_t = tcflag_t(ICANON) | tcflag_t(ECHO) | tcflag_t(ISIG)
        let input: tcflag_t = tcflag_t(ICRNL) | tcflag_t(IXON) | tcflag_t(IXOFF)
        #expect(t.c_lflag & local == 0)
        #expect(t.c_oflag & tcflag_t(OPOST) == 0)
        #expect(t.c_iflag & input == 0)
        #expect(t.c_iflag & tcflag_t(INPCK) != 0, "parity checked on input")
        let cc = withUnsafeBytes(of: t.c_cc) { Array($0) }
        #expect(cc[Int(VMIN)] == 0 && cc[Int(VTIME)] == 0)
        #expect(device.calls == ["open /dev/ttyX"])
    }

    @Test func defaultsAre115200EightNoneOne() throws {
        let device = FakeDevice()
        let port = SerialPort(endpoint: .device(path: "/dev/ttyX", settings: SerialSettings()), system: device.system)
        try port.open()
        var t = try #require(device.termiosSet)
        #expect(cfgetospeed(&t) == speed_t(B115200))
        #expect(t.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS8))
        let extras: tcflag_t = tcflag_t(PARENB) | tcflag_t(CSTOPB) | tcflag_t(CRTSCTS)
        #expect(t.c_cflag & extras == 0)
        #expect(SerialSettings().summary == "115200 8N1")
    }

    @Test func everySupportedRateHasASpeedConstant() {
        for rate in SerialSettings.supportedBaudRates { #expect(TermiosMapping.speed(for: rate) != nil, "\(rate)") }
        #expect(TermiosMapping.speed(for: 115_201) == nil)
    }

    @Test func openFailuresNameThePathAndTheReason() {
        let device = FakeDevice()
        device.openAnswer = -ENOENT
        let port = SerialPort(endpoint: .device(path: "/dev/ttyUSB9", settings: SerialSettings()), system: device.system)
        #expect(throws: SerialPortError.self) { try port.open() }
        do { try port.open() } catch {
            #expect(error.description == "cannot open serial port /dev/ttyUSB9: No such file or directory")
        }
        device.openAnswer = 7
        device.getAttributesAnswer = -ENOTTY
        do { try port.open() } catch {
            #expect(error.description.hasPrefix("cannot configure serial port /dev/ttyUSB9 (is it a terminal device?)"))
        }
        #expect(device.calls.suffix(2) == ["open /dev/ttyUSB9", "close 7"], "a half-opened device is closed")
    }

    @Test func partialWritesResumeWhereTheyStopped() throws {
        let device = FakeDevice()
        device.writeAnswer = 3
        let port = SerialPort(endpoint: .device(path: "/dev/ttyX", settings: SerialSettings()), system: device.system)
        try port.open()
        #expect(send(port, "HELLO\r\n") == .queued)
        #expect(send(port, "WORLD\r\n") == .queued)
        port.service(nowNanoseconds: 1)
        #expect(device.written == Array("HELLO\r\nWORLD\r\n".utf8))
        #expect(port.counters.writtenBytes == 14 && port.queuedByteCount == 0)
    }

    @Test func aStalledPeerFillsTheQueueAndLaterMessagesAreDroppedWhole() throws {
        let device = FakeDevice()
        device.writeAnswer = -Int(EAGAIN)
        let port = SerialPort(endpoint: .device(path: "/dev/ttyX", settings: SerialSettings()), queueCapacity: 16,
                              system: device.system)
        try port.open()
        #expect(send(port, "0123456789") == .queued)
        port.service(nowNanoseconds: 1)
        #expect(send(port, "ABCDEFGHIJ") == .dropped, "10 bytes do not fit in the 6 left")
        #expect(send(port, "abcdef") == .queued, "6 bytes do")
        #expect(port.counters.droppedMessages == 1 && port.counters.droppedBytes == 10)
        device.writeAnswer = nil
        port.service(nowNanoseconds: 2)
        #expect(device.written == Array("0123456789abcdef".utf8), "what was queued goes out whole, in order")
    }

    @Test func aLostDeviceIsClosedAndReopenedAfterTheInterval() throws {
        let device = FakeDevice()
        let port = SerialPort(endpoint: .device(path: "/dev/ttyUSB0", settings: SerialSettings()),
                              reopenIntervalNanoseconds: 1_000, system: device.system)
        try port.open()
        device.writeAnswer = -Int(EIO) // unplugged
        #expect(send(port, "LOST") == .queued)
        port.service(nowNanoseconds: 10_000)
        #expect(!port.isOpen && port.counters.disconnects == 1 && port.counters.droppedBytes == 4)
        #expect(send(port, "WHILE-GONE") == .closed)
        device.openAnswer = -ENOENT
        port.service(nowNanoseconds: 10_500) // too early: no attempt
        port.service(nowNanoseconds: 11_000) // attempt fails: still gone
        #expect(!port.isOpen)
        device.openAnswer = 9
        device.writeAnswer = nil
        port.service(nowNanoseconds: 11_500) // within the interval after the failed attempt
        #expect(!port.isOpen)
        port.service(nowNanoseconds: 12_000)
        #expect(port.isOpen && port.counters.reopens == 1)
        #expect(send(port, "BACK") == .queued)
        port.service(nowNanoseconds: 12_001)
        #expect(device.written == Array("BACK".utf8))
        #expect(device.calls.filter { $0.hasPrefix("open") }.count == 3)
        #expect(device.calls.contains("close 7"))
    }

    @Test func aHangupIsNoticedWhileIdle() throws {
        let device = FakeDevice()
        let port = SerialPort(endpoint: .device(path: "/dev/ttyACM0", settings: SerialSettings()), system: device.system)
        try port.open()
        device.pollAnswer = Int32(POLLHUP)
        port.service(nowNanoseconds: 1_000_000_000)
        #expect(!port.isOpen && port.counters.disconnects == 1)
    }

    @Test func drainWaitsForTheKernelQueueAndGivesUpAtTheTimeout() throws {
        let device = FakeDevice()
        let port = SerialPort(endpoint: .device(path: "/dev/ttyX", settings: SerialSettings()), system: device.system)
        try port.open()
        device.queued = 100 // the UART never empties
        _ = send(port, "BYE")
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        port.drain(timeoutNanoseconds: 50_000_000)
        clock_gettime(CLOCK_MONOTONIC, &end)
        let ms = (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1_000_000
        #expect(device.written == Array("BYE".utf8))
        #expect(ms >= 45 && ms < 500)
    }

    @Test func theByteQueueWrapsAroundWithoutLosingOrder() {
        var q = ByteQueue(capacity: 8)
        var out: [UInt8] = []
        for round in 0..<20 {
            let chunk = (0..<5).map { UInt8(round * 5 + $0) }
            #expect(chunk.withUnsafeBytes { q.append($0) })
            while !q.isEmpty {
                let r = q.readableRegion
                let take = min(r.count, 3)
                out += r.prefix(take)
                q.consume(take)
            }
        }
        #expect(out == (0..<100).map { UInt8($0) })
        #expect(!Array(repeating: UInt8(0), count: 9).withUnsafeBytes { q.append($0) })
    }
}
