/// A fixed-capacity byte buffer that one outgoing message is built in, allocated once at start-up.
///
/// Appends past the end are refused and remembered in `overflowed` (the message is then dropped and
/// counted by its sender, never sent truncated). Helpers write decimal numbers, milliseconds, hex and
/// JSON-escaped text without building a String.
public struct MessageBuffer: ~Copyable {
    private let storage: UnsafeMutablePointer<UInt8>
    public let capacity: Int
    public private(set) var count = 0
    public private(set) var overflowed = false

    /// Reserves `capacity` bytes. The memory is not touched until written, so a generous capacity costs
    /// address space, not resident memory.
    public init(capacity: Int) {
        self.capacity = max(16, capacity)
        storage = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// The bytes written so far.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

    public mutating func reset() {
        count = 0
        overflowed = false
    }

    /// Drops everything after the first `n` bytes and forgets an overflow (undoes a message that did
    /// not fit).
    public mutating func rollBack(to n: Int) {
        if n >= 0 && n < count { count = n }
        overflowed = false
    }

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if count < capacity {
            storage[count] = byte // Safe: count < capacity.
            count &+= 1
        } else {
            overflowed = true
        }
    }

    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= capacity - count else {
            overflowed = true
            return
        }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        // Safe: count + bytes.count <= capacity (checked above).
        (storage + count).update(from: base, count: bytes.count)
        count &+= bytes.count
    }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends an ASCII literal.
    public mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the UTF-8 of a string that is already in memory (a format name); no allocation for
    /// native or literal strings.
    public mutating func appendUTF8(of text: String) {
        for b in text.utf8 { append(b) }
    }

    /// Appends `value` in decimal.
    public mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes: room for 20 digits
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30 // Safe: at most 20 digits < 24.
                magnitude /= 10
                n &+= 1
            } while magnitude > 0
            while n > 0 {
                n &-= 1
                append(d[n])
            }
        }
    }

    /// Appends a duration given in nanoseconds as milliseconds with three decimals ("3.512").
    public mutating func appendMilliseconds(nanoseconds: UInt64) {
        let micros = (nanoseconds + 500) / 1000
        appendDecimal(Int(micros / 1000))
        append(UInt8(ascii: "."))
        let frac = Int(micros % 1000)
        append(UInt8(truncatingIfNeeded: 0x30 + frac / 100))
        append(UInt8(truncatingIfNeeded: 0x30 + (frac / 10) % 10))
        append(UInt8(truncatingIfNeeded: 0x30 + frac % 10))
    }

    /// Appends two lower-case hex digits per byte.
    public mutating func appendHex(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes {
            append(Self.hexDigit(b >> 4))
            append(Self.hexDigit(b & 15))
        }
    }

    /// Appends `utf8` as the inside of a JSON string: `"` and `\` escaped, control characters as
    /// `\n`, `\r`, `\t` or `\u00XX` (GS, the GS1 separator, becomes `\u001d`); other bytes unchanged.
    public mutating func appendJSONEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        for b in utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                append(UInt8(ascii: "\\"))
                append(b)
            case 0x0A:
                append(UInt8(ascii: "\\"))
                append(UInt8(ascii: "n"))
            case 0x0D:
                append(UInt8(ascii: "\\"))
                append(UInt8(ascii: "r"))
            case 0x09:
                append(UInt8(ascii: "\\"))
                append(UInt8(ascii: "t"))
            case 0..<0x20, 0x7F:
                append("\\u00")
                append(Self.hexDigit(b >> 4))
                append(Self.hexDigit(b & 15))
            default:
                append(b)
            }
        }
    }

    @inline(__always)
    static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 &+ v : 0x57 &+ v }
}
