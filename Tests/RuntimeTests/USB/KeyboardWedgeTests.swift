import Glibc
import Hardware
import Testing

/// The keyboard wedge never stalls its caller: a host that does not read, a host that is gone, a
/// device that vanishes; and it paces keys by the configured delay without blocking.
@Suite struct KeyboardWedgeTests {
    @Test func aHostThatStopsReadingFillsTheQueueAndLaterReadsAreDroppedWhole() throws {
        let device = FakeHIDDevice()
        device.writesBeforeAnswer = 3
        device.writeAnswer = -Int(EAGAIN) // the host took three reports, then stopped polling
        let wedge = makeWedge(device, queueKeys: 64)
        try wedge.open()
        var statuses: [SendStatus] = []
        let start = monotonicNow()
        for _ in 0..<20 {
            statuses.append(wedge.send("0123456789\r")) // 11 keys
            wedge.service(nowNanoseconds: monotonicNow())
        }
        let elapsed = monotonicNow() - start
        #expect(elapsed < 50_000_000, "service and send never wait")
        #expect(statuses.prefix(5).allSatisfy { $0 == .queued })
        #expect(statuses.filter { $0 == .dropped }.count == 15, "64 keys hold five reads of 11 (one key typed)")
        #expect(wedge.counters.droppedMessages == 15)
        #expect(wedge.keyboard.droppedKeys == 15 * 11)
        #expect(device.reports.count == 3)
        #expect(wedge.keyboard.keysTyped == 1)
        // The host reads again: everything queued comes out in order.
        device.writeAnswer = nil
        wedge.service(nowNanoseconds: monotonicNow())
        #expect(wedge.keyboard.keysTyped == 55)
        #expect(wedge.queuedByteCount == 0)
    }

    @Test func aReadIsQueuedWholeOrNotAtAll() throws {
        let device = FakeHIDDevice()
        device.writeAnswer = -Int(EAGAIN)
        let wedge = makeWedge(device, queueKeys: 64)
        try wedge.open()
        #expect(wedge.send(String(repeating: "7", count: 65)) == .dropped)
        #expect(wedge.queuedByteCount == 0)
        #expect(wedge.send(String(repeating: "7", count: 64)) == .queued)
        #expect(wedge.queuedByteCount == 64 * 3)
    }

    @Test func theKeyDelayPacesKeysWithoutBlockingAndSetsTheNextServiceTime() throws {
        let device = FakeHIDDevice()
        let delay: UInt64 = 20_000_000
        let wedge = makeWedge(device, keyDelayNanoseconds: delay)
        try wedge.open()
        wedge.send("abcd")
        let start = monotonicNow()
        var services = 0
        while wedge.queuedByteCount > 0, monotonicNow() - start < 2_000_000_000 {
            let now = monotonicNow()
            let before = monotonicNow()
            wedge.service(nowNanoseconds: now)
            #expect(monotonicNow() - before < 5_000_000, "service returns at once")
            services += 1
            let next = wedge.nextServiceNanoseconds
            if wedge.queuedByteCount > 0 {
                #expect(next > now && next <= monotonicNow() + delay, "the wedge asks to be called for the next key")
                usleep(UInt32((next - min(next, monotonicNow())) / 1000))
            }
        }
        #expect(device.reports == key(0x04) + key(0x05) + key(0x06) + key(0x07))
        let presses = stride(from: 0, to: device.reportTimes.count, by: 2).map { device.reportTimes[$0] }
        for i in 1..<presses.count {
            #expect(presses[i] - presses[i - 1] >= delay, "key \(i) came \(presses[i] - presses[i - 1]) ns after the last")
        }
        #expect(wedge.nextServiceNanoseconds == .max, "nothing left to type")
    }

    @Test func noHostConnectedDropsTheQueueAndTypesAgainWhenOneIs() throws {
        let device = FakeHIDDevice()
        device.writeAnswer = -Int(ESHUTDOWN) // the gadget is not connected (cable out)
        let wedge = makeWedge(device)
        try wedge.open()
        #expect(wedge.send("123\r") == .queued)
        wedge.service(nowNanoseconds: monotonicNow())
        #expect(wedge.queuedByteCount == 0)
        #expect(wedge.counters.disconnects == 1)
        #expect(wedge.counters.droppedMessages == 1)
        #expect(wedge.keyboard.droppedKeys == 4)
        #expect(wedge.isOpen, "the device stays open: it is the host that is missing")
        wedge.send("4")
        wedge.service(nowNanoseconds: monotonicNow())
        #expect(wedge.counters.disconnects == 1, "one disconnect, however many writes find no host")
        device.writeAnswer = nil // plugged back in
        wedge.send("5")
        wedge.service(nowNanoseconds: monotonicNow())
        #expect(device.reports == key(0x22))
    }

    @Test func aVanishedDeviceIsClosedAndReopenedAfterTheInterval() throws {
        let device = FakeHIDDevice()
        let wedge = makeWedge(device, reopen: 100_000_000)
        try wedge.open()
        device.writeAnswer = -Int(ENODEV)
        wedge.send("1")
        let t0 = monotonicNow()
        wedge.service(nowNanoseconds: t0)
        #expect(!wedge.isOpen)
        #expect(wedge.send("2") == .closed)
        #expect(wedge.nextServiceNanoseconds == t0 + 100_000_000)
        device.openAnswer = -ENOENT
        wedge.service(nowNanoseconds: t0 + 100_000_000) // still gone
        #expect(!wedge.isOpen)
        device.openAnswer = 11
        device.writeAnswer = nil
        wedge.service(nowNanoseconds: t0 + 150_000_000) // too early
        #expect(!wedge.isOpen)
        wedge.service(nowNanoseconds: t0 + 200_000_000)
        #expect(wedge.isOpen && wedge.counters.reopens == 1)
        #expect(device.calls == ["open /dev/hidg0", "close 9", "open /dev/hidg0", "open /dev/hidg0"])
        wedge.send("3")
        wedge.service(nowNanoseconds: t0 + 200_000_000)
        #expect(device.reports == key(0x20))
    }

    @Test func aMissingDeviceAtStartSaysHowToBringTheGadgetUp() {
        let device = FakeHIDDevice()
        device.openAnswer = -ENOENT
        let wedge = makeWedge(device)
        #expect(throws: KeyboardWedgeError.self) { try wedge.open() }
        do {
            try wedge.open()
        } catch {
            #expect(error.description.contains("/dev/hidg0"))
            #expect(error.description.contains("lumascan usb-gadget up"))
        }
    }
}
