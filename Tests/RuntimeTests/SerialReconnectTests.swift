import Foundation
import Glibc
import ImageFiles
import Runtime
import Symbols
import Testing

/// A USB serial adapter unplugged and plugged back: the device path goes away and comes back (here a
/// symlink moved from one pseudo-terminal to another); the scanner keeps decoding meanwhile, counts
/// what it could not send, and sends on the new device once it is there.
@Suite struct SerialReconnectTests {
    @Test func theScannerReopensTheDeviceWhenItComesBack() throws {
        let dir = TemporaryFolder()
        let link = dir.path + "/ttyUSB0"
        let first = try PseudoTerminal()
        #expect(symlink(first.slavePath, link) == 0)
        var c = LoopHarness.config()
        c.serial.reopenMilliseconds = 100
        let frames = [MarkerFrames.frame([MarkerCode(.qrCode, "TICK")])]
        let h = try LoopHarness(frames: frames, config: c, fps: 50, loops: true, pty: first, devicePath: link)
        h.run(frames: 5)
        #expect(first.read(atLeast: 6).starts(with: Array("TICK\r\n".utf8)))

        // Unplug: the terminal hangs up (its master closes) and the path disappears.
        unlink(link)
        first.hangUp()
        h.run(frames: 25) // 0.5 s: the loss is noticed, reads are dropped and counted, decoding goes on
        #expect(!h.port.isOpen)
        #expect(h.port.counters.disconnects == 1)
        #expect(h.loop.counters.messagesDropped > 0)

        // Plug back in: a new terminal appears at the same path.
        let second = try PseudoTerminal()
        #expect(symlink(second.slavePath, link) == 0)
        h.run(frames: 25)
        #expect(h.port.isOpen && h.port.counters.reopens == 1)
        let after = String(decoding: second.read(atLeast: 12), as: UTF8.self)
        #expect(after.hasPrefix("TICK\r\nTICK\r\n"), "\(after.debugDescription)")
        h.stop()
    }
}
