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
/// within 2 bits. That keeps Model 2 reading as it was: a damaged Model 2 copy is not lost to Model 1
/// (`readCopies` offers the Model 2 reading as the alternative), and noise passes the format check
/// hardly more often (words within 2 of a Model 1 word are 12 % of all, within 3 of a Model 2 one 56 %),
/// so false grids rarely cost a Model 1 decode.
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
        var best = maxBitErrors + 1
        var bestData: UInt32 = 0
        var bestIsModel1 = false
        validWords.withUnsafeBufferPointer { words in
            for data in 0..<words.count {
                let word = UInt32(words[data]) // Safe: data < words.count.
                let distance = min((word ^ a).nonzeroBitCount, (word ^ b).nonzeroBitCount)
                if distance < best {
                    best = distance
                    bestData = UInt32(data)
                }
            }
            // Model 1 words after all Model 2 ones, so that a tie keeps Model 2.
            guard model1 else { return }
            let remask = xorMask ^ QRModel1.formatXorMask
            for data in 0..<words.count {
                let word = UInt32(words[data]) ^ remask // Safe: data < words.count.
                let distance = min((word ^ a).nonzeroBitCount, (word ^ b).nonzeroBitCount)
                if distance < best && distance <= maxModel1BitErrors {
                    best = distance
                    bestData = UInt32(data)
                    bestIsModel1 = true
                }
            }
        }
        guard best <= maxBitErrors else { return nil }
        return QRFormatInformation(level: QRErrorCorrectionLevel(formatBits: bestData >> 3), mask: Int(bestData & 7),
                                   bitErrors: best, isModel1: bestIsModel1)
    }

    /// The 32 valid (masked) words, indexed by their five data bits (level bits · 8 + mask): Annex C,
    /// Table C.1. `encode` computes the same; the table spares the decoder the division.
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
        var preferred: QRFormatInformation, alternative: QRFormatInformation?
        switch (decode(bits: first, model1: model1), decode(bits: second, model1: model1)) {
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
