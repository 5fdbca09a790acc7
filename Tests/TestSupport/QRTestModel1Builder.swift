import QRCode

/// Lays out a QR Code Model 1 symbol's modules for the test encoder (ISO/IEC 18004:2000 Annex M, as
/// `QRModel1` describes it): finders, timing patterns, dark module and extension patterns drawn and
/// reserved first; then the codewords in 8-module cells, region by region, every cell that touches a
/// reserved module skipped; data mask; format information masked with 0x2825. Independent of the
/// decoder's placement code (which lists the cells by rule instead of skipping reserved ones).
public enum QRTestModel1Builder {
    /// Modules (row-major, 1 dark) of a Model 1 `version` symbol holding `codewords` in placement order;
    /// cells past the last codeword hold remainder codewords of zeros.
    public static func build(version: Int, level: QRErrorCorrectionLevel, mask: Int, codewords: [UInt8]) -> [UInt8] {
        let d = 17 + 4 * version
        var (dark, cells) = functionPatternsAndCells(dimension: d)
        precondition(codewords.count <= cells.count, "\(codewords.count) codewords for \(cells.count) cells")
        for (index, cell) in cells.enumerated() {
            let codeword = index < codewords.count ? codewords[index] : 0
            for (bit, p) in cell.enumerated() {
                let on = (codeword >> UInt8(7 - bit)) & 1 == 1
                dark[p.y * d + p.x] = on != QRTestMatrixBuilder.maskCondition(mask, row: p.y, column: p.x) ? 1 : 0
            }
        }

        let format = QRTestMatrixBuilder.formatBits(level: level, mask: mask) ^ 0x5412 ^ 0x2825
        QRTestMatrixBuilder.writeFormat(format, into: &dark, dimension: d)
        return dark
    }

    /// How many codeword cells a Model 1 `version` symbol has: its data, check and remainder codewords.
    public static func cellCount(version: Int) -> Int {
        functionPatternsAndCells(dimension: 17 + 4 * version).cells.count
    }

    /// The function patterns (with their modules, reserved) and the codeword cells, in placement order.
    private static func functionPatternsAndCells(dimension d: Int) -> (dark: [UInt8], cells: [[(x: Int, y: Int)]]) {
        // Finders with separators and timing patterns as in Model 2 (they cross no module below), then
        // the format areas beside the finders (rows/columns 8) and the dark module.
        var (dark, reserved) = QRTestMatrixBuilder.finderAndTimingPatterns(dimension: d)
        func set(_ x: Int, _ y: Int, _ on: Bool) {
            dark[y * d + x] = on ? 1 : 0
            reserved[y * d + x] = true
        }
        for i in 0...8 {
            reserved[8 * d + i] = true
            reserved[i * d + 8] = true
            reserved[8 * d + d - 1 - min(i, 7)] = true
            reserved[(d - 1 - min(i, 7)) * d + 8] = true
        }
        set(8, d - 8, true)
        // Extension patterns: 4-module bars, dark on the edge, light inside, every 8 modules up the right
        // edge from 8 above the bottom, and along the bottom edge from 8 left of the right strip.
        var y = d - 9
        while y - 3 > 8 + 4 {
            for k in 0..<4 {
                set(d - 1, y - k, true)
                set(d - 2, y - k, false)
            }
            y -= 8
        }
        var x = d - 9
        while x - 3 > 8 + 4 {
            for k in 0..<4 {
                set(x - k, d - 1, true)
                set(x - k, d - 2, false)
            }
            x -= 8
        }

        // Regions in placement order: columns right to left, rows bottom to top, cell width (2 × 4 or 4 × 2).
        let rightColumns = Array((d - 4)...(d - 1)).reversed()
        let middleColumns = Array(9...(d - 5)).reversed()
        let leftColumns = Array(0...8).reversed().filter { $0 != 6 }
        let allRows = Array(0..<d).reversed().filter { $0 != 6 }
        let regions: [(columns: [Int], rows: [Int], width: Int)] = [
            (Array(rightColumns), Array(allRows.filter { $0 >= 9 }), 2),
            (Array(middleColumns), allRows, 4),
            (leftColumns, Array(allRows.filter { $0 >= 9 && $0 <= d - 9 }), 2),
        ]
        var cells: [[(x: Int, y: Int)]] = []
        for region in regions {
            let height = 8 / region.width
            for c in stride(from: 0, to: region.columns.count, by: region.width) {
                for r in stride(from: 0, to: region.rows.count - height + 1, by: height) {
                    var cell: [(x: Int, y: Int)] = []
                    for bit in 0..<8 {
                        cell.append((region.columns[c + bit % region.width], region.rows[r + bit / region.width]))
                    }
                    if cell.allSatisfy({ !reserved[$0.y * d + $0.x] }) { cells.append(cell) }
                }
            }
        }
        return (dark, cells)
    }
}
