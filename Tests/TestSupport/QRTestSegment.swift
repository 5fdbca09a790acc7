import QRCode

/// One segment of a QR bit stream for the test encoder (ISO/IEC 18004:2015 § 7.4), written from the
/// spec independently of the decoder's parser.
public enum QRTestSegment: Sendable, Equatable {
    /// Digits `0`–`9`.
    case numeric(String)
    /// Characters of Table 5: `0`–`9`, `A`–`Z`, space, `$ % * + - . / :`.
    case alphanumeric(String)
    /// Raw bytes.
    case bytes([UInt8])
    /// Shift_JIS double-byte pairs (0x8140…0x9FFC, 0xE040…0xEBBF), two bytes per character.
    case kanji([UInt8])
    /// GB 2312 (EUC-CN) pairs in GB/T 18284 Hanzi mode (0xA1A1…0xAAFE, 0xB0A1…0xFAFE).
    case hanzi([UInt8])
    /// An ECI designator (0…999 999).
    case eci(Int)
    /// FNC1 in first position (GS1).
    case fnc1First
    /// FNC1 in second position with its 8-bit application indicator (0…99, or a letter's ASCII + 100).
    case fnc1Second(applicationIndicator: Int)
    /// Structured append header: symbol `index` (0-based) of `count` (1…16), `parity` byte.
    case structuredAppend(index: Int, count: Int, parity: Int)

    /// A byte segment holding `text` in UTF-8.
    public static func utf8(_ text: String) -> QRTestSegment { .bytes(Array(text.utf8)) }

    /// Number of bits this segment takes in a `version` symbol.
    public func bitLength(version: Int) -> Int {
        var writer = QRTestBitWriter()
        append(to: &writer, version: version)
        return writer.count
    }

    /// Writes the segment's mode indicator, count and data (§ 7.4.2–7.4.8).
    public func append(to w: inout QRTestBitWriter, version: Int) {
        let range = version <= 9 ? 0 : (version <= 26 ? 1 : 2)
        switch self {
        case .numeric(let digits):
            let d = digits.utf8.map { Int($0) - 0x30 }
            w.write(0b0001, 4)
            w.write(d.count, [10, 12, 14][range])
            var i = 0
            while i < d.count {
                let group = d[i..<min(i + 3, d.count)].reduce(0) { $0 * 10 + $1 }
                w.write(group, [0, 4, 7, 10][min(3, d.count - i)])
                i += 3
            }
        case .alphanumeric(let text):
            let values = text.utf8.map { QRTestSegment.alphanumericValue($0) }
            w.write(0b0010, 4)
            w.write(values.count, [9, 11, 13][range])
            var i = 0
            while i + 1 < values.count {
                w.write(values[i] * 45 + values[i + 1], 11)
                i += 2
            }
            if i < values.count { w.write(values[i], 6) }
        case .bytes(let bytes):
            w.write(0b0100, 4)
            w.write(bytes.count, [8, 16, 16][range])
            for b in bytes { w.write(Int(b), 8) }
        case .kanji(let pairs):
            w.write(0b1000, 4)
            w.write(pairs.count / 2, [8, 10, 12][range])
            Self.writeThirteenBit(pairs, to: &w, lastLow: 0x9FFC, lowOffset: 0x8140, highOffset: 0xC140, perRow: 0xC0)
        case .hanzi(let pairs):
            w.write(0b1101, 4)
            w.write(1, 4) // subset: GB 2312
            w.write(pairs.count / 2, [8, 10, 12][range])
            Self.writeThirteenBit(pairs, to: &w, lastLow: 0xAAFE, lowOffset: 0xA1A1, highOffset: 0xA6A1, perRow: 0x60)
        case .eci(let number):
            w.write(0b0111, 4)
            if number < 128 {
                w.write(number, 8)
            } else if number < 16384 {
                w.write(0b10 << 14 | number, 16)
            } else {
                w.write(0b110 << 21 | number, 24)
            }
        case .fnc1First:
            w.write(0b0101, 4)
        case .fnc1Second(let indicator):
            w.write(0b1001, 4)
            w.write(indicator, 8)
        case .structuredAppend(let index, let count, let parity):
            w.write(0b0011, 4)
            w.write(index, 4)
            w.write(count - 1, 4)
            w.write(parity, 8)
        }
    }

    /// Kanji and Hanzi modes alike: each byte pair less `lowOffset` up to `lastLow`, else less
    /// `highOffset`, as 13 bits `perRow`·high + low.
    private static func writeThirteenBit(
        _ pairs: [UInt8], to w: inout QRTestBitWriter, lastLow: Int, lowOffset: Int, highOffset: Int, perRow: Int
    ) {
        var i = 0
        while i + 1 < pairs.count {
            var code = Int(pairs[i]) << 8 | Int(pairs[i + 1])
            code -= code <= lastLow ? lowOffset : highOffset
            w.write((code >> 8) * perRow + (code & 0xFF), 13)
            i += 2
        }
    }

    /// Value of an alphanumeric-mode character (Table 5).
    public static func alphanumericValue(_ c: UInt8) -> Int {
        switch c {
        case 0x30...0x39: return Int(c) - 0x30
        case 0x41...0x5A: return Int(c) - 0x41 + 10
        default:
            let specials: [UInt8] = Array(" $%*+-./:".utf8)
            guard let i = specials.firstIndex(of: c) else { preconditionFailure("not alphanumeric: \(c)") }
            return 36 + i
        }
    }

    /// The structured append parity: XOR of all bytes of the whole message (§ 8.3).
    public static func parity(of bytes: [UInt8]) -> Int { Int(bytes.reduce(0, ^)) }
}

/// A growing big-endian bit buffer (test code: arrays are fine here).
public struct QRTestBitWriter: Sendable {
    public private(set) var bits: [Bool] = []
    public init() {}
    public var count: Int { bits.count }

    public mutating func write(_ value: Int, _ width: Int) {
        guard width > 0 else { return }
        for i in stride(from: width - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
    }

    /// The bits packed into bytes, the last one padded with zeros.
    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (i, bit) in bits.enumerated() where bit { out[i / 8] |= 0x80 >> UInt8(i % 8) }
        return out
    }
}
