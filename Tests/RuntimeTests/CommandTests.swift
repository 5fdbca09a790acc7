import Foundation
import Glibc
import Testing

/// `lumascan run` and `lumascan check-config` as an operator, a script or systemd uses them.
@Suite(.serialized) struct CommandTests {
    @Test func theDemoWritesReadsToStdoutAndFeedbackToStderr() throws {
        let p = try Subprocess(["run", "--demo", "--fps", "60", "--max-frames", "40"])
        #expect(p.exitStatus() == 0)
        #expect(p.stdout.hasPrefix("LUMASCAN DEMO 1\r\n"), "\(p.stdout.debugDescription)")
        #expect(p.stderr.contains("] LED status on\n"))
        #expect(p.stderr.contains("] LED good_read on\n") && p.stderr.contains("] buzzer on\n"))
        #expect(p.stderr.contains("lumascan: scanning built-in demo frames, 640x480"))
        #expect(p.stderr.contains("lumascan: stopped after 40 frames: "))
    }

    @Test func sigtermStopsCleanlyWithEveryLineOffAndExitZero() throws {
        let p = try Subprocess(["run", "--demo"])
        #expect(p.waitFor(seconds: 10) { $0.stdout.contains("\r\n") }, "a first read")
        p.signal(SIGTERM)
        #expect(p.exitStatus() == 0)
        let lines = p.stderr.split(separator: "\n")
        #expect(lines.last?.hasPrefix("lumascan: stopped after") == true)
        let tail = lines.suffix(4).joined(separator: "\n")
        #expect(tail.contains("LED status off") && tail.contains("illumination off"), "\(tail)")
    }

    @Test func sigintStopsLikeSigterm() throws {
        let p = try Subprocess(["run", "--demo", "--quiet"])
        #expect(p.waitFor(seconds: 10) { $0.stderr.contains("status on") })
        p.signal(SIGINT)
        #expect(p.exitStatus() == 0)
    }

    @Test func sighupReloadsAValidConfigurationAndKeepsTheRunningOneOnErrors() throws {
        let dir = TemporaryFolder()
        let config = dir.write("lumascan.toml", "source = \"demo\"\n[demo]\nfps = 60\n[scan]\nduplicate_ms = 0\n")
        let p = try Subprocess(["run", "--config", config])
        #expect(p.waitFor(seconds: 10) { $0.stdout.contains("LUMASCAN DEMO 1\r\n") })
        dir.write("lumascan.toml", "source = \"demo\"\n[demo]\nfps = 60\n[scan]\nduplicate_ms = 0\n[output]\nformat = \"jsonl\"\n")
        p.signal(SIGHUP)
        #expect(p.waitFor(seconds: 10) { $0.stdout.contains("{\"seq\":") }, "JSON after the reload")
        #expect(p.stderr.contains("configuration reloaded; restarting the scan loop"))
        dir.write("lumascan.toml", "source = \"demo\"\n[output]\nformat = \"xml\"\n")
        p.signal(SIGHUP)
        #expect(p.waitFor(seconds: 10) { $0.stderr.contains("keeping the running configuration") })
        #expect(p.stderr.contains("lumascan.toml:3:10: output.format = \"xml\": not a known value"))
        let before = p.stdout.count
        #expect(p.waitFor(seconds: 10) { $0.stdout.count > before }, "still scanning")
        #expect(p.stdout.suffix(from: p.stdout.index(p.stdout.startIndex, offsetBy: before)).hasPrefix("{\"seq\":"))
        // Valid, but its serial port does not exist: the running configuration is started again.
        dir.write("lumascan.toml", "source = \"demo\"\n[serial]\ndevice = \"/dev/ttyGONE\"\n")
        p.signal(SIGHUP)
        #expect(p.waitFor(seconds: 10) {
            $0.stderr.contains("SIGHUP: cannot open serial port /dev/ttyGONE: No such file or directory; keeping the running configuration")
        })
        let later = p.stdout.count
        #expect(p.waitFor(seconds: 10) { $0.stdout.count > later }, "still scanning after the failed reload")
        p.signal(SIGTERM)
        #expect(p.exitStatus() == 0)
    }

    @Test func theDemoEndsWhenTheReaderOfItsOutputGoesAway() throws {
        // `lumascan run --demo | head -c 16`: the shell returns once both have exited.
        let p = try Subprocess(["-c", "'\(Subprocess.lumascan)' run --demo --quiet | head -c 17"], executable: "/bin/sh")
        #expect(p.exitStatus(within: 15) == 0)
        #expect(p.stdout == "LUMASCAN DEMO 1\r\n")
    }

    @Test func onceExitsZeroAfterTheFirstRead() throws {
        let p = try Subprocess(["run", "--demo", "--once", "--quiet"])
        #expect(p.exitStatus() == 0)
        #expect(p.stdout == "LUMASCAN DEMO 1\r\n")
    }

    @Test func onceExitsFiveWhenNoCodeComesBeforeTheTimeout() throws {
        let p = try Subprocess(["run", "--replay", "/dev/zero", "--device", "stdout", "--once", "--timeout", "0.5", "--quiet"])
        #expect(p.exitStatus() == 5)
        #expect(p.stdout.isEmpty)
    }

    @Test func checkConfigPrintsTheEffectiveConfiguration() throws {
        let dir = TemporaryFolder()
        let file = dir.write("ok.toml", "[serial]\nbaud = 9600\n")
        let p = try Subprocess(["check-config", file])
        #expect(p.exitStatus() == 0)
        #expect(p.stdout.contains("\n[serial]\ndevice = \"/dev/serial0\"  # default for source \"camera\"\nbaud = 9600\n"))
        #expect(p.stdout.contains("suffix = \"\\r\\n\"  # the format's default\n"))
    }

    @Test func aBadConfigurationExitsSixWithEveryMistake() throws {
        let dir = TemporaryFolder()
        let file = dir.write("bad.toml", "[serial]\nbaud = 115201\nparty = \"even\"\n")
        for arguments in [["check-config", file], ["run", "--config", file]] {
            let p = try Subprocess(arguments)
            #expect(p.exitStatus() == 6)
            #expect(p.stderr.contains("bad.toml:2:8: serial.baud = 115201: not a supported baud rate"))
            #expect(p.stderr.contains("bad.toml:3:1: serial.party = \"even\": unknown key in [serial] (did you mean \"parity\"?)"))
        }
    }

    @Test func aMissingConfigurationExitsSix() throws {
        let p = try Subprocess(["run", "--config", "/nonexistent/lumascan.toml"])
        #expect(p.exitStatus() == 6)
        #expect(p.stderr.contains("/nonexistent/lumascan.toml: cannot open: No such file or directory"))
    }

    @Test func aSerialPortThatCannotBeOpenedExitsSeven() throws {
        let p = try Subprocess(["run", "--demo", "--device", "/dev/ttyNONEXISTENT"])
        #expect(p.exitStatus() == 7)
        #expect(p.stderr.contains("cannot open serial port /dev/ttyNONEXISTENT: No such file or directory"))
    }

    @Test func usageErrorsExitSixtyFour() throws {
        for arguments in [["run", "--demo", "--baud", "12345"], ["run", "--demo", "--output", "xml"],
                          ["run", "--demo", "--timeout", "3"]] {
            let p = try Subprocess(arguments)
            #expect(p.exitStatus() == 64, "\(arguments)")
        }
    }
}
