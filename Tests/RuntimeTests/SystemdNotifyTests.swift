import Foundation
import Glibc
import Hardware
import Runtime
import Testing
import TestSupport

/// The `sd_notify` protocol as systemd sees it (`Type=notify`, `WatchdogSec=`): the test plays the
/// service manager's socket, path and abstract, and watches what `lumascan run` says and when.
@Suite(.serialized) struct SystemdNotifyTests {
    init() { BrokenPipes.ignore() } // these tests write into FIFOs and pipes

    @Test(arguments: [false, true])
    func theNotifierReachesAPathOrAnAbstractSocket(abstract: Bool) throws {
        let dir = TemporaryFolder()
        let listener = try NotifyListener(abstract: abstract, folder: dir.path)
        defer { listener.stop() }
        let notifier = try SystemdNotifier(socket: listener.address, watchdogIntervalNanoseconds: nil)
        notifier.ready(status: "scanning\nsecond line")
        #expect(notifier.pingWatchdog())
        notifier.stopping(status: "stopping")
        #expect(listener.waitFor(seconds: 5) { $0.count == 3 })
        #expect(listener.messages == ["READY=1\nSTATUS=scanning second line", "WATCHDOG=1", "STOPPING=1\nSTATUS=stopping"])
        #expect(notifier.failedSends == 0)
    }

