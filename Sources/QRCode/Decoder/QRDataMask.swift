/// The eight data mask patterns of ISO/IEC 18004:2015 § 7.8.2, Table 10. A module whose condition
/// holds is inverted in the encoding region; decoding inverts it back. `i` is the row, `j` the column.
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
