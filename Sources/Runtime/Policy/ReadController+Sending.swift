import Symbols

/// What the scan policy puts in the outbox: reads (or the match-code answer in their place), the
/// no-read string, and command replies, each as one whole message.
extension ReadController {
    enum MatchOutcome { case off, match, mismatch }

    /// Sends one frame's read. Returns whether it went into the outbox.
    func sendRead(_ report: ReadReport, now: UInt64, counters: inout ScanCounters) -> Bool {
        var outcome = MatchOutcome.off
        if let matcher {
            outcome = .mismatch
            for i in report.indices where matcher.matches(Self.data(of: report.results[i], encoder: encoder)) {
                outcome = .match
                break
            }
        }
        outbox.begin()
        if !encodeAnswer(outcome) { encoder.encode(report, into: &outbox.buffer) }
        guard outbox.commit() else {
            counters.messagesOversized &+= 1
            return false
        }
        readTap?.readSent(report)
        readSent(codes: report.indices.count, outcome: outcome, now: now, counters: &counters)
        return true
    }

    /// Sends the codes a collecting cycle gathered, as one read.
    func sendCollected(now: UInt64, counters: inout ScanCounters) {
        let outcome: MatchOutcome = matcher == nil ? .off : (collected.matched ? .match : .mismatch)
        outbox.begin()
        if !encodeAnswer(outcome) {
            encoder.encode(codes: collected.codes.bytes, sequence: collected.lastSequence,
                           decodeNanoseconds: collected.decodeNanoseconds, into: &outbox.buffer)
        }
        guard outbox.commit() else {
            counters.messagesOversized &+= 1
            return
        }
        readTap?.collectedSent(codes: collected.codes.bytes, encodedBy: encoder)
        cycle.readsSent += 1
        readSent(codes: collected.count, outcome: outcome, now: now, counters: &counters)
    }

    /// In match-code mode, writes the configured answer in place of the data; false when the data
    /// itself is to be sent.
    private func encodeAnswer(_ outcome: MatchOutcome) -> Bool {
        let text: [UInt8]
        switch outcome {
        case .off: return false
        case .match: text = matchSettings.onMatch
        case .mismatch: text = matchSettings.onMismatch
        }
        guard !text.isEmpty else { return false }
        text.withUnsafeBufferPointer { _ = encoder.encode(text: $0, into: &outbox.buffer) }
        return true
    }

    /// Counters and feedback for a read that went out.
    private func readSent(codes: Int, outcome: MatchOutcome, now: UInt64, counters: inout ScanCounters) {
        counters.readsSent &+= 1
        counters.codesSent &+= UInt64(codes)
        switch outcome {
        case .off:
            feedback.goodRead(now: now)
        case .match:
            counters.matches &+= 1
            feedback.goodRead(now: now)
            feedback.pulse(.match, milliseconds: feedback.settings.matchMilliseconds, now: now)
            matcher?.advance()
        case .mismatch:
            counters.mismatches &+= 1
            feedback.noRead(now: now)
        }
    }

    /// A cycle ended without a code.
    func sendNoRead(now: UInt64, counters: inout ScanCounters) {
        counters.noReads &+= 1
        feedback.noRead(now: now)
        guard !noRead.isEmpty else { return }
        outbox.begin()
        noRead.withUnsafeBufferPointer { _ = encoder.encode(text: $0, into: &outbox.buffer) }
        if !outbox.commit() { counters.messagesOversized &+= 1 }
    }

    // MARK: Replies

    /// Sends `text` as a reply framed for the protocol: CR LF after it (Lumascan, Cognex), CR or
    /// STX … ETX (Keyence, like the command it answers).
    func sendReply(_ text: UnsafeBufferPointer<UInt8>, framed: Bool = false, counters: inout ScanCounters) {
        guard beginReply(counters: &counters) else { return }
        if framed { outbox.buffer.append(CommandLineReader.stx) }
        outbox.buffer.append(text)
        endReply(framed: framed, counters: &counters)
    }

    func sendReply(_ text: StaticString, framed: Bool = false, counters: inout ScanCounters) {
        sendReply(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount), framed: framed,
                  counters: &counters)
    }

    /// Starts a reply in the outbox; false (and counted) when no slot is left this iteration.
    func beginReply(counters: inout ScanCounters) -> Bool {
        guard outbox.hasFreeSlot else {
            counters.repliesDropped &+= 1
            return false
        }
        outbox.begin()
        return true
    }

    /// Ends a reply begun with `beginReply` with the protocol's terminator and commits it.
    func endReply(framed: Bool, counters: inout ScanCounters) {
        switch commands.protocol {
        case .lumascan, .cognex: outbox.buffer.append("\r\n")
        case .keyence: outbox.buffer.append(framed ? CommandLineReader.etx : CommandLineReader.cr)
        }
        if !outbox.commit() { counters.repliesDropped &+= 1 }
    }

    /// Whether an error reply may go out now (counted as dropped when not).
    func mayReplyWithError(now: UInt64, counters: inout ScanCounters) -> Bool {
        counters.commandErrors &+= 1
        guard takeErrorToken(now: now) else {
            counters.repliesDropped &+= 1
            return false
        }
        return true
    }
}
