/// Guesses the encoding of byte-mode data that no ECI declares: UTF-8, Shift_JIS or ISO-8859-1.
///
/// ISO/IEC 18004 says such bytes are ISO-8859-1 (the default ECI 000003), but phones have written
/// UTF-8 and, in Japan, Shift_JIS without any ECI for years, so every reader guesses. These are
/// zxing-cpp's rules (`GuessTextEncoding`), so that Lumascan prints the same text:
/// 1. valid UTF-8 (strictly, RFC 3629) with a byte-order mark or at least one multi-byte character → UTF-8;
/// 2. plausible Shift_JIS with a run of 3 or more half-width katakana or 3 or more double-byte
///    characters → Shift_JIS;
/// 3. plausible as both ISO-8859-1 and Shift_JIS: Shift_JIS if the text holds exactly two half-width
///    katakana, next to each other, or if at least 10 % of the bytes are Latin-1 symbols (0xA0…0xBF,
///    × and ÷) rather than letters; else ISO-8859-1;
/// 4. otherwise the first plausible of ISO-8859-1, Shift_JIS, UTF-8; ISO-8859-1 if none is.
///
/// "Plausible ISO-8859-1": no byte in 0x80…0x9F. "Plausible Shift_JIS": well-formed pairs, no 0x80,
/// 0xA0 or 0xF0… lead bytes, and no control character other than CR and LF.
///
/// It is fed the byte segments of one symbol in order (as if they were one run) and allocates nothing.
public struct TextEncodingGuesser {
    private var count = 0
    private var first3: UInt32 = 0 // first three bytes, for the UTF-8 byte-order mark

    private var canBeUTF8 = true
    private var utf8Needed = 0
    private var utf8Low: UInt8 = 0x80, utf8High: UInt8 = 0xBF
    private var utf8MultiByteCharacters = 0

    private var canBeLatin1 = true
    private var latin1Symbols = 0

    private var canBeShiftJIS = true
    private var shiftJISTrailPending = false
    private var katakana = 0
    private var katakanaRun = 0, longestKatakanaRun = 0
    private var doubleByteRun = 0, longestDoubleByteRun = 0

    public init() {}

    /// Whether any byte has been fed.
    public var isEmpty: Bool { count == 0 }

    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes { feed(b) }
    }

    public mutating func feed(_ b: UInt8) {
        if count < 3 { first3 = first3 << 8 | UInt32(b) }
        count += 1
        if canBeUTF8 { feedUTF8(b) }
        if canBeLatin1 {
            if b >= 0x80 && b < 0xA0 {
                canBeLatin1 = false
            } else if b >= 0xA0 && (b < 0xC0 || b == 0xD7 || b == 0xF7) {
                latin1Symbols += 1
            }
        }
        if canBeShiftJIS { feedShiftJIS(b) }
    }

    private mutating func feedUTF8(_ b: UInt8) {
        if utf8Needed > 0 {
            guard b >= utf8Low && b <= utf8High else {
                canBeUTF8 = false
                return
            }
            utf8Needed -= 1
            utf8Low = 0x80
            utf8High = 0xBF
            return
        }
        switch b {
        case 0x00...0x7F: return
        case 0xC2...0xDF: utf8Needed = 1
        case 0xE0: utf8Needed = 2; utf8Low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: utf8Needed = 2
        case 0xED: utf8Needed = 2; utf8High = 0x9F
        case 0xF0: utf8Needed = 3; utf8Low = 0x90
        case 0xF1...0xF3: utf8Needed = 3
        case 0xF4: utf8Needed = 3; utf8High = 0x8F
        default:
            canBeUTF8 = false
            return
        }
        utf8MultiByteCharacters += 1
    }

    private mutating func feedShiftJIS(_ b: UInt8) {
        if shiftJISTrailPending {
            if b < 0x40 || b == 0x7F || b > 0xFC { canBeShiftJIS = false }
            shiftJISTrailPending = false
            return
        }
        if b == 0x80 || b == 0xA0 || b > 0xEF || (b < 0x20 && b != 0x0A && b != 0x0D) {
            canBeShiftJIS = false // a control character suggests binary data, not text
        } else if b > 0xA0 && b < 0xE0 {
            katakana += 1
            doubleByteRun = 0
            katakanaRun += 1
            longestKatakanaRun = max(longestKatakanaRun, katakanaRun)
        } else if b > 0x7F {
            shiftJISTrailPending = true
            katakanaRun = 0
            doubleByteRun += 1
            longestDoubleByteRun = max(longestDoubleByteRun, doubleByteRun)
        } else {
            katakanaRun = 0
            doubleByteRun = 0
        }
    }

    /// The guess for everything fed so far (ISO-8859-1 when nothing was).
    public var guess: TextEncoding {
        if count == 0 { return .iso8859_1 }
        let utf8 = canBeUTF8 && utf8Needed == 0
        let shiftJIS = canBeShiftJIS && !shiftJISTrailPending
        let byteOrderMark = count > 3 && first3 == 0xEF_BBBF
        if utf8 && (byteOrderMark || utf8MultiByteCharacters > 0) { return .utf8 }
        if shiftJIS && (longestKatakanaRun >= 3 || longestDoubleByteRun >= 3) { return .shiftJIS }
        if canBeLatin1 && shiftJIS {
            let twoKatakana = longestKatakanaRun == 2 && katakana == 2
            return twoKatakana || latin1Symbols * 10 >= count ? .shiftJIS : .iso8859_1
        }
        if canBeLatin1 { return .iso8859_1 }
        if shiftJIS { return .shiftJIS }
        if utf8 { return .utf8 }
        return .iso8859_1
    }
}
