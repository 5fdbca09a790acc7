/// Reads the codeword sequence out of a module matrix (ISO/IEC 18004:2015 § 7.7.3, Figure 13).
///
/// Codewords run in two-module-wide columns from the bottom-right corner, upwards then downwards in
/// turn, right module before left, skipping function modules; the vertical timing pattern (column 6)
/// is stepped over as a whole. Each data module is unmasked (§ 7.8.2) as it is read; bits fill each
/// codeword from the most significant end. Remainder bits after the last codeword are ignored.
enum QRCodewordReader {
    /// Reads the `QRVersion.totalCodewords(version)` codewords (interleaved, as placed) of `matrix`
    /// into `out`. Returns how many were written (0 when `capacity` is too small or sizes disagree).
    static func read(
        _ matrix: QRModuleMatrix, version: Int, mask: Int,
        into out: UnsafeMutablePointer<UInt8>, capacity: Int
    ) -> Int {
        let d = matrix.dimension
        let total = QRVersion.totalCodewords(version)
        guard d == QRVersion.dimension(version), total > 0, total <= capacity else { return 0 }
        var written = 0
        var current: UInt8 = 0
        var bits = 0
        var right = d - 1
        while right >= 1 {
            if right == 6 { right = 5 } // the vertical timing pattern is not part of any column pair
            let upward = (right + 1) & 2 == 0
            for step in 0..<d {
                let y = upward ? d - 1 - step : step
                for j in 0..<2 {
                    let x = right - j
                    if QRFunctionModules.isFunctionModule(x: x, y: y, version: version) { continue }
                    // Safe: 0 <= x, y < d (isFunctionModule answered false, which it only does inside).
                    let dark = matrix.get(x, y) != 0
                    let bit = dark != QRDataMask.inverts(mask, x: x, y: y)
                    current = current << 1 | (bit ? 1 : 0)
                    bits += 1
                    if bits == 8 {
                        if written < total {
                            out[written] = current // Safe: written < total <= capacity.
                            written += 1
                        }
                        bits = 0
                        current = 0
                    }
                }
            }
            right -= 2
        }
        return written == total ? written : 0
    }
}
