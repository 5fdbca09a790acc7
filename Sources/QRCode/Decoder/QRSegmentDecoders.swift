import Symbols

/// The data of one segment per mode (ISO/IEC 18004:2015 § 7.4.4–7.4.7), appended to the payload
/// bytes. Each checks up front that the bit stream holds all the segment's bits, and that every group
/// is a valid value, so that a damaged stream ends in `.badBitstream`, never in a trap.
extension QRBitstreamParser {
    /// Numeric mode: groups of three digits in 10 bits, a final two in 7 or one in 4 (§ 7.4.4).
    static func numeric(_ count: Int, _ reader: inout QRBitReader, _ out: inout PayloadBuffer) -> QRDecodeStatus {
        let tail = count % 3
        let bits = 10 * (count / 3) + (tail == 0 ? 0 : (tail == 1 ? 4 : 7))
        guard bits <= reader.available else { return .badBitstream }
        var left = count
        while left > 0 {
            let digits = min(left, 3)
            let value = reader.read(3 * digits + 1) // 4, 7 or 10 bits
            let limit = digits == 3 ? 1000 : (digits == 2 ? 100 : 10)
            guard value < limit else { return .badBitstream }
            if digits == 3 { out.append(UInt8(truncatingIfNeeded: 0x30 + value / 100)) }
            if digits >= 2 { out.append(UInt8(truncatingIfNeeded: 0x30 + (value / 10) % 10)) }
            out.append(UInt8(truncatingIfNeeded: 0x30 + value % 10))
            left -= digits
        }
        return .decoded
    }

    /// Alphanumeric mode: pairs in 11 bits (45·first + second), a final character in 6 (§ 7.4.5).
    /// With FNC1 in effect (§ 7.4.8.1), `%` stands for FNC1, sent as GS (0x1D), and `%%` for `%`.
    static func alphanumeric(_ count: Int, fnc1: Bool, _ reader: inout QRBitReader, _ out: inout PayloadBuffer) -> QRDecodeStatus {
        guard 11 * (count / 2) + 6 * (count % 2) <= reader.available else { return .badBitstream }
        var left = count
        var percentPending = false
        while left > 0 {
            let pair = left >= 2
            let value = reader.read(pair ? 11 : 6)
            guard value < (pair ? 45 * 45 : 45) else { return .badBitstream }
            let first = pair ? value / 45 : value
            emitAlphanumeric(first, fnc1: fnc1, &percentPending, &out)
            if pair { emitAlphanumeric(value % 45, fnc1: fnc1, &percentPending, &out) }
            left -= pair ? 2 : 1
        }
        if percentPending { out.append(0x1D) }
        return .decoded
    }

    @inline(__always)
    private static func emitAlphanumeric(_ value: Int, fnc1: Bool, _ percentPending: inout Bool, _ out: inout PayloadBuffer) {
        let c = QRMode.alphanumericCharacter(value)
        guard fnc1 else {
            out.append(c)
            return
        }
        if c == UInt8(ascii: "%") {
            if percentPending {
                out.append(c) // "%%" → "%"
                percentPending = false
            } else {
                percentPending = true
            }
            return
        }
        if percentPending {
            out.append(0x1D) // a single "%" → FNC1 → GS
            percentPending = false
        }
        out.append(c)
    }

    /// Byte mode: `count` 8-bit bytes as they are (§ 7.4.6).
    static func byteData(_ count: Int, _ reader: inout QRBitReader, _ out: inout PayloadBuffer) -> QRDecodeStatus {
        guard 8 * count <= reader.available else { return .badBitstream }
        for _ in 0..<count { out.append(UInt8(truncatingIfNeeded: reader.read(8))) }
        return .decoded
    }

    /// Kanji mode: 13 bits per character; v = 0xC0·high + low gives the Shift_JIS pair
    /// (high·256 + low) + 0x8140 below 0x1F00, + 0xC140 from there (§ 7.4.7).
    static func kanji(_ count: Int, _ reader: inout QRBitReader, _ out: inout PayloadBuffer) -> QRDecodeStatus {
        thirteenBitPairs(count, &reader, &out, perRow: 0xC0, split: 0x1F00, lowOffset: 0x8140, highOffset: 0xC140)
    }

    /// Hanzi mode (GB/T 18284, GB 2312 subset): 13 bits per character; v = 0x60·high + low gives the
    /// EUC-CN pair (high·256 + low) + 0xA1A1 below 0x0A00 (rows 0xA1…0xAA), + 0xA6A1 from there
    /// (rows 0xB0…0xFA).
    static func hanzi(_ count: Int, _ reader: inout QRBitReader, _ out: inout PayloadBuffer) -> QRDecodeStatus {
        thirteenBitPairs(count, &reader, &out, perRow: 0x60, split: 0x0A00, lowOffset: 0xA1A1, highOffset: 0xA6A1)
    }

    /// Kanji and Hanzi modes alike: `count` 13-bit values v = `perRow`·high + low, each written out as the
    /// byte pair (high·256 + low) + `lowOffset` below `split`, + `highOffset` from there.
    @inline(__always)
    private static func thirteenBitPairs(
        _ count: Int, _ reader: inout QRBitReader, _ out: inout PayloadBuffer,
        perRow: Int, split: Int, lowOffset: Int, highOffset: Int
    ) -> QRDecodeStatus {
        guard 13 * count <= reader.available else { return .badBitstream }
        for _ in 0..<count {
            let value = reader.read(13)
            var code = (value / perRow) << 8 | (value % perRow)
            code += code < split ? lowOffset : highOffset
            out.append(UInt8(truncatingIfNeeded: code >> 8))
            out.append(UInt8(truncatingIfNeeded: code))
        }
        return .decoded
    }

    /// ECI designator: 1, 2 or 3 bytes, 0xxxxxxx / 10xxxxxx + 8 / 110xxxxx + 16 bits (§ 7.4.3.2,
    /// Table 4). nil when malformed or cut short.
    static func eciDesignator(_ reader: inout QRBitReader) -> Int? {
        guard reader.available >= 8 else { return nil }
        let first = reader.read(8)
        if first & 0x80 == 0 { return first }
        if first & 0xC0 == 0x80 {
            guard reader.available >= 8 else { return nil }
            return (first & 0x3F) << 8 | reader.read(8)
        }
        if first & 0xE0 == 0xC0 {
            guard reader.available >= 16 else { return nil }
            return (first & 0x1F) << 16 | reader.read(16)
        }
        return nil
    }
}
