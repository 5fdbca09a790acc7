/// Where the codeword bits of a QR Code Model 1 symbol sit (ISO/IEC 18004:2000 Annex M; see `QRModel1`).
///
/// Every codeword fills one cell of 8 modules, most significant bit first, two or four to a row from the
/// cell's bottom-right module leftwards, rows upwards. The cells tile three regions, read in turn:
///
/// 1. the right strip, columns d−4…d−1 below the top-right finder (rows 9…d−1), as two columns of
///    2×4 cells, the outer one first, each from the bottom up. In the outer column every second cell from
///    the third to the last but one is an extension pattern instead;
/// 2. the middle, columns 9…d−5, as 4-wide strips from the right, each from the bottom up in 4×2 cells
///    on row pairs (d−1, d−2) … (8, 7), (5, 4), (3, 2), (1, 0) — the timing row 6 is stepped over. The
///    first strip stops below the top-right finder; the bottom cell of every second strip, from the
///    second to the last but one, is an extension pattern;
/// 3. the left strip between the left finders (rows 9…d−9), columns 0…8 without the timing column 6, as
///    four columns of 2×4 cells — columns 7–8, 4–5, 2–3, 0–1 — each from the bottom up.
///
/// Format information, finders and timing patterns lie outside all three, so no function-module test is
/// needed. The cells add up to `QRModel1.placedCodewords`.
enum QRModel1Placement {
    /// Lists the data modules of a `version` (1…14) symbol in reading order into `columns` and `rows`.
    /// Returns how many were listed (at most `capacity`; 0 for another version).
    static func listModules(version: Int, columns: UnsafeMutablePointer<UInt8>, rows: UnsafeMutablePointer<UInt8>,
                            capacity: Int) -> Int {
        guard version >= 1, version <= QRModel1.maximumVersion else { return 0 }
        let d = QRVersion.dimension(version)
        var list = ModuleList(columns: columns, rows: rows, capacity: capacity)

        let rightCells = (d - 9) / 4 // rows 9…d−1: version + 2 cells
        for column in 0..<2 {
            for i in 0..<rightCells {
                let isExtension = column == 0 && i % 2 == 0 && i > 0 && i < rightCells - 1
                if !isExtension { list.cell(right: d - 1 - 2 * column, bottom: d - 1 - 4 * i, width: 2) }
            }
        }

        let strips = (d - 13) / 4 // columns 9…d−5: version + 1 strips
        for strip in 0..<strips {
            var bottom = d - 1
            while bottom >= 1 {
                let belowFinderOnly = strip == 0 && bottom <= 8
                let isExtension = bottom == d - 1 && strip % 2 == 1 && strip != strips - 1
                if !belowFinderOnly && !isExtension { list.cell(right: d - 5 - 4 * strip, bottom: bottom, width: 4) }
                bottom -= bottom == 8 ? 3 : 2 // rows 8–7 are followed by 5–4: row 6 is the timing pattern
            }
        }

        let leftCells = (d - 17) / 4 // rows 9…d−9: version cells
        for k in 0..<4 {
            let right = k == 0 ? 8 : 7 - 2 * k // 8 (with 7), 5, 3, 1: column 6 is the timing pattern
            for i in 0..<leftCells { list.cell(right: right, bottom: d - 9 - 4 * i, width: 2) }
        }
        return list.count
    }

    /// Appends cells to the module lists, stopping at their capacity.
    private struct ModuleList {
        let columns: UnsafeMutablePointer<UInt8>
        let rows: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var count = 0

        /// The 8 modules of the cell whose bottom-right module is (`right`, `bottom`), `width` 2 or 4.
        mutating func cell(right: Int, bottom: Int, width: Int) {
            for bit in 0..<8 where count < capacity {
                columns[count] = UInt8(truncatingIfNeeded: right - bit % width) // Safe: count < capacity.
                rows[count] = UInt8(truncatingIfNeeded: bottom - bit / width)
                count += 1
            }
        }
    }
}
