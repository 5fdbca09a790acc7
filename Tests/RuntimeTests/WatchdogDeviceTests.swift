import Foundation
import Glibc
import Testing
import TestSupport

/// `[watchdog] device`: the kernel watchdog protocol (a write restarts the countdown, `V` before
/// close disarms it), checked through a FIFO that stands in for `/dev/watchdog` — a real one would
/// reset the test machine.
@Suite(.serialized) struct WatchdogDeviceTests {
    init() { BrokenPipes.ignore() } // these tests write into FIFOs and pipes

    /// Starts `lumascan run --demo` with the FIFO as its watchdog and returns it with the read end.
    private func start(_ dir: TemporaryFolder) throws -> (Subprocess, Int32) {
        let fifo = dir.path + "/watchdog"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK) // before the scanner opens it for writing
        let config = dir.write("lumascan.toml", "source = \"demo\"\n[watchdog]\ndevice = \"\(fifo)\"\ntimeout_s = 3\n")
        return (try Subprocess(["run", "--config", config]), reader)
    }

    private func readAll(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func aCleanStopPingsThenDisarmsWithTheMagicCharacter() throws {
        let dir = TemporaryFolder()
        let (p, reader) = try start(dir)
        defer { close(reader) }
        #expect(p.waitFor(seconds: 10) { $0.stderr.contains("hardware watchdog") })
        usleep(2_200_000) // pings every timeout / 3 = 1 s
        p.signal(SIGTERM)
        #expect(p.exitStatus() == 0)
        let written = readAll(reader)
        #expect(written.hasSuffix("V"), "\(written.debugDescription)")
        #expect(written.dropLast().allSatisfy { $0 == "k" } && written.count >= 3, "\(written.debugDescription)")
        #expect(p.stderr.contains("hardware watchdog \(dir.path)/watchdog armed: 3 s without a decoded frame resets the board"))
    }

    @Test func aKilledScannerLeavesTheWatchdogArmed() throws {
        let dir = TemporaryFolder()
        let (p, reader) = try start(dir)
        defer { close(reader) }
        #expect(p.waitFor(seconds: 10) { $0.stderr.contains("hardware watchdog") })
        usleep(300_000)
        p.signal(SIGKILL)
        _ = p.exitStatus()
        let written = readAll(reader)
        #expect(!written.isEmpty && !written.contains("V"), "\(written.debugDescription)")
    }

    @Test func aWatchdogThatCannotBeOpenedExitsSevenWithTheReason() throws {
        let dir = TemporaryFolder()
        let config = dir.write("lumascan.toml", "source = \"demo\"\n[watchdog]\ndevice = \"/dev/watchdog-gone\"\n")
        let p = try Subprocess(["run", "--config", config])
        #expect(p.exitStatus() == 7)
        #expect(p.stderr.contains("cannot open watchdog /dev/watchdog-gone: No such file or directory"), "\(p.stderr)")
    }
}
