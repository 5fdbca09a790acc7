/// Lumascan's own protocol. Commands are compared without regard to case; replies end in CR LF.
///
/// | command (default) | reply |
/// | --- | --- |
/// | `trigger_on` (`LON`) | none: the read or the no-read string is the answer |
/// | `trigger_off` (`LOFF`) | none (a cycle without a code sends the no-read string) |
/// | `status` (`?`) | `STATUS version=… uptime_s=… mode=… triggers=… good_reads=… no_reads=… matches=… mismatches=… frames=… dropped=… decode_p50_ms=… decode_p99_ms=…`, then in USB device mode `usb_serial_dropped=… keyboard_typed=… keyboard_dropped=… keyboard_untypable=…` |
/// | `test` (`TEST`) | `OK TEST`; every LED, the buzzer and the match output on for `testMilliseconds` |
/// | `reset` (`RESET`) | `OK RESET`; counters and decode times zeroed |
/// | anything else | `ERR UNKNOWN COMMAND` |
/// | a line over `max_line_bytes` | `ERR LINE TOO LONG` |
extension ReadController {
    static let testMilliseconds = 500

    func lumascanCommand(_ line: UnsafeBufferPointer<UInt8>, now: UInt64, counters: inout ScanCounters) {
        if LineBytes.equal(line, commands.triggerOn, ignoringCase: true) {
            openCycle(now: now, byInput: false, counters: &counters)
        } else if LineBytes.equal(line, commands.triggerOff, ignoringCase: true) {
            closeCycle(now: now, counters: &counters)
        } else if LineBytes.equal(line, commands.status, ignoringCase: true) {
            sendStatus(now: now, counters: &counters)
        } else if LineBytes.equal(line, commands.test, ignoringCase: true) {
            // One call per line: an array literal here could cost a heap allocation per command.
            feedback.pulse(.goodRead, milliseconds: Self.testMilliseconds, now: now)
            feedback.pulse(.noRead, milliseconds: Self.testMilliseconds, now: now)
            feedback.pulse(.buzzer, milliseconds: Self.testMilliseconds, now: now)
            feedback.pulse(.match, milliseconds: Self.testMilliseconds, now: now)
            if !feedback.isOn(.illumination) { feedback.pulse(.illumination, milliseconds: Self.testMilliseconds, now: now) }
            sendReply("OK TEST", counters: &counters)
        } else if LineBytes.equal(line, commands.reset, ignoringCase: true) {
            resetCounters(&counters)
            sendReply("OK RESET", counters: &counters)
        } else if mayReplyWithError(now: now, counters: &counters) {
            sendReply("ERR UNKNOWN COMMAND", counters: &counters)
        }
    }

    /// The status line (one message; numbers written in place, nothing allocated).
    func sendStatus(now: UInt64, counters: inout ScanCounters) {
        guard beginReply(counters: &counters) else { return }
        let k = counters
        outbox.buffer.append("STATUS version=")
        outbox.buffer.append(LumascanVersion.text)
        outbox.buffer.append(" uptime_s=")
        outbox.buffer.appendDecimal(Int((now &- startedAt) / 1_000_000_000))
        outbox.buffer.append(" mode=")
        switch settings.mode {
        case .continuous: outbox.buffer.append("continuous")
        case .serial: outbox.buffer.append("serial")
        case .gpio: outbox.buffer.append("gpio")
        }
        appendField(" triggers=", k.triggers)
        appendField(" good_reads=", k.readsSent)
        appendField(" no_reads=", k.noReads)
        appendField(" matches=", k.matches)
        appendField(" mismatches=", k.mismatches)
        appendField(" frames=", k.frames)
        appendField(" dropped=", k.messagesDropped &+ k.messagesOversized)
        outbox.buffer.append(" decode_p50_ms=")
        outbox.buffer.appendMilliseconds(nanoseconds: decodeTimes.percentile(0.5))
        outbox.buffer.append(" decode_p99_ms=")
        outbox.buffer.appendMilliseconds(nanoseconds: decodeTimes.percentile(0.99))
        usbStatus?.append(into: &outbox.buffer)
        endReply(framed: false, counters: &counters)
    }

    private func appendField(_ name: StaticString, _ value: UInt64) {
        outbox.buffer.append(name)
        outbox.buffer.appendDecimal(Int(truncatingIfNeeded: value))
    }
}
