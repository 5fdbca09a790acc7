/// The 15-bit format information of a QR symbol: error-correction level and data mask pattern
/// (ISO/IEC 18004:2015 § 7.9.1).
///
/// Five data bits (level, mask) are extended by a BCH(15,5) code, generator x¹⁰+x⁸+x⁵+x⁴+x²+x+1 (0x537),
/// and XORed with 0x5412 so that no valid word is all zeros. The 32 valid words are at least 7 bits
/// apart, so the nearest one within Hamming distance 3 is the right one (Annex C.2).
///
/// QR Code Model 1 symbols (versions 1–14) carry the same words XORed with 0x2825 instead (`QRModel1`):
/// the mask a word matches tells the models apart. A Model 1 word is at least 5 bits from any Model 2
/// word, so a read word can be near one of each: Model 2 wins ties, and a Model 1 word is taken only
/// within 2 bits — in a symbol (`readCopies`), within 1 bit unless both copies agree. That keeps Model 2
/// reading as it was: a damaged Model 2 copy is not lost to Model 1 (`readCopies` offers the Model 2
/// reading as the alternative), and noise grids rarely pass as Model 1 (about 3 % of them, against 56 %
/// within 3 bits of a Model 2 word), so they rarely cost a Model 1 decode.
public struct QRFormatInformation: Equatable, Sendable {
    public let level: QRErrorCorrectionLevel
    /// Data mask pattern reference, 0…7 (Table 10).
    public let mask: Int
    /// Bits that differed from the nearest valid word (0…3) in the copy that was used.
    public let bitErrors: Int
    /// The word was masked as in a QR Code Model 1 symbol.
    public let isModel1: Bool

    public init(level: QRErrorCorrectionLevel, mask: Int, bitErrors: Int = 0, isModel1: Bool = false) {
        self.level = level
        self.mask = mask & 7
        self.bitErrors = bitErrors
        self.isModel1 = isModel1
    }

    /// The XOR mask applied to every format information word (§ 7.9.1).
    public static let xorMask: UInt32 = 0x5412
    /// BCH(15,5) generator polynomial.
    public static let generator: UInt32 = 0x537
    /// Largest Hamming distance accepted between a read word and a valid one.
    public static let maxBitErrors = 3
    /// Largest Hamming distance accepted between a read word and a valid Model 1 word.
    public static let maxModel1BitErrors = 2

    /// The 15-bit word (masked, as printed) for `level` and `mask`, of a Model 1 symbol when `model1`.
    public static func encode(level: QRErrorCorrectionLevel, mask: Int, model1: Bool = false) -> UInt32 {
        let data = level.formatBits << 3 | UInt32(mask & 7)
        return (data << 10 | bchRemainder(data << 10, generator: generator, degree: 10))
            ^ (model1 ? QRModel1.formatXorMask : xorMask)
    }

    /// The word printed for this format information.
    public var bits: UInt32 { Self.encode(level: level, mask: mask, model1: isModel1) }

    /// The format information whose valid word is nearest to `bits` (low 15 bits, as read, masked),
    /// or nil when none is within distance 3. Model 1 words count too when `model1`.
    public static func decode(bits: UInt32, model1: Bool = false) -> QRFormatInformation? {
        nearest(bits & 0x7FFF, bits & 0x7FFF, model1: model1)
    }

    /// The best of two copies: the valid word nearest to either of them, nil when none is within 3.
    public static func decode(bits first: UInt32, _ second: UInt32, model1: Bool = false) -> QRFormatInformation? {
        nearest(first & 0x7FFF, second & 0x7FFF, model1: model1)
    }

