import Runtime
import Testing

/// The scan policy driven event by event, with a clock the test sets: command timing rules that would
/// take seconds of wall time end to end.
struct ReadControllerTests {
    static let second: UInt64 = 1_000_000_000

    final class Policy {
        let outbox = Outbox(capacity: 65536, maxMessages: 256)
        let controller: ReadController
        var counters = ScanCounters()

        init(_ commands: CommandSettings, scan: ScanSettings = ScanSettings(mode: .serial)) {
            let settings = OutputSettings(suffix: commands.protocol == .keyence ? [0x0D] : nil)
            controller = ReadController(settings: scan, encoder: ReadEncoder(settings: settings), outbox: outbox,
                                        feedback: FeedbackScheduler(settings: FeedbackSettings()), maxResults: 4,
                                        commands: commands, noRead: Array("NR".utf8))
        }

        /// Feeds `text` at `now`; returns the messages it produced, joined.
        func send(_ text: String, at now: UInt64) -> String {
            Array(text.utf8).withUnsafeBytes { controller.received($0, now: now, counters: &counters) }
            return take()
        }

        func tick(at now: UInt64) -> String {
            controller.tick(now: now, counters: &counters)
            return take()
        }

        func take() -> String {
            var out = ""
            for i in 0..<outbox.messageCount { out += String(decoding: outbox.message(i), as: UTF8.self) }
            outbox.removeAll()
            return out
        }
    }

    @Test func aKeyencePartialCommandIsForgottenAfterTenSilentSeconds() {
        let p = Policy(CommandSettings(protocol: .keyence))
        #expect(p.send("LO", at: 100 * Self.second) == "")
        #expect(p.send("N\r", at: 109 * Self.second) == "OK,LON\r", "9.x s: still one command")
        #expect(p.send("NU", at: 120 * Self.second) == "")
        #expect(p.send("M\r", at: 131 * Self.second) == "ER,M,00\r", "11 s of silence: \"NU\" was forgotten")
    }

    @Test func errorRepliesAreLimitedToABurstThenTwentyPerSecond() {
        let p = Policy(CommandSettings())
        let t0 = 50 * Self.second
        let burst = p.send(String(repeating: "BAD\r", count: 100), at: t0)
        #expect(burst == String(repeating: "ERR UNKNOWN COMMAND\r\n", count: 20))
        #expect(p.counters.commandErrors == 100 && p.counters.repliesDropped == 80)
        let later = p.send(String(repeating: "BAD\r", count: 100), at: t0 + Self.second / 2)
        #expect(later == String(repeating: "ERR UNKNOWN COMMAND\r\n", count: 10), "half a second later: ten more")
        #expect(p.send("?\r", at: t0 + Self.second / 2).hasPrefix("STATUS "), "other replies are not limited")
    }

    @Test func aCycleEndsAtItsDeadlineWithTheNoReadString() {
        let p = Policy(CommandSettings(), scan: ScanSettings(mode: .serial, windowMilliseconds: 250))
        let t0 = 10 * Self.second
        #expect(p.send("LON\r", at: t0) == "")
        #expect(p.controller.isCycleOpen && p.controller.nextDeadline(now: t0) == t0 + 250_000_000)
        #expect(p.controller.wantsFrames(now: t0) && !p.controller.acceptsFrame(capturedAt: t0 - 1))
        #expect(p.tick(at: t0 + 249_999_999) == "")
        #expect(p.tick(at: t0 + 250_000_000) == "NR\r\n")
        #expect(!p.controller.isCycleOpen && !p.controller.wantsFrames(now: t0 + 250_000_000))
        #expect(p.counters.triggers == 1 && p.counters.noReads == 1)
    }

    @Test func resetZeroesEveryCounterTheStatusReports() {
        let p = Policy(CommandSettings())
        _ = p.send("LON\rLOFF\rJUNK\r", at: Self.second)
        #expect(p.counters.noReads == 1 && p.counters.commandErrors == 1)
        #expect(p.send("reset\r", at: Self.second) == "OK RESET\r\n")
        #expect(p.counters == ScanCounters())
        let status = p.send("?\r", at: 3 * Self.second)
        #expect(status.contains(" triggers=0 good_reads=0 no_reads=0 ") && status.contains(" dropped=0 "), "\(status)")
    }
}
