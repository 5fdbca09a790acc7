import Capture
import Hardware
import Symbols

/// The scan policy: decides when frames are decoded and which reads go out, answers commands, and
/// writes everything to the outbox and the feedback scheduler. It does no I/O itself, so that it can be
/// driven event by event in tests.
///
/// Continuous (presentation) mode: every frame is decoded; each frame's codes that pass same-code
/// suppression are sent as one read. A trigger (a command, Honeywell's SYN T, the trigger input in
/// `gpio` mode) opens a read cycle: frames captured after it are decoded until it ends — at its first
/// read, at the N-th distinct code, or at trigger off or its timeout — and a cycle without a code sends
/// the no-read string. Commands arrive as bytes (`received`), are cut into lines in a fixed buffer, and
/// are answered per the configured protocol (Lumascan, Keyence SR, Cognex DMCC). Nothing here
/// allocates after init.
public final class ReadController {
    public let settings: ScanSettings
    public let commands: CommandSettings
    public let encoder: ReadEncoder
    public let duplicates: DuplicateFilter
    /// Decode time per decoded frame (for status replies and the summary).
    public let decodeTimes = LatencyHistogram()
    let outbox: Outbox
    let feedback: FeedbackScheduler
    let lineReader: CommandLineReader
    let matcher: MatchCode?
    let matchSettings: MatchSettings
    let noRead: [UInt8]
    let collected: CollectedRead
    private let selected: UnsafeMutableBufferPointer<Int>
    var cycle = ReadCycle()
    let startedAt: UInt64
    private var nextHeartbeat: UInt64 = 0
    /// Error replies left before the rate limit (refilled one per `errorReplyRefill`).
    private var errorTokens = ReadController.errorBurst
    private var lastRefill: UInt64 = 0
    static let errorBurst = 20
    static let errorReplyRefill: UInt64 = 50_000_000
    static let keyenceCharacterTimeout: UInt64 = 10_000_000_000
    private var lastByteAt: UInt64 = 0
    /// Gets every read that is sent (the USB keyboard wedge types it).
    public var readTap: ReadTap?
    /// The USB links' counters for the status reply.
    public var usbStatus: USBStatus?

    public init(settings: ScanSettings, encoder: ReadEncoder, outbox: Outbox, feedback: FeedbackScheduler,
                maxResults: Int, commands: CommandSettings = CommandSettings(), match: MatchSettings = MatchSettings(),
                noRead: [UInt8] = Array("NOREAD".utf8), collectBytes: Int = 65536) {
        self.settings = settings
        self.commands = commands
        self.encoder = encoder
        self.outbox = outbox
        self.feedback = feedback
        self.noRead = noRead
        matchSettings = match
        matcher = match.isEnabled ? MatchCode(expected: match.expected, increment: match.increment) : nil
        duplicates = DuplicateFilter(windowMilliseconds: settings.duplicateMilliseconds,
                                     capacity: max(64, maxResults * 4))
        selected = UnsafeMutableBufferPointer.allocate(capacity: max(1, maxResults))
        lineReader = CommandLineReader(capacity: commands.maxLineBytes, stxEtxFraming: commands.protocol == .keyence)
        collected = CollectedRead(capacity: collectBytes, maxCodes: max(settings.maxCodesPerRead, settings.collectCount))
        startedAt = MonotonicClock.nanoseconds()
        lastRefill = startedAt
    }

    deinit { selected.deallocate() }

    /// Whether a read cycle is running.
    public var isCycleOpen: Bool { cycle.isOpen }

    /// Whether the loop should take and decode frames now.
    public func wantsFrames(now: UInt64) -> Bool {
        settings.mode == .continuous || cycle.isOpen
    }

    /// Whether a frame captured at `timestamp` belongs to what is being read: during a read cycle, a
    /// frame exposed before the trigger shows the scene before it and is not decoded.
    public func acceptsFrame(capturedAt timestamp: UInt64) -> Bool {
        !cycle.isOpen || timestamp >= cycle.openedAt
    }

    /// When `tick` must run next (a cycle's timeout, a heartbeat), or `.max`.
    public func nextDeadline(now: UInt64) -> UInt64 {
        var next = cycle.isOpen ? cycle.deadline : .max
        if commands.heartbeatMilliseconds > 0 { next = min(next, nextHeartbeat == 0 ? now : nextHeartbeat) }
        return next
    }

    /// Time passed: end a cycle whose time is up; send a heartbeat when one is due.
    public func tick(now: UInt64, counters: inout ScanCounters) {
        if cycle.isOpen, now >= cycle.deadline { closeCycle(now: now, counters: &counters) }
        if commands.heartbeatMilliseconds > 0 {
            let interval = UInt64(commands.heartbeatMilliseconds) * 1_000_000
            if nextHeartbeat == 0 {
                nextHeartbeat = now &+ interval
            } else if now >= nextHeartbeat {
                commands.heartbeat.withUnsafeBufferPointer { sendReply($0, counters: &counters) }
                nextHeartbeat = max(nextHeartbeat &+ interval, now &+ 1)
            }
        }
    }

    /// The trigger input changed (acted on in `gpio` mode).
    public func triggerEdge(_ edge: TriggerEdge, now: UInt64, counters: inout ScanCounters) {
        guard settings.mode == .gpio else { return }
        if edge.isActive {
            _ = openCycle(now: now, byInput: true, counters: &counters)
        } else if settings.gpioTrigger == .level, cycle.isOpen, cycle.byInput {
            closeCycle(now: now, counters: &counters)
        }
    }

