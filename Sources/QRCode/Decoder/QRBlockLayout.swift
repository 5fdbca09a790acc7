/// How one version and error-correction level split their codewords into Reed-Solomon blocks
/// (ISO/IEC 18004:2015 § 7.5.2, Table 9).
///
/// A symbol has up to two groups of blocks: `shortBlockCount` blocks of `shortBlockDataCodewords` data
/// codewords, then `longBlockCount` blocks with one data codeword more. Every block has
/// `checkCodewordsPerBlock` error-correction codewords.
public struct QRBlockLayout: Equatable, Sendable {
    public let checkCodewordsPerBlock: Int
    public let shortBlockCount: Int
    public let shortBlockDataCodewords: Int
    public let longBlockCount: Int
    /// Errors per block the decoder corrects: half the check codewords, the full Reed-Solomon capacity.
    ///
    /// Table 9 holds back p misdecode-protection codewords in versions 1-L/M/Q/H, 2-L and 3-L; a reader
    /// that respects them corrects (check − p) / 2. Lumascan corrects the full capacity, as zxing-cpp does:
    /// it read 3 more corpus symbols at some rotation (a v1-L symbol with 3 codewords off, say), while a
    /// random word falls within 3 errors of an RS(26,19) code word with probability about 6·10⁻⁷, before
    /// the format, version and bit-stream checks — no false read appeared on the corpus or synthetic sets.
    public let correctableErrorsPerBlock: Int
    /// Whether the blocks' codewords are interleaved in the symbol (Model 2, § 7.6) or placed one block
    /// after another (Model 1, see `QRModel1`).
    public let isInterleaved: Bool

    public var blockCount: Int { shortBlockCount + longBlockCount }
    public var longBlockDataCodewords: Int { shortBlockDataCodewords + 1 }
    public var dataCodewords: Int {
        shortBlockCount * shortBlockDataCodewords + longBlockCount * longBlockDataCodewords
    }
    public var totalCodewords: Int { dataCodewords + blockCount * checkCodewordsPerBlock }

    /// Data codewords of block `index` (short blocks first).
    @inline(__always)
    public func dataCodewords(ofBlock index: Int) -> Int {
        index < shortBlockCount ? shortBlockDataCodewords : longBlockDataCodewords
    }

    /// The layout of Model 2 `version` (1…40) at `level`, or nil for an invalid version.
    public init?(version: Int, level: QRErrorCorrectionLevel) {
        guard version >= QRVersion.minimum, version <= QRVersion.maximum else { return nil }
        let base = ((version - 1) * 4 + Int(level.rawValue)) * 4
        let row = Self.table.withUnsafeBufferPointer { t in
            (Int(t[base]), Int(t[base + 1]), Int(t[base + 2]), Int(t[base + 3])) // Safe: base + 3 < 640.
        }
        self.init(checkCodewordsPerBlock: row.0, shortBlockCount: row.1, shortBlockDataCodewords: row.2,
                  longBlockCount: row.3, isInterleaved: true)
    }

    init(checkCodewordsPerBlock: Int, shortBlockCount: Int, shortBlockDataCodewords: Int, longBlockCount: Int,
         isInterleaved: Bool) {
        self.checkCodewordsPerBlock = checkCodewordsPerBlock
        self.shortBlockCount = shortBlockCount
        self.shortBlockDataCodewords = shortBlockDataCodewords
        self.longBlockCount = longBlockCount
        correctableErrorsPerBlock = checkCodewordsPerBlock / 2
        self.isInterleaved = isInterleaved
    }

    /// p of Table 9: check codewords the standard reserves to detect, not correct, errors in the smallest
    /// symbols (reported for reference; see `correctableErrorsPerBlock`).
    public static func misdecodeProtection(version: Int, level: QRErrorCorrectionLevel) -> Int {
        switch (version, level) {
        case (1, .low): 3
        case (1, .medium), (2, .low): 2
        case (1, .quartile), (1, .high), (3, .low): 1
        default: 0
        }
    }

