/// Command lines to the protocol that answers them. Honeywell's `SYN T` / `SYN U` (0x16 `T` CR,
/// 0x16 `U` CR) are trigger on / off in every protocol and mode, and get no reply.
extension ReadController {
    static let syn: UInt8 = 0x16

    func commandLine(_ line: UnsafeBufferPointer<UInt8>, framed: Bool, now: UInt64, counters: inout ScanCounters) {
        counters.commands &+= 1
        if line.count == 2, line[0] == Self.syn {
            switch LineBytes.upper(line[1]) {
            case UInt8(ascii: "T"):
                openCycle(now: now, byInput: false, counters: &counters)
                return
            case UInt8(ascii: "U"):
                closeCycle(now: now, counters: &counters)
                return
            default: break
            }
        }
        switch commands.protocol {
        case .lumascan: lumascanCommand(line, now: now, counters: &counters)
        case .keyence: keyenceCommand(line, framed: framed, now: now, counters: &counters)
        case .cognex: cognexCommand(line, now: now, counters: &counters)
        }
    }

    /// A line longer than `max_line_bytes` was discarded; `head` is its beginning.
    func overlongLine(_ head: UnsafeBufferPointer<UInt8>, now: UInt64, counters: inout ScanCounters) {
        counters.commands &+= 1
        switch commands.protocol {
        case .lumascan:
            guard mayReplyWithError(now: now, counters: &counters) else { return }
            sendReply("ERR LINE TOO LONG", counters: &counters)
        case .keyence:
            keyenceError(head, code: "01", framed: lineReader.lineWasFramed, now: now, counters: &counters)
        case .cognex:
            cognexInvalid(now: now, counters: &counters)
        }
    }

    /// Zeroes every counter and the decode-time percentiles (uptime goes on).
    func resetCounters(_ counters: inout ScanCounters) {
        counters = ScanCounters()
        outbox.resetCounters() // the loop copies its count into `messagesOversized`
        decodeTimes.reset()
    }
}
