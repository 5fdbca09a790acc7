import QRCode

/// Lays out a QR symbol's modules for the test encoder (ISO/IEC 18004:2015 § 6.3, 7.7–7.10): function
/// patterns drawn and reserved first, codeword bits placed in the remaining modules, data mask applied,
/// then format and version information written. Independent of the decoder's placement code.
public enum QRTestMatrixBuilder {
    /// Modules (row-major, 1 dark) of a `version` symbol holding the interleaved `codewords`.
    public static func build(version: Int, level: QRErrorCorrectionLevel, mask: Int, codewords: [UInt8]) -> [UInt8] {
        let d = 17 + 4 * version
        var (dark, reserved) = finderAndTimingPatterns(dimension: d)
        func set(_ x: Int, _ y: Int, _ on: Bool) {
            dark[y * d + x] = on ? 1 : 0
            reserved[y * d + x] = true
        }

        // Alignment patterns (§ 6.3.6): every pair of coordinates not on a finder.
        let coordinates = (0..<QRVersion.alignmentCoordinateCount(version)).map { QRVersion.alignmentCoordinate(version, $0) }
        for cy in coordinates {
            for cx in coordinates {
                let onFinder = (cx < 9 && cy < 9) || (cx > d - 10 && cy < 9) || (cx < 9 && cy > d - 10)
                if onFinder { continue }
                for dy in -2...2 {
                    for dx in -2...2 { set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        // Format information areas (written at the end) and the dark module (§ 7.9.1).
        for i in 0...8 {
            reserved[8 * d + i] = true
            reserved[i * d + 8] = true
        }
        for i in 0..<8 {
            reserved[8 * d + (d - 1 - i)] = true
            reserved[(d - 1 - i) * d + 8] = true
        }
        set(8, d - 8, true)
        // Version information areas (§ 7.10).
        if version >= 7 {
            for i in 0..<18 {
                reserved[(i / 3) * d + (d - 11 + i % 3)] = true
                reserved[(d - 11 + i % 3) * d + (i / 3)] = true
            }
        }

        // Codeword placement (§ 7.7.3): column pairs from the right, alternately up and down.
        var bitIndex = 0
        let totalBits = codewords.count * 8
        var column = d - 1
        var upward = true
        while column > 0 {
            if column == 6 { column -= 1 }
            for step in 0..<d {
                let y = upward ? d - 1 - step : step
                for x in [column, column - 1] where !reserved[y * d + x] {
                    var bit = false
                    if bitIndex < totalBits {
                        bit = (codewords[bitIndex / 8] >> UInt8(7 - bitIndex % 8)) & 1 == 1
                    }
                    bitIndex += 1
                    let masked = maskCondition(mask, row: y, column: x)
                    dark[y * d + x] = (bit != masked) ? 1 : 0
                }
            }
            upward.toggle()
            column -= 2
        }

        writeFormat(formatBits(level: level, mask: mask), into: &dark, dimension: d)
        if version >= 7 {
            let info = versionBits(version)
            for i in 0..<18 {
                let on: UInt8 = (info >> i) & 1 == 1 ? 1 : 0
                dark[(i / 3) * d + (d - 11 + i % 3)] = on
                dark[(d - 11 + i % 3) * d + (i / 3)] = on
            }
        }
        return dark
    }

    /// Modules (row-major, 1 dark) and their reservation of what every symbol, Model 1 or 2, starts
    /// with: the finder patterns with their light separators (§ 6.3.3, 6.3.4) and the timing patterns
    /// (§ 6.3.5), dark on even positions.
    static func finderAndTimingPatterns(dimension d: Int) -> (dark: [UInt8], reserved: [Bool]) {
        var dark = [UInt8](repeating: 0, count: d * d)
        var reserved = [Bool](repeating: false, count: d * d)
        func set(_ x: Int, _ y: Int, _ on: Bool) {
            dark[y * d + x] = on ? 1 : 0
            reserved[y * d + x] = true
        }
        for (fx, fy) in [(0, 0), (d - 7, 0), (0, d - 7)] {
            for dy in -1...7 {
                for dx in -1...7 {
                    let x = fx + dx, y = fy + dy
                    guard x >= 0, y >= 0, x < d, y < d else { continue }
                    let ring = max(abs(dx - 3), abs(dy - 3)) // 0 centre … 3 outer dark ring, 4 separator
                    set(x, y, ring != 2 && ring != 4)
                }
            }
        }
        for i in 8..<(d - 8) {
            set(i, 6, i % 2 == 0)
            set(6, i, i % 2 == 0)
        }
        return (dark, reserved)
    }

    /// Writes the 15 format information bits `format`, both copies (§ 7.9.1; Model 1 places them alike).
    static func writeFormat(_ format: Int, into dark: inout [UInt8], dimension d: Int) {
        for i in 0..<15 {
            let on: UInt8 = (format >> i) & 1 == 1 ? 1 : 0
            // First copy: bits 0–7 up column 8 (skipping the timing row), bits 8–14 along row 8 leftwards.
            let firstY = i < 6 ? i : (i < 8 ? i + 1 : 8)
            let firstX = i < 8 ? 8 : (i == 8 ? 7 : 14 - i)
            dark[firstY * d + firstX] = on
            // Second copy: bits 0–7 along row 8 from the right edge, bits 8–14 down column 8 to the bottom.
            if i < 8 {
                dark[8 * d + (d - 1 - i)] = on
            } else {
                dark[(d - 15 + i) * d + 8] = on
            }
        }
    }

    /// Mask conditions of Table 10 (i = row, j = column).
    public static func maskCondition(_ mask: Int, row i: Int, column j: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i * j) % 3 + (i + j) % 2) % 2 == 0
        }
    }

    /// Format information word: level bits (L 01, M 00, Q 11, H 10), mask, BCH(15,5), XOR 0x5412.
    public static func formatBits(level: QRErrorCorrectionLevel, mask: Int) -> Int {
        let levelBits = [QRErrorCorrectionLevel.low: 1, .medium: 0, .quartile: 3, .high: 2][level]!
        let data = levelBits << 3 | mask
        return (data << 10 | polynomialRemainder(data << 10, 0b101_0011_0111)) ^ 0b101_0100_0001_0010
    }

    /// Version information word: 6 version bits and the BCH(18,6) remainder.
    public static func versionBits(_ version: Int) -> Int {
        version << 12 | polynomialRemainder(version << 12, 0b1_1111_0010_0101)
    }

    private static func polynomialRemainder(_ value: Int, _ generator: Int) -> Int {
        let degree = Int.bitWidth - generator.leadingZeroBitCount - 1
        var r = value
        while r != 0 && Int.bitWidth - r.leadingZeroBitCount - 1 >= degree {
            r ^= generator << (Int.bitWidth - r.leadingZeroBitCount - 1 - degree)
        }
        return r
    }

    /// Penalty score of § 7.8.3 (N1 runs, N2 blocks, N3 finder-like patterns, N4 balance).
    public static func penalty(_ m: [UInt8], dimension d: Int) -> Int {
        var score = 0
        for horizontal in [true, false] {
            for a in 0..<d {
                var line = [UInt8](repeating: 0, count: d)
                for b in 0..<d { line[b] = horizontal ? m[a * d + b] : m[b * d + a] }
                var run = 1
                for b in 1...d {
                    if b < d && line[b] == line[b - 1] {
                        run += 1
                    } else {
                        if run >= 5 { score += 3 + run - 5 }
                        run = 1
                    }
                }
                // 1:1:3:1:1 dark-light-dark pattern with 4 light modules before or after.
                let pattern: [UInt8] = [1, 0, 1, 1, 1, 0, 1]
                if d >= 7 {
                    for b in 0...(d - 7) where Array(line[b..<b + 7]) == pattern {
                        let before = b >= 4 && line[(b - 4)..<b].allSatisfy { $0 == 0 }
                        let after = b + 11 <= d && line[(b + 7)..<(b + 11)].allSatisfy { $0 == 0 }
                        if before || after { score += 40 }
                    }
                }
            }
        }
        for y in 0..<(d - 1) {
            for x in 0..<(d - 1) {
                let c = m[y * d + x]
                if m[y * d + x + 1] == c && m[(y + 1) * d + x] == c && m[(y + 1) * d + x + 1] == c { score += 3 }
            }
        }
        let darkCount = m.reduce(0) { $0 + Int($1) }
        let percent = darkCount * 100 / (d * d)
        score += 10 * (abs(percent - 50) / 5)
        return score
    }
}
