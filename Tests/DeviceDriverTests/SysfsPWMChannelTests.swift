import Foundation
import Glibc
import Hardware
import MallocCounter
import Testing

/// A temporary directory shaped like `/sys/class/pwm`: `pwmchip0` with `npwm`, `export`, `unexport`
/// and a `device` link to `1f00098000.pwm` (as on a Pi 5); channel folders made on request.
final class FakePWMTree: @unchecked Sendable {
    let root: String

    init(channels: Int = 2) {
        var template = Array("/tmp/lumascan-pwm-XXXXXX".utf8CString)
        // Read the name from the array itself: a pointer returned by mkdtemp outlives the array's last
        // use, and Swift 6.0.3 freed the storage before String(cString:) copied it.
        root = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        mkdir(root + "/pwmchip0", 0o755)
        write("pwmchip0/npwm", "\(channels)\n")
        write("pwmchip0/export", "")
        write("pwmchip0/unexport", "")
        symlink("../../../1f00098000.pwm", root + "/pwmchip0/device")
    }

    deinit {
        _ = try? FileManager.default.removeItem(atPath: root)
    }

    func write(_ path: String, _ text: String) {
        _ = FileManager.default.createFile(atPath: root + "/" + path, contents: Data(text.utf8))
    }

    func read(_ path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: root + "/" + path))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// What the kernel makes when a channel is exported. The files record writes, they do not play
    /// the kernel's reads: empty at first (`enable` is written with one byte at offset 0).
    func makeChannel(_ n: Int, period: String = "", duty: String = "", enable: String = "") {
        mkdir(root + "/pwmchip0/pwm\(n)", 0o755)
        write("pwmchip0/pwm\(n)/period", period)
        write("pwmchip0/pwm\(n)/duty_cycle", duty)
        write("pwmchip0/pwm\(n)/enable", enable)
    }

    /// Plays the kernel: once `export` holds the channel number, the channel folder appears.
    func exportsOnRequest() -> Thread {
        let t = Thread { [self] in
            for _ in 0..<400 {
                if let s = read("pwmchip0/export"), let n = Int(s.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    usleep(20_000)  // the kernel and udev take a moment
                    makeChannel(n)
                    return
                }
                usleep(5000)
            }
        }
        t.start()
        return t
    }
}

@Suite struct SysfsPWMChannelTests {
    @Test func anUnexportedChannelIsExportedGivenPeriodAndHalfDutyAndUnexportedAtClose() throws {
        let tree = FakePWMTree()
        _ = tree.exportsOnRequest()
        let pwm = try SysfsPWMChannel(spec: PWMChannelSpec(chip: "pwmchip0", channel: 1), frequencyHz: 2700, root: tree.root)
        #expect(pwm.exportedHere && pwm.channelPath == tree.root + "/pwmchip0/pwm1")
        #expect(tree.read("pwmchip0/export") == "1")
        // 1 s / 2700 = 370370 ns, half of it high.
        #expect(pwm.periodNanoseconds == 370_370)
        #expect(tree.read("pwmchip0/pwm1/period") == "370370")
        #expect(tree.read("pwmchip0/pwm1/duty_cycle") == "185185")
        #expect(tree.read("pwmchip0/pwm1/enable") == "0")
        pwm.set(on: true)
        #expect(tree.read("pwmchip0/pwm1/enable") == "1")
        pwm.set(on: false)
        #expect(tree.read("pwmchip0/pwm1/enable") == "0")
        pwm.set(on: true)
        pwm.close()
        #expect(tree.read("pwmchip0/pwm1/enable") == "0", "disabled at close")
        #expect(tree.read("pwmchip0/unexport") == "1")
        pwm.set(on: true)
        #expect(tree.read("pwmchip0/pwm1/enable") == "0", "no write after close")
        #expect(pwm.failedWrites == 0)
    }

    @Test func aChannelExportedBeforeIsTakenOverAndLeftExported() throws {
        let tree = FakePWMTree()
        // Left behind by another program: a longer period, a duty cycle beyond the new period, running.
        tree.makeChannel(0, period: "1000000", duty: "900000", enable: "1")
        let pwm = try SysfsPWMChannel(spec: PWMChannelSpec(chip: "pwmchip0", channel: 0), frequencyHz: 4000, root: tree.root)
        #expect(!pwm.exportedHere && tree.read("pwmchip0/export") == "")
        #expect(tree.read("pwmchip0/pwm0/enable") == "0", "silenced at start-up")
        #expect(tree.read("pwmchip0/pwm0/period") == "250000" && tree.read("pwmchip0/pwm0/duty_cycle") == "125000")
        pwm.close()
        #expect(tree.read("pwmchip0/unexport") == "", "not ours to unexport")
    }

    @Test func theChipIsFoundByItsDeviceNameWhateverItsNumber() throws {
        let tree = FakePWMTree()
        tree.makeChannel(1)
        let pwm = try SysfsPWMChannel(spec: PWMChannelSpec(chip: "1f00098000.pwm", channel: 1), frequencyHz: 1000, root: tree.root)
        #expect(pwm.chipPath == tree.root + "/pwmchip0")
        #expect(tree.read("pwmchip0/pwm1/period") == "1000000")
    }

    @Test func theChipsAreListedWithTheirDeviceAndChannelCount() {
        let tree = FakePWMTree(channels: 4)
        let chips = SysfsPWMChannel.chips(root: tree.root)
        #expect(chips.count == 1)
        #expect(chips.first?.name == "pwmchip0" && chips.first?.device == "1f00098000.pwm" && chips.first?.channels == 4)
        #expect(SysfsPWMChannel.chips(root: tree.root + "/none").isEmpty)
    }

