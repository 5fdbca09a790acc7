/// Mode indicators of the QR bit stream (ISO/IEC 18004:2015 § 7.4.1, Table 2), with the character
/// count indicator lengths (Table 3) and the alphanumeric character set (Table 5).
enum QRMode: Int {
    case terminator = 0b0000
    case numeric = 0b0001
    case alphanumeric = 0b0010
    case structuredAppend = 0b0011
    case byte = 0b0100
    case fnc1FirstPosition = 0b0101
    case eci = 0b0111
    case kanji = 0b1000
    case fnc1SecondPosition = 0b1001
    /// GB/T 18284 Chinese (Hanzi) mode, GB 2312 subset: not in ISO/IEC 18004, but printed in China.
    case hanzi = 0b1101

    /// Bits of the character count indicator of `mode` in `version` (Table 3): three version ranges,
    /// 1…9, 10…26, 27…40. 0 for modes without a count.
    static func characterCountBits(_ mode: QRMode, version: Int) -> Int {
        let range = version <= 9 ? 0 : (version <= 26 ? 1 : 2)
        switch mode {
        case .numeric: return 10 + 2 * range
        case .alphanumeric: return 9 + 2 * range
        case .byte: return range == 0 ? 8 : 16
        case .kanji, .hanzi: return 8 + 2 * range
        default: return 0
        }
    }

    /// ASCII of alphanumeric-mode value `value` (0…44; Table 5): `0`–`9`, `A`–`Z`, space, `$ % * + - . / :`.
    /// 0 for a value outside the set.
    @inline(__always)
    static func alphanumericCharacter(_ value: Int) -> UInt8 {
        switch value {
        case 0...9: return UInt8(truncatingIfNeeded: 0x30 + value)
        case 10...35: return UInt8(truncatingIfNeeded: 0x41 + value - 10)
        case 36: return UInt8(ascii: " ")
        case 37: return UInt8(ascii: "$")
        case 38: return UInt8(ascii: "%")
        case 39: return UInt8(ascii: "*")
        case 40: return UInt8(ascii: "+")
        case 41: return UInt8(ascii: "-")
        case 42: return UInt8(ascii: ".")
        case 43: return UInt8(ascii: "/")
        case 44: return UInt8(ascii: ":")
        default: return 0
        }
    }
}

/// Reads big-endian bit fields from the data codewords.
struct QRBitReader {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    private(set) var position = 0 // in bits

    init(bytes: UnsafePointer<UInt8>, count: Int) {
        self.bytes = bytes
        self.count = max(0, count)
    }

    /// Bits not read yet.
    @inline(__always)
    var available: Int { count * 8 - position }

    /// The next `n` bits (0…24) as a number. Past the end, missing bits read as 0 and nothing moves:
    /// callers check `available` first, this only keeps a mistake from trapping.
    @inline(__always)
    mutating func read(_ n: Int) -> Int {
        guard n > 0, n <= 24, n <= available else { return 0 }
        var value = 0
        var remaining = n
        while remaining > 0 {
            let offset = position & 7
            let take = min(8 - offset, remaining)
            let byte = Int(bytes[position >> 3]) // Safe: position < count * 8 while bits remain.
            value = value << take | (byte >> (8 - offset - take)) & ((1 << take) - 1)
            position += take
            remaining -= take
        }
        return value
    }
}
