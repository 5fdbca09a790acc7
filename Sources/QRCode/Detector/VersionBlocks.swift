/// Reads the version information of a sampled grid (ISO/IEC 18004 § 7.10): two 6×3 blocks, beside the
/// top-right eye and (transposed) above the bottom-left eye, each an 18-bit BCH(18,6) code word.
enum VersionBlocks {
    /// The version both blocks agree on best, or nil when neither decodes (or the grid is under version 7).
    static func read(_ matrix: QRModuleMatrix) -> Int? {
        let n = matrix.dimension
        guard n >= 45 else { return nil }
        var topRight: UInt32 = 0, bottomLeft: UInt32 = 0
        // Bit k (0 = least significant) sits at (N-11 + k%3, k/3) and, mirrored, at (k/3, N-11 + k%3).
        for k in stride(from: 17, through: 0, by: -1) {
            topRight = topRight << 1 | UInt32(matrix.get(n - 11 + k % 3, k / 3))
            bottomLeft = bottomLeft << 1 | UInt32(matrix.get(k / 3, n - 11 + k % 3))
        }
        return decode(topRight) ?? decode(bottomLeft)
    }

    /// Nearest valid code word within Hamming distance 3 (the code corrects 3 errors).
    static func decode(_ bits: UInt32) -> Int? {
        var best: Int?
        var bestDistance = 4
        for version in 7...40 {
            let d = (codeWord(version) ^ bits).nonzeroBitCount
            if d < bestDistance {
                bestDistance = d
                best = version
            }
        }
        return best
    }

    /// Version number followed by the 12-bit BCH remainder of version·x¹² modulo G(x) = 0x1F25.
    static func codeWord(_ version: Int) -> UInt32 {
        var remainder = UInt32(version) << 12
        for bit in stride(from: 17, through: 12, by: -1) where remainder & (1 << UInt32(bit)) != 0 {
            remainder ^= 0x1F25 << UInt32(bit - 12)
        }
        return UInt32(version) << 12 | remainder
    }
}
