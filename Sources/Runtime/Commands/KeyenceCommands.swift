/// The Keyence SR compatible protocol, as its manuals document it: a command is `CMD` or
/// `CMD,param…` ended by CR (or framed STX … ETX); the reply uses the same framing: `OK,CMD[,data]`
/// or `ER,CMD,ee`. Error codes: 00 unknown command, 01 bad format, 02 parameter out of range, 20 not
/// executable now. Read data follows `OK,LON`; a cycle without a code sends `ERROR`.
///
/// | command | reply |
/// | --- | --- |
/// | `LON` (`trigger_on`), `LON,nn` (bank number: accepted, ignored) | `OK,LON`; `ER,LON,20` while a cycle runs |
/// | `LOFF` (`trigger_off`) | `OK,LOFF` (then `ERROR` if nothing was read); `ER,LOFF,20` when no cycle runs |
/// | `KEYENCE` | `OK,KEYENCE,LUMASCAN,<version>` |
/// | `RESET` | `OK,RESET`: the cycle ends without output, partial input and counters are cleared |
/// | `BCLR` | `OK,BCLR`: output not yet handed to the serial port and codes being collected are dropped |
/// | `NUM` | `OK,NUM,<good reads>,<mismatches>,<no-reads>,<good reads>,<triggers>` |
extension ReadController {
    func keyenceCommand(_ line: UnsafeBufferPointer<UInt8>, framed: Bool, now: UInt64, counters: inout ScanCounters) {
        let comma = LineBytes.firstIndex(of: UInt8(ascii: ","), in: line)
        let name = UnsafeBufferPointer(rebasing: line[0..<(comma ?? line.count)])
        let parameters = comma.map { UnsafeBufferPointer(rebasing: line[($0 + 1)...]) }
        let isOn = LineBytes.equal(name, commands.triggerOn), isOff = LineBytes.equal(name, commands.triggerOff)
        if let parameters, !(isOn || isOff) || !Self.isBankNumber(parameters) {
            keyenceError(name, code: "01", framed: framed, now: now, counters: &counters)
            return
        }
        if isOn {
            guard !cycle.isOpen else {
                keyenceError(name, code: "20", framed: framed, now: now, counters: &counters)
                return
            }
            keyenceOK(name, framed: framed, counters: &counters)
            openCycle(now: now, byInput: false, counters: &counters)
        } else if isOff {
            guard cycle.isOpen else {
                keyenceError(name, code: "20", framed: framed, now: now, counters: &counters)
                return
            }
            keyenceOK(name, framed: framed, counters: &counters)
            closeCycle(now: now, counters: &counters)
        } else if LineBytes.equal(name, "KEYENCE") {
            guard beginReply(counters: &counters) else { return }
            if framed { outbox.buffer.append(CommandLineReader.stx) }
            outbox.buffer.append("OK,KEYENCE,LUMASCAN,")
            outbox.buffer.append(LumascanVersion.text)
            endReply(framed: framed, counters: &counters)
        } else if LineBytes.equal(name, "RESET") {
            closeCycle(now: now, counters: &counters, quietly: true)
            resetCounters(&counters)
            keyenceOK(name, framed: framed, counters: &counters)
        } else if LineBytes.equal(name, "BCLR") {
            outbox.removeAll()
            collected.reset()
            keyenceOK(name, framed: framed, counters: &counters)
        } else if LineBytes.equal(name, "NUM") {
            guard beginReply(counters: &counters) else { return }
            if framed { outbox.buffer.append(CommandLineReader.stx) }
            outbox.buffer.append("OK,NUM")
            appendNumber(counters.readsSent)
            appendNumber(counters.mismatches)
            appendNumber(counters.noReads)
            appendNumber(counters.readsSent)
            appendNumber(counters.triggers)
            endReply(framed: framed, counters: &counters)
        } else {
            keyenceError(name, code: "00", framed: framed, now: now, counters: &counters)
        }
    }

    /// `OK,<command>`.
    private func keyenceOK(_ name: UnsafeBufferPointer<UInt8>, framed: Bool, counters: inout ScanCounters) {
        guard beginReply(counters: &counters) else { return }
        if framed { outbox.buffer.append(CommandLineReader.stx) }
        outbox.buffer.append("OK,")
        outbox.buffer.append(name)
        endReply(framed: framed, counters: &counters)
    }

    /// `ER,<command>,<code>`, the command echoed (at most 16 bytes, unprintable ones as `?`).
    func keyenceError(_ name: UnsafeBufferPointer<UInt8>, code: StaticString, framed: Bool, now: UInt64,
                      counters: inout ScanCounters) {
        guard mayReplyWithError(now: now, counters: &counters), beginReply(counters: &counters) else { return }
        if framed { outbox.buffer.append(CommandLineReader.stx) }
        outbox.buffer.append("ER,")
        let comma = LineBytes.firstIndex(of: UInt8(ascii: ","), in: name) ?? name.count
        LineBytes.appendEcho(UnsafeBufferPointer(rebasing: name[0..<comma]), limit: 16, into: &outbox.buffer)
        outbox.buffer.append(UInt8(ascii: ","))
        outbox.buffer.append(code)
        endReply(framed: framed, counters: &counters)
    }

    private func appendNumber(_ value: UInt64) {
        outbox.buffer.append(UInt8(ascii: ","))
        outbox.buffer.appendDecimal(Int(truncatingIfNeeded: value))
    }

    /// A parameter bank number after `LON,`: one or two digits.
    private static func isBankNumber(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        (1...2).contains(p.count) && p.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
