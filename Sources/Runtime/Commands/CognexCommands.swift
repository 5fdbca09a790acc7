/// A subset of Cognex DataMan Control Commands (DMCC), as Cognex documents them: a command is
/// `||<options>>COMMAND` ended by CR LF, where the options are empty (`||>`), `<checksum>` or
/// `<checksum>:<command-id>`; checksum 1 means the last byte before the footer is the XOR of every
/// byte before it. Commands are case-insensitive. Supported: `TRIGGER ON`, `TRIGGER OFF` (the read or
/// the no-read string answers). With `cognex_replies = "silent"` (Cognex's default) nothing else is
/// sent and invalid commands are ignored; with `"extended"` every command gets
/// `||<options as received>[<status>]` CR LF (plus the XOR byte before CR LF when the command used
/// checksum 1): status 0 done, 101 invalid command, 102 invalid parameter, 103 checksum incorrect.
extension ReadController {
    func cognexCommand(_ line: UnsafeBufferPointer<UInt8>, now: UInt64, counters: inout ScanCounters) {
        let bar = UInt8(ascii: "|")
        guard line.count >= 3, line[0] == bar, line[1] == bar,
              let close = LineBytes.firstIndex(of: UInt8(ascii: ">"), in: UnsafeBufferPointer(rebasing: line[2...]))
        else {
            cognexInvalid(now: now, counters: &counters)
            return
        }
        let optionsEnd = 2 + close
        let options = UnsafeBufferPointer(rebasing: line[2..<optionsEnd])
        guard let checksummed = Self.checksumFlag(options) else {
            cognexReply(options, status: "102", checksummed: false, error: true, now: now, counters: &counters)
            return
        }
        var commandEnd = line.count
        if checksummed {
            guard commandEnd > optionsEnd + 1 else {
                cognexReply(options, status: "103", checksummed: true, error: true, now: now, counters: &counters)
                return
            }
            commandEnd -= 1
            var x: UInt8 = 0
            for i in 0..<commandEnd { x ^= line[i] }
            guard x == line[commandEnd] else {
                cognexReply(options, status: "103", checksummed: true, error: true, now: now, counters: &counters)
                return
            }
        }
        let command = LineBytes.trimmed(UnsafeBufferPointer(rebasing: line[(optionsEnd + 1)..<commandEnd]))
        if LineBytes.equal(command, "TRIGGER ON", ignoringCase: true) {
            cognexReply(options, status: "0", checksummed: checksummed, error: false, now: now, counters: &counters)
            openCycle(now: now, byInput: false, counters: &counters)
        } else if LineBytes.equal(command, "TRIGGER OFF", ignoringCase: true) {
            cognexReply(options, status: "0", checksummed: checksummed, error: false, now: now, counters: &counters)
            closeCycle(now: now, counters: &counters)
        } else {
            cognexReply(options, status: "101", checksummed: checksummed, error: true, now: now, counters: &counters)
        }
    }

    /// A line that is not a DMCC command (no `||…>` header), or too long: status 101 without options.
    func cognexInvalid(now: UInt64, counters: inout ScanCounters) {
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        cognexReply(none, status: "101", checksummed: false, error: true, now: now, counters: &counters)
    }

    /// The extended reply, or nothing in silent mode.
    private func cognexReply(_ options: UnsafeBufferPointer<UInt8>, status: StaticString, checksummed: Bool, error: Bool,
                             now: UInt64, counters: inout ScanCounters) {
        if error {
            guard mayReplyWithError(now: now, counters: &counters) else { return }
        }
        guard commands.cognexReplies == .extended, beginReply(counters: &counters) else { return }
        let start = outbox.buffer.count
        outbox.buffer.append("||")
        outbox.buffer.append(options)
        outbox.buffer.append(UInt8(ascii: "["))
        outbox.buffer.append(status)
        outbox.buffer.append(UInt8(ascii: "]"))
        if checksummed {
            var x: UInt8 = 0
            let bytes = outbox.buffer.bytes
            for i in start..<bytes.count { x ^= bytes[i] }
            outbox.buffer.append(x)
        }
        endReply(framed: false, counters: &counters)
    }

    /// The checksum field of the header options: "" or "0" → false, "1" → true, followed by nothing or
    /// `:<digits>`; nil when malformed.
    private static func checksumFlag(_ options: UnsafeBufferPointer<UInt8>) -> Bool? {
        let colon = LineBytes.firstIndex(of: UInt8(ascii: ":"), in: options)
        let flagEnd = colon ?? options.count
        let flag = UnsafeBufferPointer(rebasing: options[0..<flagEnd])
        if let colon {
            let id = UnsafeBufferPointer(rebasing: options[(colon + 1)...])
            guard id.count <= 10, id.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        }
        if flag.isEmpty || LineBytes.equal(flag, "0") { return false }
        if LineBytes.equal(flag, "1") { return true }
        return nil
    }
}
