/// A character encoding that payload bytes can be in, as ECI designators (AIM ECI, ITS/04-001) or a
/// symbology's default name them. Decoders record one per run of payload bytes; `TextTranscoder` turns
/// such runs into UTF-8.
///
/// The single-byte code pages come first, in the order of the generated `singleByteHighHalves` table,
/// so that their raw value is the table's page index.
public enum TextEncoding: UInt8, Sendable, CaseIterable {
    case iso8859_1, iso8859_2, iso8859_3, iso8859_4, iso8859_5, iso8859_6, iso8859_7, iso8859_8
    case iso8859_9, iso8859_10, iso8859_11, iso8859_13, iso8859_14, iso8859_15, iso8859_16
    case cp437, windows1250, windows1251, windows1252, windows1256
    /// 7-bit US-ASCII; bytes 0x80 and above are read as ISO-8859-1 (as zxing-cpp does).
    case ascii
    /// Shift_JIS: JIS X 0201 single bytes (ASCII straight through, half-width katakana) and JIS X 0208.
    case shiftJIS
    /// GB 2312 (EUC-CN): ASCII and GB 2312 double-byte characters.
    case gb2312
    case utf8, utf16BE, utf16LE, utf32BE, utf32LE
    /// ECI 899: 8-bit binary data, no character meaning; read as ISO-8859-1 to show something.
    case binary

    /// Number of single-byte code pages in the generated table (`iso8859_1` … `windows1256`).
    public static let singleBytePageCount = 20

    /// The page index in `singleByteHighHalves`, or nil for a multi-byte (or ASCII/binary) encoding.
    @inline(__always)
    public var singleBytePage: Int? {
        rawValue < UInt8(Self.singleBytePageCount) ? Int(rawValue) : nil
    }

    /// The encoding an ECI assignment number designates, or nil for one Lumascan cannot read (Big5,
    /// GBK/GB 18030, EUC-KR, unassigned numbers).
    ///
    /// Table: AIM ECI Part 3 register; 0 and 2 are CP437, 1 and 3 ISO-8859-1 (0 and 1 are the
    /// obsolete "GLI" designators), 14 and 19 are unassigned (no ISO-8859-12), 170 is ISO 646
    /// invariant (a subset of ASCII).
    public init?(eci: Int) {
        switch eci {
        case 0, 2: self = .cp437
        case 1, 3: self = .iso8859_1
        case 4: self = .iso8859_2
        case 5: self = .iso8859_3
        case 6: self = .iso8859_4
        case 7: self = .iso8859_5
        case 8: self = .iso8859_6
        case 9: self = .iso8859_7
        case 10: self = .iso8859_8
        case 11: self = .iso8859_9
        case 12: self = .iso8859_10
        case 13: self = .iso8859_11
        case 15: self = .iso8859_13
        case 16: self = .iso8859_14
        case 17: self = .iso8859_15
        case 18: self = .iso8859_16
        case 20: self = .shiftJIS
        case 21: self = .windows1250
        case 22: self = .windows1251
        case 23: self = .windows1252
        case 24: self = .windows1256
        case 25: self = .utf16BE
        case 26: self = .utf8
        case 27, 170: self = .ascii
        case 29: self = .gb2312
        case 33: self = .utf16LE
        case 34: self = .utf32BE
        case 35: self = .utf32LE
        case 899: self = .binary
        default: return nil
        }
    }

    /// The ECI assignment number that designates this encoding (the current, non-GLI one).
    public var eci: Int {
        switch self {
        case .iso8859_1: 3
        case .iso8859_2: 4
        case .iso8859_3: 5
        case .iso8859_4: 6
        case .iso8859_5: 7
        case .iso8859_6: 8
        case .iso8859_7: 9
        case .iso8859_8: 10
        case .iso8859_9: 11
        case .iso8859_10: 12
        case .iso8859_11: 13
        case .iso8859_13: 15
        case .iso8859_14: 16
        case .iso8859_15: 17
        case .iso8859_16: 18
        case .cp437: 2
        case .windows1250: 21
        case .windows1251: 22
        case .windows1252: 23
        case .windows1256: 24
        case .ascii: 27
        case .shiftJIS: 20
        case .gb2312: 29
        case .utf8: 26
        case .utf16BE: 25
        case .utf16LE: 33
        case .utf32BE: 34
        case .utf32LE: 35
        case .binary: 899
        }
    }
}
