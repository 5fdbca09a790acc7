/// Which modules of a QR symbol are function modules (finder patterns with their separators, timing
/// patterns, alignment patterns, format and version information, the dark module) and so carry no
/// codeword bits (ISO/IEC 18004:2015 § 6.3, Figure 2; § 7.7.3 places codewords around them).
public enum QRFunctionModules {
    /// Whether module (`x`, `y`) of a `version` symbol is a function module. Positions outside the
    /// symbol (or an invalid version) answer true, so that no caller ever reads data there.
    public static func isFunctionModule(x: Int, y: Int, version: Int) -> Bool {
        let d = QRVersion.dimension(version)
        guard d > 0, x >= 0, y >= 0, x < d, y < d else { return true }
        // Finder patterns (7 × 7), separators and the format information beside them: three 9 × 9,
        // 9 × 8 and 8 × 9 corners. The dark module (8, d − 8) is inside the bottom-left one.
        if x <= 8 && (y <= 8 || y >= d - 8) { return true }
        if y <= 8 && x >= d - 8 { return true }
        // Timing patterns: row 6 and column 6.
        if x == 6 || y == 6 { return true }
        // Version information (versions 7 and up): 6 × 3 beside the top-right and bottom-left finders.
        if version >= 7 {
            if y <= 5 && x >= d - 11 && x <= d - 9 { return true }
            if x <= 5 && y >= d - 11 && y <= d - 9 { return true }
        }
        return isInAlignmentPattern(x: x, y: y, version: version)
    }

    /// Whether (`x`, `y`) lies in one of the 5 × 5 alignment patterns of `version`.
    @inline(__always)
    static func isInAlignmentPattern(x: Int, y: Int, version: Int) -> Bool {
        let count = QRVersion.alignmentCoordinateCount(version)
        guard count > 0 else { return false }
        // Coordinates are at least 16 apart, so each of x and y is near at most one of them.
        var ix = -1, iy = -1
        for i in 0..<count {
            let c = QRVersion.alignmentCoordinate(version, i)
            if x >= c - 2 && x <= c + 2 { ix = i }
            if y >= c - 2 && y <= c + 2 { iy = i }
        }
        guard ix >= 0, iy >= 0 else { return false }
        let last = count - 1
        // No pattern where one would overlap a finder: (first, first), (last, first), (first, last).
        return !((ix == 0 && iy == 0) || (ix == last && iy == 0) || (ix == 0 && iy == last))
    }
}