    /// Table 9, four numbers per version and level (levels in L, M, Q, H order): check codewords per
    /// block, number of short blocks, data codewords per short block, number of long blocks.
    private static let table: [UInt8] = [
        /*  1 */ 7, 1, 19, 0, 10, 1, 16, 0, 13, 1, 13, 0, 17, 1, 9, 0,
        /*  2 */ 10, 1, 34, 0, 16, 1, 28, 0, 22, 1, 22, 0, 28, 1, 16, 0,
        /*  3 */ 15, 1, 55, 0, 26, 1, 44, 0, 18, 2, 17, 0, 22, 2, 13, 0,
        /*  4 */ 20, 1, 80, 0, 18, 2, 32, 0, 26, 2, 24, 0, 16, 4, 9, 0,
        /*  5 */ 26, 1, 108, 0, 24, 2, 43, 0, 18, 2, 15, 2, 22, 2, 11, 2,
        /*  6 */ 18, 2, 68, 0, 16, 4, 27, 0, 24, 4, 19, 0, 28, 4, 15, 0,
        /*  7 */ 20, 2, 78, 0, 18, 4, 31, 0, 18, 2, 14, 4, 26, 4, 13, 1,
        /*  8 */ 24, 2, 97, 0, 22, 2, 38, 2, 22, 4, 18, 2, 26, 4, 14, 2,
        /*  9 */ 30, 2, 116, 0, 22, 3, 36, 2, 20, 4, 16, 4, 24, 4, 12, 4,
        /* 10 */ 18, 2, 68, 2, 26, 4, 43, 1, 24, 6, 19, 2, 28, 6, 15, 2,
        /* 11 */ 20, 4, 81, 0, 30, 1, 50, 4, 28, 4, 22, 4, 24, 3, 12, 8,
        /* 12 */ 24, 2, 92, 2, 22, 6, 36, 2, 26, 4, 20, 6, 28, 7, 14, 4,
        /* 13 */ 26, 4, 107, 0, 22, 8, 37, 1, 24, 8, 20, 4, 22, 12, 11, 4,
        /* 14 */ 30, 3, 115, 1, 24, 4, 40, 5, 20, 11, 16, 5, 24, 11, 12, 5,
        /* 15 */ 22, 5, 87, 1, 24, 5, 41, 5, 30, 5, 24, 7, 24, 11, 12, 7,
        /* 16 */ 24, 5, 98, 1, 28, 7, 45, 3, 24, 15, 19, 2, 30, 3, 15, 13,
        /* 17 */ 28, 1, 107, 5, 28, 10, 46, 1, 28, 1, 22, 15, 28, 2, 14, 17,
        /* 18 */ 30, 5, 120, 1, 26, 9, 43, 4, 28, 17, 22, 1, 28, 2, 14, 19,
        /* 19 */ 28, 3, 113, 4, 26, 3, 44, 11, 26, 17, 21, 4, 26, 9, 13, 16,
        /* 20 */ 28, 3, 107, 5, 26, 3, 41, 13, 30, 15, 24, 5, 28, 15, 15, 10,
        /* 21 */ 28, 4, 116, 4, 26, 17, 42, 0, 28, 17, 22, 6, 30, 19, 16, 6,
        /* 22 */ 28, 2, 111, 7, 28, 17, 46, 0, 30, 7, 24, 16, 24, 34, 13, 0,
        /* 23 */ 30, 4, 121, 5, 28, 4, 47, 14, 30, 11, 24, 14, 30, 16, 15, 14,
        /* 24 */ 30, 6, 117, 4, 28, 6, 45, 14, 30, 11, 24, 16, 30, 30, 16, 2,
        /* 25 */ 26, 8, 106, 4, 28, 8, 47, 13, 30, 7, 24, 22, 30, 22, 15, 13,
        /* 26 */ 28, 10, 114, 2, 28, 19, 46, 4, 28, 28, 22, 6, 30, 33, 16, 4,
        /* 27 */ 30, 8, 122, 4, 28, 22, 45, 3, 30, 8, 23, 26, 30, 12, 15, 28,
        /* 28 */ 30, 3, 117, 10, 28, 3, 45, 23, 30, 4, 24, 31, 30, 11, 15, 31,
        /* 29 */ 30, 7, 116, 7, 28, 21, 45, 7, 30, 1, 23, 37, 30, 19, 15, 26,
        /* 30 */ 30, 5, 115, 10, 28, 19, 47, 10, 30, 15, 24, 25, 30, 23, 15, 25,
        /* 31 */ 30, 13, 115, 3, 28, 2, 46, 29, 30, 42, 24, 1, 30, 23, 15, 28,
        /* 32 */ 30, 17, 115, 0, 28, 10, 46, 23, 30, 10, 24, 35, 30, 19, 15, 35,
        /* 33 */ 30, 17, 115, 1, 28, 14, 46, 21, 30, 29, 24, 19, 30, 11, 15, 46,
        /* 34 */ 30, 13, 115, 6, 28, 14, 46, 23, 30, 44, 24, 7, 30, 59, 16, 1,
        /* 35 */ 30, 12, 121, 7, 28, 12, 47, 26, 30, 39, 24, 14, 30, 22, 15, 41,
        /* 36 */ 30, 6, 121, 14, 28, 6, 47, 34, 30, 46, 24, 10, 30, 2, 15, 64,
        /* 37 */ 30, 17, 122, 4, 28, 29, 46, 14, 30, 49, 24, 10, 30, 24, 15, 46,
        /* 38 */ 30, 4, 122, 18, 28, 13, 46, 32, 30, 48, 24, 14, 30, 42, 15, 32,
        /* 39 */ 30, 20, 117, 4, 28, 40, 47, 7, 30, 43, 24, 22, 30, 10, 15, 67,
        /* 40 */ 30, 19, 118, 6, 28, 18, 47, 31, 30, 34, 24, 34, 30, 20, 15, 61,
    ]
}
