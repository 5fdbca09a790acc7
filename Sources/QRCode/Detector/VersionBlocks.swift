import Imaging

/// Reads a symbol's version information (ISO/IEC 18004 § 7.10) straight from the binarized plane,
/// before any grid is sampled: two 6×3 blocks, left of the top-right eye and (transposed) above the
/// bottom-left eye, decoded by `QRVersionInformation`.
enum VersionBlocks {
    /// Reads each block through a local frame around its own eye (`SymbolGeometry.versionFrames`). The
    /// frames put the eye centre at x = 0 (top-right) or y = 0 (bottom-left), so the block positions,
    /// counted from the eye, do not depend on a guess of the dimension. 36 samples in all.
    static func read(_ plane: BitPlane, polarity: UInt8, topRightFrame: PerspectiveTransform?,
                     bottomLeftFrame: PerspectiveTransform?) -> Int? {
        @inline(__always) func bit(_ t: PerspectiveTransform, _ x: Double, _ y: Double) -> UInt32 {
            let p = t.apply(x, y)
            guard let px = checkedFloor(p.x), let py = checkedFloor(p.y) else { return 0 }
            return UInt32(plane.sample(px, py) ^ polarity)
        }
        // Bit k (0 = least significant) of the top-right block is module (N-11 + k%3, k/3): relative to the
        // eye centre (N-3.5, 3.5) its centre is at x = k%3 − 7, y = k/3 + 0.5. The bottom-left block is the
        // transpose.
        var topRight: UInt32 = 0, bottomLeft: UInt32 = 0
        let haveTopRight = topRightFrame?.isUsable == true, haveBottomLeft = bottomLeftFrame?.isUsable == true
        for k in stride(from: 17, through: 0, by: -1) {
            if haveTopRight, let t = topRightFrame {
                topRight = topRight << 1 | bit(t, Double(k % 3) - 7, Double(k / 3) + 0.5)
            }
            if haveBottomLeft, let t = bottomLeftFrame {
                bottomLeft = bottomLeft << 1 | bit(t, Double(k / 3) + 0.5, Double(k % 3) - 7)
            }
        }
        // Random bits fall within 3 of one of the 34 words 13 % of the time, so one block alone must be
        // nearly clean (≤ 1 error); two blocks must agree on the version with ≤ 4 errors between them.
        var best = (version: 0, errors: Int.max)
        for version in 7...QRVersion.maximum {
            let word = QRVersionInformation.encode(version: version)
            let e1 = haveTopRight ? (word ^ topRight).nonzeroBitCount : 18
            let e2 = haveBottomLeft ? (word ^ bottomLeft).nonzeroBitCount : 18
            let errors = min(e1 <= 1 ? e1 : 18, e2 <= 1 ? e2 : 18, haveTopRight && haveBottomLeft ? e1 + e2 : 18)
            if errors < best.errors { best = (version, errors) }
        }
        return best.errors <= 4 ? best.version : nil
    }
}
