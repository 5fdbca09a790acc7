import Hardware
import ImageFiles
import Runtime
import Symbols
import Testing

/// Feedback timing, same-code suppression and the latency histogram.
@Suite struct FeedbackAndPolicyTests {
    static let ms: UInt64 = 1_000_000

    @Test func aPulseEndsOnTimeAndTheDriverSeesOnlyChanges() {
        let s = FeedbackScheduler(settings: FeedbackSettings(goodReadMilliseconds: 100, buzzerMilliseconds: 40))
        let out = RecordingFeedback()
        s.setRunning(true, now: 0)
        s.apply(to: out)
        s.goodRead(now: 10 * Self.ms)
        s.apply(to: out)
        s.apply(to: out) // nothing changed: no calls
        #expect(s.nextDeadline(now: 10 * Self.ms) == 50 * Self.ms)
        s.update(now: 50 * Self.ms)
        s.apply(to: out)
        #expect(s.nextDeadline(now: 50 * Self.ms) == 110 * Self.ms)
        s.update(now: 110 * Self.ms)
        s.apply(to: out)
        let events = out.recorded.map { "\($0.line.name) \($0.on)" }
        #expect(events == ["status true", "illumination true", "good_read true", "buzzer true", "buzzer false",
                           "good_read false"])
    }

    @Test func aNewReadRestartsARunningPulse() {
        let s = FeedbackScheduler(settings: FeedbackSettings(goodReadMilliseconds: 100, buzzerMilliseconds: 0))
        s.setRunning(true, now: 0)
        s.goodRead(now: 0)
        s.goodRead(now: 80 * Self.ms)
        s.update(now: 120 * Self.ms)
        #expect(s.isOn(.goodRead))
        #expect(!s.isOn(.buzzer), "buzzer_ms = 0: no beep")
        s.update(now: 180 * Self.ms)
        #expect(!s.isOn(.goodRead))
    }

    @Test func theStatusLEDBlinksDuringAFaultAndIsSteadyAfter() {
        let s = FeedbackScheduler(settings: FeedbackSettings(faultBlinkMilliseconds: 200))
        s.setRunning(true, now: 0)
        s.setFault(true, now: 0)
        var levels: [Bool] = []
        for t in stride(from: UInt64(0), to: 400, by: 50) {
            s.update(now: t * Self.ms)
            levels.append(s.isOn(.status))
        }
        #expect(levels == [true, true, false, false, true, true, false, false])
        #expect(s.nextDeadline(now: 120 * Self.ms) == 200 * Self.ms)
        s.setFault(false, now: 400 * Self.ms)
        s.update(now: 450 * Self.ms)
        #expect(s.isOn(.status))
        s.setRunning(false, now: 500 * Self.ms)
        #expect(FeedbackLine.allCases.allSatisfy { !s.isOn($0) }, "stopping switches everything off")
    }

    @Test func illuminationFollowsItsSetting() {
        let on = FeedbackScheduler(settings: FeedbackSettings(illumination: .always))
        on.setRunning(true, now: 0)
        let off = FeedbackScheduler(settings: FeedbackSettings(illumination: .off))
        off.setRunning(true, now: 0)
        #expect(on.isOn(.illumination) && !off.isOn(.illumination))
    }

    /// The symbol `MarkerReader` makes of `code`: a view into `reader`'s slots, so the caller keeps
    /// `reader` alive while it uses the symbol (`withExtendedLifetime`).
    func symbol(_ code: MarkerCode, _ reader: MarkerReader) -> DecodedSymbol {
        _ = MarkerFrames.frame([code]).withLumaImage { reader.decode($0) }
        return reader.results[0]
    }

    @Test func theSameCodeIsHeldBackUntilTheWindowHasPassedSinceItWasSent() {
        let f = DuplicateFilter(windowMilliseconds: 500)
        let a = MarkerReader(), b = MarkerReader()
        defer { withExtendedLifetime((a, b)) {} }
        let qr = symbol(MarkerCode(.qrCode, "A"), a)
        #expect(f.admit(qr, now: 0))
        #expect(!f.admit(qr, now: 499 * Self.ms))
        #expect(f.admit(symbol(MarkerCode(.qrCode, "B"), b), now: 499 * Self.ms), "another code goes through")
        #expect(f.admit(symbol(MarkerCode(.code128, "A"), b), now: 499 * Self.ms), "same text, other format: another code")
        #expect(f.admit(qr, now: 500 * Self.ms))
        #expect(!f.admit(qr, now: 600 * Self.ms))
        #expect(f.suppressed == 2)
        #expect(DuplicateFilter(windowMilliseconds: 0).admit(qr, now: 0))
    }

    @Test func whenTheTableIsFullTheCodeSentLongestAgoIsForgotten() {
        let f = DuplicateFilter(windowMilliseconds: 10_000, capacity: 2)
        let readers = (0..<3).map { _ in MarkerReader() }
        defer { withExtendedLifetime(readers) {} }
        let codes = ["X", "Y", "Z"].enumerated().map { symbol(MarkerCode(.qrCode, $1), readers[$0]) }
        #expect(f.admit(codes[0], now: 1) && f.admit(codes[1], now: 2) && f.admit(codes[2], now: 3))
        #expect(f.admit(codes[0], now: 4), "X was evicted by Z")
        #expect(!f.admit(codes[2], now: 5))
    }

    @Test func percentilesAreWithinAnEighthOfTheTruth() {
        let h = LatencyHistogram()
        for i in 1...1000 { h.record(nanoseconds: UInt64(i) * 10_000) } // 10 µs … 10 ms
        for (p, truth) in [(0.5, 5_000_000.0), (0.99, 9_900_000.0), (0.1, 1_000_000.0)] {
            let v = Double(h.percentile(p))
            #expect(v >= truth && v <= truth * 1.125, "p\(p): \(v) vs \(truth)")
        }
        #expect(h.count == 1000 && h.maximum == 10_000_000)
        h.reset()
        #expect(h.percentile(0.5) == 0)
    }
}
