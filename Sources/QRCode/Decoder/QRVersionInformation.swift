/// The 18-bit version information of QR versions 7…40 (ISO/IEC 18004:2015 § 7.10, Annex D).
///
/// Six version bits extended by a BCH(18,6) code, generator x¹²+x¹¹+x¹⁰+x⁹+x⁸+x⁵+x²+1 (0x1F25), not
/// masked. The 34 valid words are at least 8 bits apart: the nearest within distance 3 is taken.
/// Two copies: a 6 × 3 block left of the top-right finder and its transpose above the bottom-left one.
public enum QRVersionInformation {
    /// BCH(18,6) generator polynomial.
    public static let generator: UInt32 = 0x1F25
    /// Largest Hamming distance accepted between a read word and a valid one.
    public static let maxBitErrors = 3

    /// The 18-bit word for `version` (7…40); 0 for versions without version information.
    public static func encode(version: Int) -> UInt32 {
        guard version >= 7, version <= QRVersion.maximum else { return 0 }
        let data = UInt32(version) << 12
        return data | bchRemainder(data, generator: generator, degree: 12)
    }

    /// The version (7…40) whose word is nearest to `bits` (low 18 bits), nil when none is within 3.
    public static func decode(bits: UInt32) -> Int? {
        decode(bits: bits, bits)
    }

    /// The version nearest to either of two copies, nil when none is within distance 3.
    public static func decode(bits first: UInt32, _ second: UInt32) -> Int? {
        var best = maxBitErrors + 1
        var bestVersion = 0
        for version in 7...QRVersion.maximum {
            let word = encode(version: version)
            let distance = min((word ^ (first & 0x3FFFF)).nonzeroBitCount, (word ^ (second & 0x3FFFF)).nonzeroBitCount)
            if distance < best {
                best = distance
                bestVersion = version
            }
        }
        return best <= maxBitErrors ? bestVersion : nil
    }

    /// Module (x, y) of bit `i` (0 = least significant) in the top-right block: x = d − 11 + i mod 3,
    /// y = i / 3. The bottom-left block is its transpose.
    @inline(__always)
    public static func topRightPosition(bit i: Int, dimension d: Int) -> (x: Int, y: Int) {
        (d - 11 + i % 3, i / 3)
    }

    /// Reads both blocks from `matrix` and decodes the better one. nil when the matrix is smaller than
    /// version 7 (no version information) or neither block is within distance 3 of a valid word.
    public static func read(from matrix: QRModuleMatrix) -> Int? {
        let d = matrix.dimension
        guard let version = QRVersion.version(forDimension: d), version >= 7 else { return nil }
        var first: UInt32 = 0, second: UInt32 = 0
        for i in 0..<18 {
            let p = topRightPosition(bit: i, dimension: d)
            // Safe: d − 11 >= 34 and i / 3 <= 5, so both positions lie inside the matrix.
            if matrix.get(p.x, p.y) != 0 { first |= 1 << UInt32(i) }
            if matrix.get(p.y, p.x) != 0 { second |= 1 << UInt32(i) }
        }
        return decode(bits: first, second)
    }
}
