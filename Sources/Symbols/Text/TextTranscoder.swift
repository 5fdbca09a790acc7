/// Turns runs of payload bytes in a `TextEncoding` into UTF-8 appended to a `PayloadBuffer`, without
/// allocating. Malformed input never traps: every byte that does not form a character becomes U+FFFD
/// (one per maximal invalid subsequence for UTF-8, per the Unicode Standard § 3.9 "U+FFFD Substitution
/// of Maximal Subparts"). A full output buffer drops the rest and sets its `overflowed` flag.
public enum TextTranscoder {
    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, as encoding: TextEncoding, to out: inout PayloadBuffer) {
        if let page = encoding.singleBytePage {
            appendSingleByte(bytes, page: page, to: &out)
            return
        }
        switch encoding {
        case .ascii, .binary:
            for b in bytes { out.appendUTF8(UInt32(b)) }
        case .shiftJIS:
            ShiftJIS.append(bytes, to: &out)
        case .gb2312:
            GB2312.append(bytes, to: &out)
        case .utf8:
            appendUTF8(bytes, to: &out)
        case .utf16BE, .utf16LE:
            appendUTF16(bytes, bigEndian: encoding == .utf16BE, to: &out)
        case .utf32BE, .utf32LE:
            appendUTF32(bytes, bigEndian: encoding == .utf32BE, to: &out)
        default:
            for b in bytes { out.appendUTF8(UInt32(b)) } // unreachable: single-byte pages handled above
        }
    }

    /// Initialises the global code tables now (they are lazily initialised globals): call it at
    /// start-up so that the first decode of a frame does not pay for it, or allocate.
    public static func prepareTables() {
        _ = singleByteHighHalves.count
        _ = shiftJISDoubleByteTable.count
        _ = gb2312Table.count
    }

    /// A byte array overload for tests and tools.
    public static func append(_ bytes: [UInt8], as encoding: TextEncoding, to out: inout PayloadBuffer) {
        bytes.withUnsafeBufferPointer { append($0, as: encoding, to: &out) }
    }

    private static func appendSingleByte(_ bytes: UnsafeBufferPointer<UInt8>, page: Int, to out: inout PayloadBuffer) {
        singleByteHighHalves.withUnsafeBufferPointer { table in
            let base = page * 128
            for b in bytes {
                if b < 0x80 {
                    out.append(b)
                } else {
                    let index = base + Int(b) - 0x80
                    out.appendUTF8(index < table.count ? UInt32(table[index]) : 0xFFFD) // Safe: checked.
                }
            }
        }
    }

    /// Validating UTF-8 copy (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
    private static func appendUTF8(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout PayloadBuffer) {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i] // Safe: i < n.
            if b < 0x80 {
                out.append(b)
                i += 1
                continue
            }
            var need = 0
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            var scalar = UInt32(0)
            switch b {
            case 0xC2...0xDF: need = 1; scalar = UInt32(b & 0x1F)
            case 0xE0: need = 2; low = 0xA0; scalar = 0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2; scalar = UInt32(b & 0x0F)
            case 0xED: need = 2; high = 0x9F; scalar = 0x0D
            case 0xF0: need = 3; low = 0x90; scalar = 0
            case 0xF1...0xF3: need = 3; scalar = UInt32(b & 0x07)
            case 0xF4: need = 3; high = 0x8F; scalar = 4
            default: need = 0
            }
            var j = i + 1
            var complete = need > 0
            for _ in 0..<need {
                guard j < n, bytes[j] >= low, bytes[j] <= high else { // Safe: j < n checked first.
                    complete = false
                    break
                }
                scalar = scalar << 6 | UInt32(bytes[j] & 0x3F)
                low = 0x80
                high = 0xBF
                j += 1
            }
            out.appendUTF8(complete ? scalar : 0xFFFD)
            i = j // on failure the offending byte (not consumed) is read afresh
        }
    }

    private static func appendUTF16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool, to out: inout PayloadBuffer) {
        let n = bytes.count
        var i = 0
        var pendingHigh: UInt32 = 0 // a high surrogate waiting for its low half
        while i + 1 < n {
            let a = UInt32(bytes[i]), b = UInt32(bytes[i + 1]) // Safe: i + 1 < n.
            let unit = bigEndian ? a << 8 | b : b << 8 | a
            i += 2
            if unit >= 0xD800 && unit <= 0xDBFF {
                if pendingHigh != 0 { out.appendUTF8(0xFFFD) }
                pendingHigh = unit
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                if pendingHigh != 0 {
                    out.appendUTF8(0x10000 + ((pendingHigh - 0xD800) << 10) + (unit - 0xDC00))
                    pendingHigh = 0
                } else {
                    out.appendUTF8(0xFFFD)
                }
            } else {
                if pendingHigh != 0 { out.appendUTF8(0xFFFD) }
                pendingHigh = 0
                out.appendUTF8(unit)
            }
        }
        if pendingHigh != 0 { out.appendUTF8(0xFFFD) }
        if i < n { out.appendUTF8(0xFFFD) } // odd trailing byte
    }

    private static func appendUTF32(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool, to out: inout PayloadBuffer) {
        let n = bytes.count
        var i = 0
        while i + 3 < n {
            var value: UInt32 = 0
            for k in 0..<4 {
                let byte = UInt32(bytes[bigEndian ? i + k : i + 3 - k]) // Safe: i + 3 < n.
                value = value << 8 | byte
            }
            out.appendUTF8(value) // appendUTF8 turns surrogates and values above U+10FFFF into U+FFFD
            i += 4
        }
        if i < n { out.appendUTF8(0xFFFD) }
    }
}
