import Foundation
import Glibc
import Testing

/// `lumascan run` as a PLC integrator configures it: a Keyence-compatible reader on a serial line (here
/// a pseudo-terminal), triggered by `LON`, answering `NUM`.
@Suite(.serialized) struct PLCCommandLineTests {
    @Test func aKeyenceConfiguredScannerAnswersLikeOne() throws {
        let pty = try PseudoTerminal()
        let dir = TemporaryFolder()
        let config = dir.write("plc.toml", """
        source = "demo"
        [scan]
        mode = "serial"
        window_ms = 2000
        [commands]
        protocol = "keyence"
        [serial]
        device = "\(pty.slavePath)"
        """)
        let p = try Subprocess(["run", "--config", config])
        #expect(p.waitFor(seconds: 10) { $0.stderr.contains("serial mode, keyence commands") }, "\(p.stderr)")
        usleep(100_000)
        pty.write(Array("LON\r".utf8))
        let reply = String(decoding: pty.read(atLeast: 10, seconds: 3), as: UTF8.self)
        #expect(reply.hasPrefix("OK,LON\r"), "\(reply.debugDescription)")
        #expect(reply.count > 8 && reply.hasSuffix("\r") && !reply.contains("\n"), "data ended by CR: \(reply.debugDescription)")
        pty.write(Array("NUM\r".utf8))
        #expect(String(decoding: pty.read(atLeast: 17, seconds: 3), as: UTF8.self) == "OK,NUM,1,0,0,1,1\r")
        p.signal(SIGTERM)
        #expect(p.exitStatus() == 0)
    }
}
