/// Size facts of QR Code Model 2 versions 1…40 (ISO/IEC 18004:2015 § 5.3, Table 1 and Annex E).
/// Pure functions over static tables: nothing allocates, out-of-range versions give 0 / nil.
public enum QRVersion {
    public static let minimum = 1
    public static let maximum = 40

    /// Modules per side: 21 for version 1, 4 more per version, 177 for version 40 (§ 5.3.1).
    /// 0 for a version outside 1…40.
    @inline(__always)
    public static func dimension(_ version: Int) -> Int {
        version >= minimum && version <= maximum ? 17 + 4 * version : 0
    }

    /// The version whose symbol is `dimension` modules wide, or nil when no version is.
    @inline(__always)
    public static func version(forDimension dimension: Int) -> Int? {
        guard dimension >= 21, dimension <= 177, (dimension - 17) % 4 == 0 else { return nil }
        return (dimension - 17) / 4
    }

    // MARK: Alignment patterns (Annex E, Table E.1)

    /// Row/column coordinates of alignment pattern centres, 7 slots per version (unused slots 0).
    /// Centres sit at every pairing of these coordinates except the three that fall on finder patterns.
    private static let alignmentTable: [UInt8] = [
        /*  1 */ 0, 0, 0, 0, 0, 0, 0,
        /*  2 */ 6, 18, 0, 0, 0, 0, 0,
        /*  3 */ 6, 22, 0, 0, 0, 0, 0,
        /*  4 */ 6, 26, 0, 0, 0, 0, 0,
        /*  5 */ 6, 30, 0, 0, 0, 0, 0,
        /*  6 */ 6, 34, 0, 0, 0, 0, 0,
        /*  7 */ 6, 22, 38, 0, 0, 0, 0,
        /*  8 */ 6, 24, 42, 0, 0, 0, 0,
        /*  9 */ 6, 26, 46, 0, 0, 0, 0,
        /* 10 */ 6, 28, 50, 0, 0, 0, 0,
        /* 11 */ 6, 30, 54, 0, 0, 0, 0,
        /* 12 */ 6, 32, 58, 0, 0, 0, 0,
        /* 13 */ 6, 34, 62, 0, 0, 0, 0,
        /* 14 */ 6, 26, 46, 66, 0, 0, 0,
        /* 15 */ 6, 26, 48, 70, 0, 0, 0,
        /* 16 */ 6, 26, 50, 74, 0, 0, 0,
        /* 17 */ 6, 30, 54, 78, 0, 0, 0,
        /* 18 */ 6, 30, 56, 82, 0, 0, 0,
        /* 19 */ 6, 30, 58, 86, 0, 0, 0,
        /* 20 */ 6, 34, 62, 90, 0, 0, 0,
        /* 21 */ 6, 28, 50, 72, 94, 0, 0,
        /* 22 */ 6, 26, 50, 74, 98, 0, 0,
        /* 23 */ 6, 30, 54, 78, 102, 0, 0,
        /* 24 */ 6, 28, 54, 80, 106, 0, 0,
        /* 25 */ 6, 32, 58, 84, 110, 0, 0,
        /* 26 */ 6, 30, 58, 86, 114, 0, 0,
        /* 27 */ 6, 34, 62, 90, 118, 0, 0,
        /* 28 */ 6, 26, 50, 74, 98, 122, 0,
        /* 29 */ 6, 30, 54, 78, 102, 126, 0,
        /* 30 */ 6, 26, 52, 78, 104, 130, 0,
        /* 31 */ 6, 30, 56, 82, 108, 134, 0,
        /* 32 */ 6, 34, 60, 86, 112, 138, 0,
        /* 33 */ 6, 30, 58, 86, 114, 142, 0,
        /* 34 */ 6, 34, 62, 90, 118, 146, 0,
        /* 35 */ 6, 30, 54, 78, 102, 126, 150,
        /* 36 */ 6, 24, 50, 76, 102, 128, 154,
        /* 37 */ 6, 28, 54, 80, 106, 132, 158,
        /* 38 */ 6, 32, 58, 84, 110, 136, 162,
        /* 39 */ 6, 26, 54, 82, 110, 138, 166,
        /* 40 */ 6, 30, 58, 86, 114, 142, 170,
    ]

    /// How many alignment coordinates version `version` has per axis: 0 for version 1, then
    /// version / 7 + 2 (2 for versions 2…6 up to 7 for 35…40). 0 for an invalid version.
    @inline(__always)
    public static func alignmentCoordinateCount(_ version: Int) -> Int {
        version >= 2 && version <= maximum ? version / 7 + 2 : 0
    }

    /// Alignment coordinate `index` (0 ..< `alignmentCoordinateCount`) of `version`, ascending; the
    /// first is always 6 and the last `dimension − 7`. 0 for an out-of-range argument.
    @inline(__always)
    public static func alignmentCoordinate(_ version: Int, _ index: Int) -> Int {
        guard index >= 0, index < alignmentCoordinateCount(version) else { return 0 }
        return alignmentTable.withUnsafeBufferPointer { table in
            Int(table[(version - 1) * 7 + index]) // Safe: version 2…40, index < 7 → < 280.
        }
    }

    /// Whether an alignment pattern is centred at (`x`, `y`) in `version`: both are alignment
    /// coordinates and the pair is not one of the three finder corners (§ 6.3.6).
    public static func hasAlignmentPattern(_ version: Int, centerX x: Int, centerY y: Int) -> Bool {
        let count = alignmentCoordinateCount(version)
        guard count > 0 else { return false }
        var ix = -1, iy = -1
        for i in 0..<count {
            let c = alignmentCoordinate(version, i)
            if c == x { ix = i }
            if c == y { iy = i }
        }
        guard ix >= 0, iy >= 0 else { return false }
        let last = count - 1
        return !((ix == 0 && iy == 0) || (ix == 0 && iy == last) || (ix == last && iy == 0))
    }

    // MARK: Codeword capacity (Table 1)

    /// Modules left for data and error-correction codewords once every function pattern and the
    /// format and version information are taken out (Table 1, "data modules except (C)").
    public static func dataModules(_ version: Int) -> Int {
        let d = dimension(version)
        guard d > 0 else { return 0 }
        // Three finders with separators (3 × 8 × 8), two copies of format information (2 × 15), the dark
        // module, and the timing patterns between the separators.
        var function = 3 * 64 + 2 * 15 + 1 + 2 * (d - 16)
        let n = alignmentCoordinateCount(version)
        if n > 0 {
            // n² − 3 patterns of 5 × 5; those on row/column 6 (n − 2 per line) overlap 5 timing modules.
            function += 25 * (n * n - 3) - 2 * 5 * (n - 2)
        }
        if version >= 7 { function += 2 * 18 } // version information, two blocks of 6 × 3
        return d * d - function
    }

    /// Total codewords (data + error correction) of `version`: 26 for version 1 … 3706 for version 40.
    @inline(__always)
    public static func totalCodewords(_ version: Int) -> Int { dataModules(version) / 8 }

    /// Modules after the last codeword that carry no data (0, 3, 4 or 7; Table 1 "remainder bits").
    @inline(__always)
    public static func remainderBits(_ version: Int) -> Int { dataModules(version) % 8 }

    /// Largest number of codewords of any version (version 40).
    public static let maxTotalCodewords = 3706
}
