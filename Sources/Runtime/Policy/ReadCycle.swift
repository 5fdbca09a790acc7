/// One read cycle (trigger window): opened by a trigger, ended by trigger off, its timeout, or — per
/// `ScanSettings.Cycle` — its first read or the N-th distinct code.
struct ReadCycle {
    var isOpen = false
    /// When it opened (`CLOCK_MONOTONIC`): frames captured before are not part of it.
    var openedAt: UInt64 = 0
    /// When it times out; `.max` for none.
    var deadline: UInt64 = .max
    /// Opened by the trigger input (as opposed to a command).
    var byInput = false
    /// Reads sent during it (a cycle that ends with none sends the no-read string).
    var readsSent = 0
}

/// Codes gathered over the frames of a `collect` or `full-window` cycle, already encoded (separators,
/// AIM identifiers, JSON objects) in a buffer sized once, and remembered so each is taken once.
final class CollectedRead {
    var codes: MessageBuffer
    private(set) var count = 0
    /// Whether one of them matched the expected content (match-code mode).
    var matched = false
    var lastSequence: UInt64 = 0
    var decodeNanoseconds: UInt64 = 0
    /// Codes seen in this cycle ("distinct" means not in here yet).
    let seen: DuplicateFilter

    init(capacity: Int, maxCodes: Int) {
        codes = MessageBuffer(capacity: capacity)
        // A window of about eleven days: within one cycle a code is never admitted twice.
        seen = DuplicateFilter(windowMilliseconds: 1_000_000_000, capacity: max(64, maxCodes * 2))
    }

    func reset() {
        codes.reset()
        count = 0
        matched = false
        seen.removeAll()
    }

    /// Keeps the code just appended after byte `start`, or rolls it back when it did not fit.
    func commit(from start: Int) -> Bool {
        guard !codes.overflowed else {
            codes.rollBack(to: start)
            return false
        }
        count += 1
        return true
    }
}
