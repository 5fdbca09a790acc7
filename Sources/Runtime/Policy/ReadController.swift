import Hardware
import Symbols

/// The scan policy: decides when frames are decoded and which reads go out, and writes them to the
/// outbox and the feedback scheduler. It does no I/O itself, so that it can be driven event by event
/// in tests.
///
/// Continuous (presentation) mode: every frame is decoded; each frame's codes that pass same-code
/// suppression are sent as one read (several codes joined by the separator), with a good-read pulse.
/// Triggered read cycles plug in here: `triggerEdge` and `received` are the entry points for a GPIO
/// photo-eye and serial commands, `wantsFrames` opens and closes the window, `nextDeadline` and
/// `tick` end it (a no-read); in continuous mode they do nothing.
public final class ReadController {
    public let settings: ScanSettings
    public let encoder: ReadEncoder
    public let duplicates: DuplicateFilter
    private let outbox: Outbox
    private let feedback: FeedbackScheduler
    private let selected: UnsafeMutableBufferPointer<Int>

    public init(settings: ScanSettings, encoder: ReadEncoder, outbox: Outbox, feedback: FeedbackScheduler,
                maxResults: Int) {
        self.settings = settings
        self.encoder = encoder
        self.outbox = outbox
        self.feedback = feedback
        duplicates = DuplicateFilter(windowMilliseconds: settings.duplicateMilliseconds,
                                     capacity: max(64, maxResults * 4))
        selected = UnsafeMutableBufferPointer.allocate(capacity: max(1, maxResults))
    }

    deinit { selected.deallocate() }

    /// Whether the loop should take and decode frames now.
    public func wantsFrames(now: UInt64) -> Bool {
        switch settings.mode {
        case .continuous: true
        }
    }

    /// When `tick` must run next (the end of a read cycle), or `.max`.
    public func nextDeadline(now: UInt64) -> UInt64 { .max }

    /// Time passed: end read cycles whose time is up.
    public func tick(now: UInt64) {}

    /// A trigger input changed.
    public func triggerEdge(_ edge: TriggerEdge, now: UInt64) {}

    /// Bytes arrived on the serial line (commands). Continuous mode has no commands: they are ignored.
    public func received(_ bytes: UnsafeRawBufferPointer, now: UInt64) {}

    /// A frame was decoded: `results` holds `count` symbols. Returns the number of codes sent.
    @discardableResult
    public func frameDecoded(results: ResultSlots, count: Int, sequence: UInt64, decodeNanoseconds: UInt64,
                             mapping: ViewMapping, now: UInt64, counters: inout ScanCounters) -> Int {
        counters.symbolsFound &+= UInt64(count)
        counters.symbolsDropped &+= UInt64(results.droppedCount)
        guard count > 0 else { return 0 }
        var n = 0
        for i in 0..<count {
            let symbol = results[i]
            guard duplicates.admit(symbol, now: now) else {
                counters.duplicatesSuppressed &+= 1
                continue
            }
            guard n < min(selected.count, settings.maxCodesPerRead) else {
                counters.symbolsDropped &+= 1
                continue
            }
            selected[n] = i // Safe: n < selected.count.
            n += 1
        }
        guard n > 0 else { return 0 }
        let report = ReadReport(results: results, indices: UnsafeBufferPointer(rebasing: selected[0..<n]),
                                sequence: sequence, decodeNanoseconds: decodeNanoseconds, mapping: mapping)
        outbox.begin()
        encoder.encode(report, into: &outbox.buffer)
        guard outbox.commit() else {
            counters.messagesOversized &+= 1
            return 0
        }
        counters.readsSent &+= 1
        counters.codesSent &+= UInt64(n)
        feedback.goodRead(now: now)
        return n
    }
}
