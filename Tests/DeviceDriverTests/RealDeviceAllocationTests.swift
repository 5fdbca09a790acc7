import Capture
import Glibc
import Hardware
import MallocCounter
import Testing

/// Zero heap allocations per frame and per line change on real kernel drivers. These run where the
/// devices are: the hardware VM test (Tests/VM/hardware/guest-main.sh) sets LUMASCAN_TEST_VIDEO to
/// vivid's capture node and LUMASCAN_TEST_GPIO_CHIP / LUMASCAN_TEST_GPIO_SIM to a gpio-sim chip and
/// its sysfs folder; without them (an ordinary `swift test`) they are skipped.
@Suite struct RealDeviceAllocationTests {
    static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        let s = String(cString: v)
        return s.isEmpty ? nil : s
    }

    @Test(.enabled(if: environment("LUMASCAN_TEST_VIDEO") != nil, "needs LUMASCAN_TEST_VIDEO (a V4L2 capture node)"))
    func cameraFramesAllocateNothingAfterTheFirst() throws {
        var settings = V4L2Camera.Settings()
        settings.device = Self.environment("LUMASCAN_TEST_VIDEO")!
        settings.fps = 60
        let camera = V4L2Camera(settings: settings)
        try camera.start()
        defer { camera.stop() }
        func frames(_ wanted: Int, maxTries: Int) -> (frames: Int, checksum: Int) {
            var n = 0, sum = 0
            for _ in 0..<maxTries where n < wanted {
                if case .ready(let frame) = camera.acquireFrame(timeoutNanoseconds: 100_000_000) {
                    sum &+= Int(frame.image.pixel(frame.image.width / 2, frame.image.height / 2))
                    n += 1
                    camera.releaseFrame()
                }
            }
            return (n, sum)
        }
        #expect(frames(10, maxTries: 200).frames == 10, "warm-up frames")
        malloc_counter_start()
        let (n, _) = frames(120, maxTries: 1200)
        let allocations = malloc_counter_stop()
        #expect(malloc_counter_is_active() == 1, "the malloc interposer is not linked in")
        #expect(n == 120)
        #expect(allocations == 0, "\(allocations) heap allocations in \(n) frames from \(camera.driverName)")
    }

    @Test(.enabled(if: environment("LUMASCAN_TEST_GPIO_CHIP") != nil && environment("LUMASCAN_TEST_GPIO_SIM") != nil,
                   "needs LUMASCAN_TEST_GPIO_CHIP and LUMASCAN_TEST_GPIO_SIM (a gpio-sim chip)"))
    func lineChangesAndTriggerEdgesAllocateNothing() throws {
        let chip = try GPIOChip.open(Self.environment("LUMASCAN_TEST_GPIO_CHIP")!)
        let feedback = try GPIOFeedback(chip: chip, lines: [.goodRead: .offset(0), .buzzer: .offset(3)], activeLow: false)
        let trigger = try GPIOTrigger(chip: chip, line: .offset(5), activeLow: true, bias: .pullUp, debounceMilliseconds: 0)
        let pull = open(Self.environment("LUMASCAN_TEST_GPIO_SIM")! + "/sim_gpio5/pull", O_WRONLY)
        #expect(pull >= 0)
        defer { close(pull) }
        let down = Array("pull-down\n".utf8), up = Array("pull-up\n".utf8)
        var edges = 0
        malloc_counter_start()
        for i in 0..<200 {
            feedback.set(.goodRead, on: i % 2 == 0)
            feedback.set(.buzzer, on: i % 2 == 0)
            _ = (i % 2 == 0 ? down : up).withUnsafeBytes { write(pull, $0.baseAddress, $0.count) }
            var ready = pollfd(fd: trigger.pollDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&ready, 1, 200)
            while trigger.nextEdge() != nil { edges += 1 }
        }
        let allocations = malloc_counter_stop()
        #expect(allocations == 0, "\(allocations) heap allocations in 400 line writes and \(edges) edges (\(GPIOChip.libraryDescription))")
        #expect(edges >= 190, "edges seen: \(edges) of 200")
        #expect(feedback.failedWrites == 0)
    }

    @Test(.enabled(if: environment("LUMASCAN_TEST_GPIO_CHIP") != nil && environment("LUMASCAN_TEST_GPIO_SIM") != nil,
                   "needs LUMASCAN_TEST_GPIO_CHIP and LUMASCAN_TEST_GPIO_SIM (a gpio-sim chip)"))
    func passiveBuzzerBeepsToggleARealLineAndAllocateNothing() throws {
        let chip = try GPIOChip.open(Self.environment("LUMASCAN_TEST_GPIO_CHIP")!)
        let line = try GPIOToneLine(chip: chip, spec: .offset(6), activeLow: false)
        let tone = try SquareWaveGenerator(pin: line, frequencyHz: 100)
        defer {
            tone.shutdown()
            line.release()
        }
        let value = open(Self.environment("LUMASCAN_TEST_GPIO_SIM")! + "/sim_gpio6/value", O_RDONLY)
        #expect(value >= 0)
        defer { close(value) }
        var byte: UInt8 = 0
        func level() -> UInt8 { _ = pread(value, &byte, 1, 0); return byte }
        var changes = 0
        malloc_counter_start()
        for _ in 0..<3 {
            tone.start()
            var last = level()
            // 200 ms of 100 Hz: 40 edges, sampled every 0.5 ms.
            for _ in 0..<400 {
                usleep(500)
                let now = level()
                if now != last { changes += 1 }
                last = now
            }
            tone.stop()
            usleep(20000)
        }
        let allocations = malloc_counter_stop()
        #expect(allocations == 0, "\(allocations) heap allocations in 3 beeps on the scan loop's side")
        #expect(changes >= 24, "level changes seen on the passive buzzer's line: \(changes) of about 120")
        #expect(level() == UInt8(ascii: "0"), "the line rests low after a beep")
        #expect(line.failedWrites == 0)
    }
}