    @Test func aMissingChipNamesTheChipsThereAreAndTheOverlayThatMakesOne() {
        let tree = FakePWMTree()
        do {
            _ = try SysfsPWMChannel(spec: PWMChannelSpec(chip: "pwmchip2", channel: 0), frequencyHz: 2700, root: tree.root)
            Issue.record("accepted a missing chip")
        } catch {
            #expect(error.description == "PWM pwmchip2/pwm0: no PWM chip pwmchip2 in \(tree.root) (there are pwmchip0 "
                + "(1f00098000.pwm)); enable the PWM in /boot/firmware/config.txt, e.g. dtoverlay=pwm,pin=18,func=2 for "
                + "GPIO18, reboot, and name the chip as `ls -l \(tree.root)` shows it (Board/README.md)")
        }
    }

    @Test func aChannelBeyondTheChipIsRefused() {
        let tree = FakePWMTree(channels: 2)
        #expect(throws: BuzzerError("PWM pwmchip0/pwm2 (\(tree.root)/pwmchip0/pwm2): chip \(tree.root)/pwmchip0 has "
            + "channels pwm0 to pwm1")) {
            try SysfsPWMChannel(spec: PWMChannelSpec(chip: "pwmchip0", channel: 2), frequencyHz: 2700, root: tree.root)
        }
        #expect(tree.read("pwmchip0/export") == "", "nothing exported")
    }

    @Test func anExportThatMakesNoChannelIsReportedAndUndone() {
        let tree = FakePWMTree()
        do {
            _ = try SysfsPWMChannel(spec: PWMChannelSpec(chip: "pwmchip0", channel: 0), frequencyHz: 2700, root: tree.root,
                                    exportWaitMilliseconds: 50)
            Issue.record("accepted a channel that never appeared")
        } catch {
            #expect(error.description.hasPrefix("PWM pwmchip0/pwm0 (\(tree.root)/pwmchip0/pwm0): cannot open "
                + "\(tree.root)/pwmchip0/pwm0/enable: No such file or directory"))
        }
        #expect(tree.read("pwmchip0/export") == "0" && tree.read("pwmchip0/unexport") == "0")
    }

    @Test func noAttributeFileIsEverCreated() {
        let tree = FakePWMTree()
        mkdir(tree.root + "/pwmchip0/pwm0", 0o755)  // a channel folder without its attributes
        #expect(throws: BuzzerError.self) {
            try SysfsPWMChannel(spec: PWMChannelSpec(chip: "pwmchip0", channel: 0), frequencyHz: 2700, root: tree.root,
                                exportWaitMilliseconds: 20)
        }
        let made = (try? FileManager.default.contentsOfDirectory(atPath: tree.root + "/pwmchip0/pwm0")) ?? ["?"]
        #expect(made.isEmpty, "created \(made)")
    }
}

/// The passive buzzer in the feedback path: only the buzzer line reaches the tone.
@Suite struct PassiveBuzzerFeedbackTests {
    final class LineLog: FeedbackOutput {
        var calls: [(FeedbackLine, Bool)] = []
        func set(_ line: FeedbackLine, on: Bool) { calls.append((line, on)) }
    }

    @Test func theBuzzerLineSwitchesThePWMAndEveryOtherLineGoesToTheBase() throws {
        let tree = FakePWMTree()
        tree.makeChannel(0)
        let buzzer = try PassiveBuzzer(pwm: PWMChannelSpec(chip: "pwmchip0", channel: 0), frequencyHz: 2700,
                                       sysfsRoot: tree.root)
        let base = LineLog()
        let feedback = PassiveBuzzerFeedback(base: base, buzzer: buzzer)
        feedback.set(.goodRead, on: true)
        feedback.set(.buzzer, on: true)
        #expect(tree.read("pwmchip0/pwm0/enable") == "1" && feedback.isSounding)
        feedback.allOff()
        #expect(tree.read("pwmchip0/pwm0/enable") == "0" && !feedback.isSounding)
        #expect(base.calls.map { $0.0 }.contains(.buzzer) == false)
        #expect(base.calls.first! == (.goodRead, true))
        #expect(buzzer.summary == "passive buzzer 2700 Hz on PWM \(tree.root)/pwmchip0/pwm0")
        buzzer.close()
        feedback.set(.buzzer, on: true)
        #expect(tree.read("pwmchip0/pwm0/enable") == "0", "silent for good after close")
    }

    @Test func aPWMBeepAllocatesNothing() throws {
        let tree = FakePWMTree()
        tree.makeChannel(0)
        let buzzer = try PassiveBuzzer(pwm: PWMChannelSpec(chip: "pwmchip0", channel: 0), frequencyHz: 2700,
                                       sysfsRoot: tree.root)
        let feedback = PassiveBuzzerFeedback(base: NoFeedback(), buzzer: buzzer)
        feedback.set(.buzzer, on: true)
        feedback.set(.buzzer, on: false)
        malloc_counter_start()
        for i in 0..<200 { feedback.set(.buzzer, on: i % 2 == 0) }
        let allocations = malloc_counter_stop()
        #expect(allocations == 0, "\(allocations) allocations in 100 beeps")
        #expect(buzzer.failedWrites == 0 && tree.read("pwmchip0/pwm0/enable") == "0")
    }
}
