/// QR Code Model 1, the original QR Code that Model 2 superseded (ISO/IEC 18004:2000 Annex M; read-only
/// support, as readers keep it for old labels). Versions 1–14, 21×21 to 73×73 modules, sizes as Model 2.
///
/// What differs from Model 2, as Lumascan reads it:
/// - format information: the same BCH(15,5) words and positions (dark module included) but XORed with
///   0x2825 instead of 0x5412 — which is how a reader tells the models apart;
/// - no alignment patterns and no version information: the size alone gives the version; instead,
///   extension patterns (a dark 4-module bar on the edge with a light one inside it) sit on the right and
///   bottom edges, in place of codewords;
/// - codewords are placed as 2×4 and 4×2 module cells, not in the zig-zag of two-module columns
///   (`QRModel1Placement`), and leftover cells hold remainder codewords that carry nothing;
/// - Reed-Solomon blocks are not interleaved: all data codewords in block order, then every block's
///   check codewords in block order; all blocks of a symbol have the same size (Table M.2);
/// - the bit stream begins with 4 zero bits (the first codeword's upper half, printed in the bottom-right
///   corner, which readers ignore), then the same modes and character counts as Model 2 for versions
///   1–14, without ECI (Model 1 predates it);
/// - AIM symbology identifier `]Q0`.
public enum QRModel1 {
    public static let maximumVersion = 14
    /// Modules per side of version 14.
    public static let maxDimension = 73
    /// XOR mask of the format information (Model 2: 0x5412).
    public static let formatXorMask: UInt32 = 0x2825

    /// Codeword cells of a `version` symbol (1…14): data, check and remainder codewords, 26 for version 1
    /// … 610 for version 14; 0 for another version.
    ///
    /// Modules left after the finders with separators (3 × 64), both format copies with the dark module
    /// (31) and the timing patterns (2 · (d − 16)) are 16 · ((v + 4)² − 12) — whole codewords — less the
    /// extension patterns, 8 modules each: ⌊v/2⌋ on the right edge and as many on the bottom edge.
    public static func placedCodewords(_ version: Int) -> Int {
        guard version >= 1, version <= maximumVersion else { return 0 }
        let modules = 16 * ((version + 4) * (version + 4) - 12)
        return modules / 8 - 2 * (version / 2)
    }

    /// Table M.2 (Model 1 error correction characteristics), three numbers per version and level (levels
    /// in L, M, Q, H order): check codewords per block, blocks, data codewords per block. Where the
    /// blocks fill fewer codewords than `placedCodewords` (versions 7, 8, 10–14 at some levels), the
    /// rest are remainder codewords.
    static let blockTable: [UInt8] = [
        /*  1 */ 7, 1, 19, 10, 1, 16, 13, 1, 13, 17, 1, 9,
        /*  2 */ 10, 1, 36, 16, 1, 30, 22, 1, 24, 30, 1, 16,
        /*  3 */ 15, 1, 57, 28, 1, 44, 36, 1, 36, 48, 1, 24,
        /*  4 */ 20, 1, 80, 40, 1, 60, 50, 1, 50, 66, 1, 34,
        /*  5 */ 26, 1, 108, 52, 1, 82, 66, 1, 68, 44, 2, 23,
        /*  6 */ 34, 1, 136, 32, 2, 53, 42, 2, 43, 56, 2, 29,
        /*  7 */ 42, 1, 170, 40, 2, 66, 52, 2, 54, 46, 3, 24,
        /*  8 */ 24, 2, 104, 48, 2, 80, 64, 2, 64, 56, 3, 29,
        /*  9 */ 30, 2, 123, 60, 2, 93, 50, 3, 52, 68, 3, 34,
        /* 10 */ 34, 2, 145, 68, 2, 111, 58, 3, 61, 58, 4, 31,
        /* 11 */ 40, 2, 168, 40, 4, 64, 52, 4, 52, 54, 5, 29,
        /* 12 */ 46, 2, 192, 46, 4, 73, 58, 4, 61, 62, 5, 33,
        /* 13 */ 36, 3, 144, 52, 4, 83, 66, 4, 69, 58, 6, 32,
        /* 14 */ 40, 3, 163, 60, 4, 92, 60, 5, 62, 66, 6, 35,
    ]
}

extension QRBlockLayout {
    /// The blocks of a Model 1 `version` (1…14) at `level` (Table M.2), not interleaved; nil for another
    /// version.
    public init?(model1Version version: Int, level: QRErrorCorrectionLevel) {
        guard version >= 1, version <= QRModel1.maximumVersion else { return nil }
        let base = ((version - 1) * 4 + Int(level.rawValue)) * 3
        let row = QRModel1.blockTable.withUnsafeBufferPointer { t in
            (Int(t[base]), Int(t[base + 1]), Int(t[base + 2])) // Safe: base + 2 < 168.
        }
        self.init(checkCodewordsPerBlock: row.0, shortBlockCount: row.1, shortBlockDataCodewords: row.2,
                  longBlockCount: 0, isInterleaved: false)
    }
}