    /// Bytes arrived on the command channel.
    public func received(_ bytes: UnsafeRawBufferPointer, now: UInt64, counters: inout ScanCounters) {
        // A Keyence reader forgets a partial command after 10 s without a byte; so do we, in that mode.
        if commands.protocol == .keyence, now &- lastByteAt > Self.keyenceCharacterTimeout { lineReader.clear() }
        if !bytes.isEmpty { lastByteAt = now }
        for byte in bytes {
            switch lineReader.take(byte) {
            case .none: continue
            case .line: commandLine(lineReader.line, framed: lineReader.lineWasFramed, now: now, counters: &counters)
            case .overlong: overlongLine(lineReader.line, now: now, counters: &counters)
            }
        }
    }

    // MARK: Read cycles

    /// Opens a read cycle unless one is open; returns whether it opened.
    @discardableResult
    func openCycle(now: UInt64, byInput: Bool, counters: inout ScanCounters) -> Bool {
        guard !cycle.isOpen else { return false }
        counters.triggers &+= 1
        let window = UInt64(settings.windowMilliseconds) * 1_000_000
        cycle = ReadCycle(isOpen: true, openedAt: now, deadline: window > 0 ? now &+ window : .max, byInput: byInput)
        collected.reset()
        if feedback.settings.illumination == .window { feedback.set(.illumination, on: true) }
        return true
    }

    /// Ends the running cycle: sends what a collecting cycle gathered, or the no-read string when the
    /// cycle read nothing (unless `quietly`, for a reset).
    func closeCycle(now: UInt64, counters: inout ScanCounters, quietly: Bool = false) {
        guard cycle.isOpen else { return }
        cycle.isOpen = false
        if !quietly {
            if collected.count > 0 {
                sendCollected(now: now, counters: &counters)
            } else if cycle.readsSent == 0 {
                sendNoRead(now: now, counters: &counters)
            }
        }
        collected.reset()
        if feedback.settings.illumination == .window { feedback.set(.illumination, on: false) }
    }

    // MARK: Frames

    /// A frame was decoded: `results` holds `count` symbols. Returns the number of codes sent.
    @discardableResult
    public func frameDecoded(results: ResultSlots, count: Int, sequence: UInt64, decodeNanoseconds: UInt64,
                             mapping: ViewMapping, now: UInt64, counters: inout ScanCounters) -> Int {
        counters.symbolsFound &+= UInt64(count)
        counters.symbolsDropped &+= UInt64(results.droppedCount)
        guard count > 0 else { return 0 }
        if cycle.isOpen {
            return cycleFrame(results: results, count: count, sequence: sequence, decodeNanoseconds: decodeNanoseconds,
                              mapping: mapping, now: now, counters: &counters)
        }
        guard settings.mode == .continuous else { return 0 }
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
        return sendRead(report, now: now, counters: &counters) ? n : 0
    }

    /// A frame with codes during a read cycle.
    private func cycleFrame(results: ResultSlots, count: Int, sequence: UInt64, decodeNanoseconds: UInt64,
                            mapping: ViewMapping, now: UInt64, counters: inout ScanCounters) -> Int {
        if settings.cycle == .firstRead {
            let n = min(count, selected.count, settings.maxCodesPerRead)
            for i in 0..<n { selected[i] = i } // Safe: i < n <= selected.count.
            counters.symbolsDropped &+= UInt64(count - n)
            let report = ReadReport(results: results, indices: UnsafeBufferPointer(rebasing: selected[0..<n]),
                                    sequence: sequence, decodeNanoseconds: decodeNanoseconds, mapping: mapping)
            let sent = sendRead(report, now: now, counters: &counters)
            if sent { cycle.readsSent += 1 }
            closeCycle(now: now, counters: &counters)
            return sent ? n : 0
        }
        let limit = settings.cycle == .collect ? settings.collectCount : settings.maxCodesPerRead
        for i in 0..<count where collected.count < limit {
            let symbol = results[i]
            guard collected.seen.admit(symbol, now: now) else { continue }
            let start = collected.codes.count
            encoder.appendCode(symbol, first: collected.count == 0, mapping: mapping, into: &collected.codes)
            guard collected.commit(from: start) else {
                counters.symbolsDropped &+= 1
                continue
            }
            if let matcher, matcher.matches(Self.data(of: symbol, encoder: encoder)) { collected.matched = true }
        }
        collected.lastSequence = sequence
        collected.decodeNanoseconds = decodeNanoseconds
        guard settings.cycle == .collect, collected.count >= settings.collectCount else { return 0 }
        let n = collected.count
        closeCycle(now: now, counters: &counters)
        return n
    }

    /// The bytes of a code that match-code mode compares: its text, or its raw bytes when it has no
    /// text or raw payloads are configured.
    static func data(of symbol: DecodedSymbol, encoder: ReadEncoder) -> UnsafeBufferPointer<UInt8> {
        encoder.settings.payload == .raw || PayloadText.isBinary(symbol) ? symbol.bytes : symbol.text
    }

    // MARK: Rate limit for error replies

    /// Takes one error-reply token (a flood of garbage must not crowd reads out of the link).
    func takeErrorToken(now: UInt64) -> Bool {
        if now < lastRefill { lastRefill = now } // a caller with its own clock (tests)
        if now > lastRefill {
            let gained = (now - lastRefill) / Self.errorReplyRefill
            if gained > 0 {
                errorTokens = min(Self.errorBurst, errorTokens + Int(min(gained, UInt64(Self.errorBurst))))
                lastRefill = lastRefill &+ gained &* Self.errorReplyRefill
            }
        }
        guard errorTokens > 0 else { return false }
        errorTokens -= 1
        return true
    }
}