    private static func nearest(_ a: UInt32, _ b: UInt32, model1: Bool) -> QRFormatInformation? {
        let (ea, eb) = nearestTable.withUnsafeBufferPointer { t in
            (Int(t[Int(a & 0x7FFF)]), Int(t[Int(b & 0x7FFF)])) // Safe: 15-bit indices into 2¹⁵ entries.
        }
        // Per copy: the Model 2 reading in the low byte, the Model 1 one in the high byte (see the table).
        var (data, distance) = closer(ea & 0xFF, eb & 0xFF)
        var isModel1 = false
        if model1 {
            let (data1, distance1) = closer(ea >> 8, eb >> 8)
            if distance1 < distance { // Model 2 wins ties
                (data, distance, isModel1) = (data1, distance1, true)
            }
        }
        guard distance <= maxBitErrors else { return nil }
        return QRFormatInformation(level: QRErrorCorrectionLevel(formatBits: UInt32(data >> 3)), mask: data & 7,
                                   bitErrors: distance, isModel1: isModel1)
    }

    /// The nearer of two table readings (data bits 0–4, distance bits 5–7); on a tie the lower data bits,
    /// as a scan of the valid words in order would find.
    @inline(__always)
    private static func closer(_ x: Int, _ y: Int) -> (data: Int, distance: Int) {
        let dx = x >> 5 & 7, dy = y >> 5 & 7
        if dx != dy { return dx < dy ? (x & 31, dx) : (y & 31, dy) }
        return (min(x & 31, y & 31), dx)
    }

    /// The nearest valid word of every 15-bit word, for both models: the low byte holds the data bits
    /// (0–4) of the Model 2 word within 3 bits and that distance (bits 5–7; 7: none), the high byte the
    /// same for the Model 1 word within 2 bits. Valid words of one model are 7 bits apart, so those
    /// neighbourhoods never overlap and each word has at most one of each. Filled once (64 KB) from the
    /// 32 words and the 576 error patterns of weight ≤ 3, so that reading format information costs two
    /// look-ups instead of 32 or 64 distance computations.
    static let nearestTable: [UInt16] = {
        let none = UInt16(7 << 5 | 7 << 13)
        var table = [UInt16](repeating: none, count: 1 << 15)
        let remask = Int(xorMask ^ QRModel1.formatXorMask)
        for pattern in 0..<(1 << 15) {
            let weight = pattern.nonzeroBitCount
            guard weight <= maxBitErrors else { continue }
            for data in 0..<validWords.count {
                let word = Int(validWords[data])
                let entry = UInt16(data | weight << 5)
                table[word ^ pattern] = table[word ^ pattern] & 0xFF00 | entry
                if weight <= maxModel1BitErrors {
                    let model1Word = word ^ remask
                    table[model1Word ^ pattern] = table[model1Word ^ pattern] & 0x00FF | entry << 8
                }
            }
        }
        return table
    }()

    /// The 32 valid (masked) words, indexed by their five data bits (level bits · 8 + mask): Annex C,
    /// Table C.1. `encode` computes the same; `nearestTable` is made from these.
    static let validWords: [UInt16] = [
        0x5412, 0x5125, 0x5E7C, 0x5B4B, 0x45F9, 0x40CE, 0x4F97, 0x4AA0, // M, masks 0…7
        0x77C4, 0x72F3, 0x7DAA, 0x789D, 0x662F, 0x6318, 0x6C41, 0x6976, // L
        0x1689, 0x13BE, 0x1CE7, 0x19D0, 0x0762, 0x0255, 0x0D0C, 0x083B, // H
        0x355F, 0x3068, 0x3F31, 0x3A06, 0x24B4, 0x2183, 0x2EDA, 0x2BED, // Q
    ]

    // MARK: Positions in the symbol (§ 7.9.1, Figure 25)

    /// Module (x, y) that carries bit `i` (0 = least significant) of the copy beside the top-left finder:
    /// bits 0…5 up column 8 from row 0, bits 6…8 around the corner (8,7), (8,8), (7,8), bits 9…14 along
    /// row 8 from column 5 to column 0. Timing modules (6) are skipped.
    @inline(__always)
    public static func firstCopyPosition(bit i: Int) -> (x: Int, y: Int) {
        switch i {
        case 0...5: (8, i)
        case 6: (8, 7)
        case 7: (8, 8)
        case 8: (7, 8)
        default: (14 - i, 8)
        }
    }

