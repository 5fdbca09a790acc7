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
        switch (haveTopRight, haveBottomLeft) {
        case (true, true): return QRVersionInformation.decode(bits: topRight, bottomLeft)
        case (true, false): return QRVersionInformation.decode(bits: topRight)
        case (false, true): return QRVersionInformation.decode(bits: bottomLeft)
        default: return nil
        }
    }
}
