/// Shift_JIS (JIS X 0201 + JIS X 0208) to Unicode, as QR Code's Kanji mode and ECI 20 need it.
///
/// Single bytes: 0x00…0x7F are ASCII straight through (0x5C stays `\` and 0x7E `~`, not ¥ and ‾: what
/// every phone-made QR Code means and what zxing-cpp outputs), 0xA1…0xDF half-width katakana
/// U+FF61…U+FF9F. Pairs: lead 0x81…0x9F / 0xE0…0xFC, trail 0x40…0xFC without 0x7F, looked up in the
/// generated `shiftJISDoubleByteTable`; leads 0xF0…0xF9 are the user-defined area, mapped to the
/// private-use block U+E000… in row order (as CP932 and libzueci do).
public enum ShiftJIS {
    /// The scalar of a double-byte pair, or nil when the pair is not a mapped character.
    public static func scalar(lead: UInt8, trail: UInt8) -> UInt32? {
        guard let column = trailIndex(trail) else { return nil }
        if lead >= 0xF0 && lead <= 0xF9 {
            return 0xE000 + UInt32(lead - 0xF0) * 188 + UInt32(column)
        }
        guard let row = leadRow(lead) else { return nil }
        let index = row * 188 + column
        let value: UInt16 = shiftJISDoubleByteTable.withUnsafeBufferPointer { table in
            index < table.count ? table[index] : 0
        }
        return value == 0 ? nil : UInt32(value)
    }

    /// Whether `byte` starts a double-byte pair.
    @inline(__always)
    public static func isLeadByte(_ byte: UInt8) -> Bool {
        (byte >= 0x81 && byte <= 0x9F) || (byte >= 0xE0 && byte <= 0xFC)
    }

    /// Row of a lead byte in the generated table (leads 0x81…0x9F, 0xE0…0xEF, 0xFA…0xFC).
    @inline(__always)
    static func leadRow(_ lead: UInt8) -> Int? {
        switch lead {
        case 0x81...0x9F: Int(lead) - 0x81
        case 0xE0...0xEF: 31 + Int(lead) - 0xE0
        case 0xFA...0xFC: 47 + Int(lead) - 0xFA
        default: nil
        }
    }

    /// Column of a trail byte (0x40…0x7E, 0x80…0xFC → 0…187).
    @inline(__always)
    static func trailIndex(_ trail: UInt8) -> Int? {
        switch trail {
        case 0x40...0x7E: Int(trail) - 0x40
        case 0x80...0xFC: Int(trail) - 0x41
        default: nil
        }
    }

    /// Appends `bytes` (Shift_JIS) to `out` as UTF-8. A byte that starts no character, or a lead byte
    /// without a valid trail, becomes U+FFFD and the next byte is read afresh.
    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout PayloadBuffer) {
        shiftJISDoubleByteTable.withUnsafeBufferPointer { table in
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i] // Safe: i < n.
                if b < 0x80 {
                    out.append(b)
                    i += 1
                } else if b >= 0xA1 && b <= 0xDF {
                    out.appendUTF8(0xFF61 + UInt32(b - 0xA1))
                    i += 1
                } else if isLeadByte(b), i + 1 < n, let column = trailIndex(bytes[i + 1]) { // Safe: i + 1 < n.
                    var scalar: UInt32 = 0xFFFD
                    if b >= 0xF0 && b <= 0xF9 {
                        scalar = 0xE000 + UInt32(b - 0xF0) * 188 + UInt32(column)
                    } else if let row = leadRow(b), row * 188 + column < table.count {
                        let value = table[row * 188 + column] // Safe: checked against table.count.
                        if value != 0 { scalar = UInt32(value) }
                    }
                    out.appendUTF8(scalar)
                    i += 2
                } else {
                    out.appendUTF8(0xFFFD)
                    i += 1
                }
            }
        }
    }
}
