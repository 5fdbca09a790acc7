import Symbols

/// Same-code suppression: a code is not sent again within `windowNanoseconds` of the last time it was
/// sent (the "reread delay" of industrial readers; default 500 ms in continuous mode).
///
/// Codes are remembered by format, length and a 64-bit FNV-1a hash of their payload bytes in a fixed
/// table; when it is full, the entry sent longest ago is replaced. No allocation after init.
public final class DuplicateFilter {
    private struct Entry {
        var hash: UInt64 = 0
        var length = 0
        var format: UInt8 = 0
        var used = false
        var lastSent: UInt64 = 0
    }

    public let windowNanoseconds: UInt64
    private var entries: [Entry]
    /// Codes held back since start.
    public private(set) var suppressed: UInt64 = 0

    public init(windowMilliseconds: Int, capacity: Int = 64) {
        windowNanoseconds = UInt64(max(0, windowMilliseconds)) * 1_000_000
        entries = [Entry](repeating: Entry(), count: max(1, capacity))
    }

    /// Whether `symbol` may be sent now; if so, it is recorded as sent at `now`.
    public func admit(_ symbol: DecodedSymbol, now: UInt64) -> Bool {
        guard windowNanoseconds > 0 else { return true }
        let hash = Self.fnv1a(symbol.bytes.isEmpty ? symbol.text : symbol.bytes)
        let length = symbol.bytes.count
        let format = symbol.format.rawValue
        var oldest = 0
        for i in 0..<entries.count {
            let e = entries[i]
            if e.used && e.hash == hash && e.length == length && e.format == format {
                if now &- e.lastSent < windowNanoseconds {
                    suppressed &+= 1
                    return false
                }
                entries[i].lastSent = now
                return true
            }
            if !e.used || (entries[oldest].used && e.lastSent < entries[oldest].lastSent) { oldest = i }
        }
        entries[oldest] = Entry(hash: hash, length: length, format: format, used: true, lastSent: now)
        return true
    }

    /// Forgets every code (a new read cycle, a counter reset).
    public func removeAll() {
        for i in 0..<entries.count { entries[i].used = false }
    }

    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }
}
