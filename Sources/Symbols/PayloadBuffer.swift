/// A fixed-capacity byte buffer that a decoder appends to. It never grows: an append past the end is
/// refused and remembered in `overflowed`, so that a caller can report a truncated payload instead of
/// crashing or allocating.
public struct PayloadBuffer {
    public let base: UnsafeMutablePointer<UInt8>
    public let capacity: Int
    public private(set) var count = 0
    public private(set) var overflowed = false

    public init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if count < capacity {
            base[count] = byte // Safe: count < capacity.
            count &+= 1
        } else {
            overflowed = true
        }
    }

    /// Appends a code point as UTF-8 (1 to 4 bytes). Invalid scalars become U+FFFD.
    @inline(__always)
    public mutating func appendUTF8(_ scalar: UInt32) {
        var s = scalar
        if s > 0x10FFFF || (s >= 0xD800 && s <= 0xDFFF) { s = 0xFFFD }
        if s < 0x80 {
            append(UInt8(truncatingIfNeeded: s))
        } else if s < 0x800 {
            append(UInt8(truncatingIfNeeded: 0xC0 | (s >> 6)))
            append(UInt8(truncatingIfNeeded: 0x80 | (s & 0x3F)))
        } else if s < 0x10000 {
            append(UInt8(truncatingIfNeeded: 0xE0 | (s >> 12)))
            append(UInt8(truncatingIfNeeded: 0x80 | ((s >> 6) & 0x3F)))
            append(UInt8(truncatingIfNeeded: 0x80 | (s & 0x3F)))
        } else {
            append(UInt8(truncatingIfNeeded: 0xF0 | (s >> 18)))
            append(UInt8(truncatingIfNeeded: 0x80 | ((s >> 12) & 0x3F)))
            append(UInt8(truncatingIfNeeded: 0x80 | ((s >> 6) & 0x3F)))
            append(UInt8(truncatingIfNeeded: 0x80 | (s & 0x3F)))
        }
    }

    public mutating func removeAll() {
        count = 0
        overflowed = false
    }

    /// Drops everything after the first `n` bytes.
    public mutating func truncate(to n: Int) {
        if n >= 0 && n < count { count = n }
    }

    public var contents: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}