    /// Module (x, y) that carries bit `i` of the second copy: bits 0…7 along row 8 from the right edge
    /// leftwards (below the top-right finder), bits 8…14 down column 8 from row `dimension − 7` (beside the
    /// bottom-left finder). The dark module (8, `dimension − 8`) sits just above that run.
    @inline(__always)
    public static func secondCopyPosition(bit i: Int, dimension d: Int) -> (x: Int, y: Int) {
        i < 8 ? (d - 1 - i, 8) : (8, d - 15 + i)
    }

    /// Reads both copies from `matrix` and decodes the better one; nil when neither is within distance 3
    /// of a valid word (or the matrix has no valid size).
    public static func read(from matrix: QRModuleMatrix) -> QRFormatInformation? {
        let copies = readCopies(from: matrix)
        return copies.preferred
    }

    /// Both copies read and decoded on their own (as Model 1 words too when the size allows, versions
    /// 1–14). `preferred` is the one with fewer bit errors (the
    /// first on a tie); `alternative` the other one's reading when it is valid and says something else.
    /// Copies can disagree, both validly: a damaged copy may land within 3 bits of another word (all
    /// bits flipped even gives one exactly, as the code holds the all-ones word), so a decoder whose
    /// first try fails error correction should try the alternative.
    public static func readCopies(from matrix: QRModuleMatrix) -> (preferred: QRFormatInformation?, alternative: QRFormatInformation?) {
        let d = matrix.dimension
        guard QRVersion.version(forDimension: d) != nil else { return (nil, nil) }
        var first: UInt32 = 0, second: UInt32 = 0
        for i in 0..<15 {
            let p = firstCopyPosition(bit: i), q = secondCopyPosition(bit: i, dimension: d)
            // Safe: all positions lie in 0..<d for d >= 21.
            if matrix.get(p.x, p.y) != 0 { first |= 1 << UInt32(i) }
            if matrix.get(q.x, q.y) != 0 { second |= 1 << UInt32(i) }
        }
        let model1 = d <= QRModel1.maxDimension
        var a = decode(bits: first, model1: model1), b = decode(bits: second, model1: model1)
        // A Model 1 reading 2 bits off stands only when the other copy reads the same (noise lands within
        // 2 bits of some Model 1 word 12 % of the time, within 1 bit 1.6 %); else the copy reads as Model 2.
        let copiesAgreeOnModel1 = a?.isModel1 == true && b?.isModel1 == true && a?.level == b?.level && a?.mask == b?.mask
        if !copiesAgreeOnModel1 {
            if let x = a, x.isModel1, x.bitErrors > 1 { a = decode(bits: first) }
            if let y = b, y.isModel1, y.bitErrors > 1 { b = decode(bits: second) }
        }
        var preferred: QRFormatInformation, alternative: QRFormatInformation?
        switch (a, b) {
        case (nil, nil):
            return (nil, nil)
        case let (one?, nil), let (nil, one?):
            preferred = one
        case let (a?, b?):
            let other: QRFormatInformation
            (preferred, other) = b.bitErrors < a.bitErrors ? (b, a) : (a, b)
            if other.level != preferred.level || other.mask != preferred.mask || other.isModel1 != preferred.isModel1 {
                alternative = other
            }
        }
        // A Model 2 copy with 3 bits wrong can land within 2 of a Model 1 word: when Model 1 is preferred,
        // the copies' Model 2 reading (if any) is the alternative.
        if preferred.isModel1, alternative?.isModel1 != false, let model2 = decode(bits: first, second) {
            alternative = model2
        }
        return (preferred, alternative)
    }
}

/// Remainder of `value` divided by `generator` (degree `degree`) over GF(2): the check bits of a BCH
/// code word whose data bits are `value >> degree`.
@inline(__always)
func bchRemainder(_ value: UInt32, generator: UInt32, degree: Int) -> UInt32 {
    var r = value
    var bit = 31
    while bit >= degree {
        if r & (1 << UInt32(bit)) != 0 { r ^= generator << UInt32(bit - degree) }
        bit -= 1
    }
    return r
}
