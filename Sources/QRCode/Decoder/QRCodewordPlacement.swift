import Imaging

/// Where the codeword bits of a QR symbol sit (ISO/IEC 18004:2015 § 7.7.3, Figure 13) and how they
/// are masked (§ 7.8.2, Table 10).
///
/// Codewords run in two-module-wide columns from the bottom-right corner, upwards then downwards in
/// turn, right module before left, skipping function modules; the vertical timing pattern (column 6)
/// is stepped over as a whole. Bits fill each codeword from the most significant end; remainder bits
/// after the last codeword carry nothing.

/// Which modules are function modules: finder patterns with separators, timing patterns, alignment
/// patterns, format and version information, the dark module (§ 6.3, Figure 2).
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

    /// Marks the function modules of a `version` symbol: `mask[y · d + x]` (d the dimension) becomes 1 for
    /// each module `isFunctionModule` answers true for, 0 for the others. The same regions filled as
    /// rectangles, so that listing a version's data modules costs one byte test per module.
    public static func markFunctionModules(version: Int, into mask: UnsafeMutablePointer<UInt8>) {
        let d = QRVersion.dimension(version)
        guard d > 0 else { return }
        mask.initialize(repeating: 0, count: d * d)
        // Safe throughout: every rectangle lies inside 0 ..< d on both axes.
        func fill(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) { // inclusive corners
            for y in y0...y1 { (mask + y * d + x0).initialize(repeating: 1, count: x1 - x0 + 1) }
        }
        fill(0, 0, 8, 8)            // finder, separator and format information, top left
        fill(0, d - 8, 8, d - 1)    // bottom left, with the dark module
        fill(d - 8, 0, d - 1, 8)    // top right
        fill(6, 0, 6, d - 1)        // timing patterns
        fill(0, 6, d - 1, 6)
        if version >= 7 {           // version information
            fill(d - 11, 0, d - 9, 5)
            fill(0, d - 11, 5, d - 9)
        }
        let count = QRVersion.alignmentCoordinateCount(version)
        for iy in 0..<count {
            for ix in 0..<count where !((ix == 0 && iy == 0) || (ix == count - 1 && iy == 0) || (ix == 0 && iy == count - 1)) {
                let cx = QRVersion.alignmentCoordinate(version, ix), cy = QRVersion.alignmentCoordinate(version, iy)
                fill(cx - 2, cy - 2, cx + 2, cy + 2)
            }
        }
    }

    /// Whether (`x`, `y`) lies in one of the 5 × 5 alignment patterns of `version`.
    static func isInAlignmentPattern(x: Int, y: Int, version: Int) -> Bool {
        let count = QRVersion.alignmentCoordinateCount(version)
        guard count > 0 else { return false }
        // Coordinates are at least 12 apart, so each of x and y is near at most one of them.
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

/// The eight data mask patterns (Table 10). A module whose condition holds is inverted in the
/// encoding region; decoding inverts it back. `i` is the row, `j` the column.
public enum QRDataMask {
    /// Whether mask `pattern` (0…7) inverts the module at column `x`, row `y` (x, y >= 0).
    @inline(__always)
    public static func inverts(_ pattern: Int, x j: Int, y i: Int) -> Bool {
        switch pattern & 7 {
        case 0: return (i + j) % 2 == 0
        case 1: return i % 2 == 0
        case 2: return j % 3 == 0
        case 3: return (i + j) % 3 == 0
        case 4: return (i / 2 + j / 3) % 2 == 0
        case 5: return (i * j) % 2 + (i * j) % 3 == 0
        case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: return ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }
}

/// Reads the codeword sequence out of a module matrix, unmasking as it goes.
///
/// The order of a version's data modules is worked out once and kept (in arena storage) until a symbol
/// of another version comes: frames of one code mostly repeat the version, and reading then is one
/// pass over a list instead of a function-module test per module. Model 1 orders (`QRModel1Placement`)
/// are kept apart, so that grids tried as either model do not push each other's order out.
struct QRCodewordReader {
    /// Column and row of each data module of the cached Model 2 version, in reading order.
    private let columns: UnsafeMutablePointer<UInt8>
    private let rows: UnsafeMutablePointer<UInt8>
    /// The same for the cached Model 1 version.
    private let model1Columns: UnsafeMutablePointer<UInt8>
    private let model1Rows: UnsafeMutablePointer<UInt8>
    /// [0]: the Model 2 version the order is for (0: none yet); [1]: how many modules it lists; [2], [3]:
    /// the same for Model 1.
    private let cache: UnsafeMutablePointer<Int>
    /// The function modules of the version being listed (`QRFunctionModules.markFunctionModules`).
    private let functionMask: UnsafeMutablePointer<UInt8>
    private static let capacity = QRVersion.dataModules(QRVersion.maximum)
    private static let model1Capacity = QRModel1.placedCodewords(QRModel1.maximumVersion) * 8

    init(arena: ScanArena) {
        columns = arena.reserve(UInt8.self, count: Self.capacity).baseAddress.unsafelyUnwrapped
        rows = arena.reserve(UInt8.self, count: Self.capacity).baseAddress.unsafelyUnwrapped
        model1Columns = arena.reserve(UInt8.self, count: Self.model1Capacity).baseAddress.unsafelyUnwrapped
        model1Rows = arena.reserve(UInt8.self, count: Self.model1Capacity).baseAddress.unsafelyUnwrapped
        cache = arena.reserve(Int.self, count: 4).baseAddress.unsafelyUnwrapped
        let side = QRVersion.dimension(QRVersion.maximum)
        functionMask = arena.reserve(UInt8.self, count: side * side).baseAddress.unsafelyUnwrapped
    }

    /// Reads the `QRVersion.totalCodewords(version)` codewords (interleaved, as placed) of `matrix`
    /// into `out` — of a Model 1 symbol (`model1`), its `QRModel1.placedCodewords(version)` codewords.
    /// Returns how many were written (0 when `capacity` is too small or sizes disagree).
    func read(_ matrix: QRModuleMatrix, version: Int, model1: Bool = false, mask: Int,
              into out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        let d = matrix.dimension
        let total = model1 ? QRModel1.placedCodewords(version) : QRVersion.totalCodewords(version)
        guard d == QRVersion.dimension(version), total > 0, total <= capacity else { return 0 }
        if model1 {
            prepareModel1Order(version: version)
            guard cache[3] >= total * 8 else { return 0 }
            Self.readModules(matrix, columns: model1Columns, rows: model1Rows, count: total * 8, mask: mask, into: out)
        } else {
            prepareOrder(version: version)
            guard cache[1] >= total * 8 else { return 0 }
            Self.readModules(matrix, columns: columns, rows: rows, count: total * 8, mask: mask, into: out)
        }
        return total
    }

    /// Packs the first `count` listed modules (a multiple of 8), unmasked, into codewords at `out`.
    @inline(__always)
    private static func readModules(_ matrix: QRModuleMatrix, columns: UnsafePointer<UInt8>, rows: UnsafePointer<UInt8>,
                                    count: Int, mask: Int, into out: UnsafeMutablePointer<UInt8>) {
        let d = matrix.dimension
        let modules = matrix.modules
        var current: UInt8 = 0
        for p in 0..<count {
            let x = Int(columns[p]), y = Int(rows[p]) // Safe: p < count <= listed modules <= list capacity.
            // Safe: the order was made for this version, so 0 <= x, y < d.
            let dark = modules[y &* d &+ x] != 0
            let bit: UInt8 = dark != QRDataMask.inverts(mask, x: x, y: y) ? 1 : 0
            current = current << 1 | bit
            if p & 7 == 7 {
                out[p >> 3] = current // Safe: p / 8 < total <= capacity (checked by `read`).
                current = 0
            }
        }
    }

    /// Lists the codeword modules of Model 1 `version` in reading order, unless they are listed already.
    private func prepareModel1Order(version: Int) {
        if cache[2] == version { return }
        cache[3] = QRModel1Placement.listModules(version: version, columns: model1Columns, rows: model1Rows,
                                                 capacity: Self.model1Capacity)
        cache[2] = version
    }

    /// Lists the data modules of `version` in reading order, unless they are listed already.
    private func prepareOrder(version: Int) {
        if cache[0] == version { return }
        let d = QRVersion.dimension(version)
        QRFunctionModules.markFunctionModules(version: version, into: functionMask)
        var count = 0
        var right = d - 1
        while right >= 1 {
            if right == 6 { right = 5 } // the vertical timing pattern is not part of any column pair
            let upward = (right + 1) & 2 == 0
            for step in 0..<d {
                let y = upward ? d - 1 - step : step
                for j in 0..<2 {
                    let x = right - j
                    // Safe: 0 <= x, y < d, and the mask holds d · d entries.
                    guard functionMask[y &* d &+ x] == 0, count < Self.capacity else { continue }
                    columns[count] = UInt8(truncatingIfNeeded: x) // Safe: count < capacity.
                    rows[count] = UInt8(truncatingIfNeeded: y)
                    count += 1
                }
            }
            right -= 2
        }
        cache[0] = version
        cache[1] = count
    }
}