    @Test func addressesThatAreNotUnixSocketsAreRefusedWithTheReason() {
        for bad in ["relative/path", "vsock:2:1234", "@", "/" + String(repeating: "x", count: 120)] {
            #expect(throws: SystemdNotifier.SetupError.unsupportedAddress(bad)) {
                try SystemdNotifier(socket: bad, watchdogIntervalNanoseconds: nil)
            }
        }
    }

    @Test func aManagerThatWentAwayCostsAFailedSendNotACrash() throws {
        let dir = TemporaryFolder()
        let notifier = try SystemdNotifier(socket: dir.path + "/nobody-listens", watchdogIntervalNanoseconds: nil)
        #expect(!notifier.pingWatchdog())
        #expect(notifier.failedSends == 1)
    }

    @Test func theWatchdogPingsOnlyForDecodedFramesAndReportsAStallOnce() throws {
        let dir = TemporaryFolder()
        let listener = try NotifyListener(abstract: true, folder: dir.path)
        defer { listener.stop() }
        let notifier = try SystemdNotifier(socket: listener.address, watchdogIntervalNanoseconds: 1_000_000_000)
        let ms: UInt64 = 1_000_000
        let w = FrameWatchdog(notifier: notifier, device: nil, status: "scanning", stalledStatus: "stalled",
                              stallNanoseconds: 2000 * ms, now: 0)
        for t in stride(from: UInt64(0), through: 1100, by: 33) { w.frameDecoded(now: t * ms) } // at 0, 528, 1056
        #expect(w.notifierPings == 3)
        for t in stride(from: UInt64(1100), through: 4000, by: 100) { w.tick(now: t * ms) }     // no frames
        #expect(w.notifierPings == 3, "no frames, no pings")
        w.frameDecoded(now: 4100 * ms)
        w.tick(now: 4200 * ms)
        #expect(listener.waitFor(seconds: 5) { $0.count == 6 })
        #expect(listener.messages == ["WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1", "STATUS=stalled", "STATUS=scanning", "WATCHDOG=1"])
    }

    // MARK: The command under a service manager

    @Test(arguments: [false, true])
    func runSaysReadyThenPingsWhileScanningAndStoppingOnSigterm(abstract: Bool) throws {
        let dir = TemporaryFolder()
        let listener = try NotifyListener(abstract: abstract, folder: dir.path)
        defer { listener.stop() }
        let started = Date()
        let p = try Subprocess(["run", "--demo", "--quiet"],
                               environment: ["NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "200000", "WATCHDOG_PID": ""])
        #expect(listener.waitFor(seconds: 10) { $0.filter { $0 == "WATCHDOG=1" }.count >= 5 }, "\(listener.messages)")
        p.signal(SIGTERM)
        let lifetime = Date().timeIntervalSince(started)
        #expect(p.exitStatus() == 0)
        listener.waitFor(seconds: 2) { $0.last?.hasPrefix("STOPPING=1") == true }
        let m = listener.messages
        #expect(m.first == "READY=1\nSTATUS=scanning demo frames 640x480, plain to stdout", "\(m)")
        #expect(m.last == "STOPPING=1\nSTATUS=stopping")
        // Pings at half the 200 ms interval, not per frame (30 fps).
        let pings = listener.count("WATCHDOG=1")
        #expect(pings <= Int(lifetime / 0.1) + 1, "\(pings) pings in \(lifetime) s")
    }

    @Test func aTriggeredScannerWaitingForItsTriggerStillPings() throws {
        let dir = TemporaryFolder()
        let listener = try NotifyListener(abstract: true, folder: dir.path)
        defer { listener.stop() }
        let config = dir.write("lumascan.toml", "source = \"demo\"\n[scan]\nmode = \"serial\"\n")
        let p = try Subprocess(["run", "--config", config, "--quiet"],
                               environment: ["NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "1000000", "WATCHDOG_PID": ""])
        #expect(listener.waitFor(seconds: 10) { $0.filter { $0 == "WATCHDOG=1" }.count >= 3 }, "\(listener.messages)")
        p.signal(SIGTERM)
        #expect(p.exitStatus() == 0)
        #expect(p.stdout.isEmpty, "no trigger, no read")
        #expect(!listener.messages.contains { $0.hasPrefix("STATUS=no frames") })
    }

    @Test func noWatchdogPingsWithoutWatchdogUsecOrForAnotherProcess() throws {
        let dir = TemporaryFolder()
        for env in [["WATCHDOG_USEC": ""], ["WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1"]] {
            let listener = try NotifyListener(abstract: true, folder: dir.path)
            let p = try Subprocess(["run", "--demo", "--quiet"], environment: env.merging(["NOTIFY_SOCKET": listener.address]) { a, _ in a })
            #expect(listener.waitFor(seconds: 10) { $0.first?.hasPrefix("READY=1") == true })
            usleep(600_000)
            p.signal(SIGTERM)
            #expect(p.exitStatus() == 0)
            #expect(listener.count("WATCHDOG=1") == 0, "\(env): \(listener.messages)")
            listener.stop()
        }
    }

    @Test func pingsStopWhileTheCameraDeliversNothingAndResumeWhenFramesComeBack() throws {
        // A raw replay from a FIFO stands in for a camera that hangs: while the writer sends
        // nothing, the loop decodes nothing and systemd must hear nothing.
        let dir = TemporaryFolder()
        let fifo = dir.path + "/frames.y8"
        #expect(mkfifo(fifo, 0o600) == 0)
        let listener = try NotifyListener(abstract: true, folder: dir.path)
        defer { listener.stop() }
        let config = dir.write("lumascan.toml", """
            source = "replay"
            [replay]
            path = "\(fifo)"
            width = 64
            height = 64
            fps = 0
            [serial]
            device = "stdout"
            """)
        let p = try Subprocess(["run", "--config", config, "--quiet"],
                               environment: ["NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "100000", "WATCHDOG_PID": ""])
        let writer = open(fifo, O_WRONLY)
        #expect(writer >= 0)
        defer { close(writer) }
        let frame = [UInt8](repeating: 200, count: 64 * 64)
        func feed(seconds: Double) {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                _ = frame.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
                usleep(10_000)
            }
        }
        feed(seconds: 1)
        let whileFlowing = listener.count("WATCHDOG=1")
        #expect(whileFlowing >= 5, "\(listener.messages)")
        usleep(1_000_000) // the camera hangs for a second
        let afterStall = listener.count("WATCHDOG=1")
        #expect(afterStall <= whileFlowing + 1, "pings during the stall: \(afterStall - whileFlowing)")
        feed(seconds: 1)
        #expect(listener.count("WATCHDOG=1") >= afterStall + 5, "pings resume")
        p.signal(SIGTERM)
        _ = frame.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) } // unblocks a pending read
        #expect(p.exitStatus(within: 10) == 0)
    }

    @Test func sighupSaysReloadingThenReadyAgain() throws {
        let dir = TemporaryFolder()
        let listener = try NotifyListener(abstract: true, folder: dir.path)
        defer { listener.stop() }
        let config = dir.write("lumascan.toml", "source = \"demo\"\n")
        let p = try Subprocess(["run", "--config", config, "--quiet"], environment: ["NOTIFY_SOCKET": listener.address])
        #expect(listener.waitFor(seconds: 10) { $0.count == 1 })
        dir.write("lumascan.toml", "source = \"demo\"\n[output]\nformat = \"jsonl\"\n")
        p.signal(SIGHUP)
        #expect(listener.waitFor(seconds: 10) { $0.count >= 3 }, "\(listener.messages)")
        p.signal(SIGTERM)
        #expect(p.exitStatus() == 0)
        let m = listener.messages
        #expect(m.count == 4, "\(m)")
        #expect(m.count > 1 && m[1].hasPrefix("RELOADING=1\nMONOTONIC_USEC=") && m[1].hasSuffix("\nSTATUS=reloading the configuration"))
        #expect(m.count > 2 && m[2] == "READY=1\nSTATUS=scanning demo frames 640x480, jsonl to stdout")
    }

    @Test func aFailedStartIsReportedAsTheServiceStatus() throws {
        let dir = TemporaryFolder()
        let listener = try NotifyListener(abstract: true, folder: dir.path)
        defer { listener.stop() }
        let p = try Subprocess(["run", "--demo", "--device", "/dev/ttyGONE"], environment: ["NOTIFY_SOCKET": listener.address])
        #expect(p.exitStatus() == 7)
        #expect(listener.waitFor(seconds: 2) { $0 == ["STATUS=cannot open serial port /dev/ttyGONE: No such file or directory"] },
                "\(listener.messages)")
    }
}
