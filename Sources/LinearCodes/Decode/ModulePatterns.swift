/// Matching of (n, k) symbol characters — `n` modules in `k` elements of 1–4 modules, as in Code 128
/// and Code 93 — against a table of element widths.
///
/// Like EAN digits, characters are compared by their similar-edge distances (bar+space and space+bar
/// sums, ISO/IEC 15417 § 7.2 "decode algorithm"), which ink spread does not change, plus the element
/// widths at a quarter of the weight. The nearest pattern wins if it is close and clearly nearer than
/// the runner-up; otherwise the character, and with it the line, fails.
enum ModulePatterns {
    struct Match {
        var value: Int
        var error: Float
        /// Module estimated from this character (its width / `modules`).
        var module: Float
    }

    /// Matches elements `j ..< j + k` of `e` against `entries` patterns of `k` widths in `table`, each
    /// `modules` wide. Returns value -1 when nothing fits well enough.
    static func match(_ e: EdgeSequence, _ j: Int, k: Int, modules: Float, table: UnsafePointer<Float>,
                      entries: Int, maxError: Float, minMargin: Float) -> Match {
        // Six element widths (Code 128 and Code 93), normalised to modules.
        guard k == 6 else { return Match(value: -1, error: 99, module: 0) }
        let total = e.span(j, 6)
        guard total > 0 else { return Match(value: -1, error: 99, module: 0) }
        let scale = modules / total
        let n0 = e.width(j) * scale, n1 = e.width(j + 1) * scale, n2 = e.width(j + 2) * scale
        let n3 = e.width(j + 3) * scale, n4 = e.width(j + 4) * scale, n5 = e.width(j + 5) * scale
        let t0 = n0 + n1, t1 = n1 + n2, t2 = n2 + n3, t3 = n3 + n4, t4 = n4 + n5
        var best = -1
        var bestError: Float = 99, secondError: Float = 99
        var p = table
        for v in 0..<entries {
            // Safe: the table holds `entries` rows of 6 widths.
            let a = p[0], b = p[1], c = p[2], d = p[3], f = p[4], g = p[5]
            var like: Float = abs(t0 - a - b)
            like += abs(t1 - b - c)
            like += abs(t2 - c - d)
            like += abs(t3 - d - f)
            like += abs(t4 - f - g)
            var widths: Float = abs(n0 - a)
            widths += abs(n1 - b)
            widths += abs(n2 - c)
            widths += abs(n3 - d)
            widths += abs(n4 - f)
            widths += abs(n5 - g)
            let err = like + 0.25 * widths
            if err < bestError {
                secondError = bestError
                bestError = err
                best = v
            } else if err < secondError {
                secondError = err
            }
            p += 6
        }
        guard bestError <= maxError, secondError - bestError >= minMargin else {
            return Match(value: -1, error: bestError, module: total / modules)
        }
        return Match(value: best, error: bestError, module: total / modules)
    }
}
