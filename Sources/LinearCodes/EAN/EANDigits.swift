/// Reads single EAN/UPC digits (four elements, seven modules) from measured widths.
///
/// The measure is the spec's own (ISO/IEC 15420 Annex, "reference decode algorithm"): the distances
/// between similar edges (bar+space pairs) `t1 = e1+e2`, `t2 = e2+e3`, `t3 = e3+e4`, which uniform ink
/// spread and blur do not change. Digits 1/7 and 2/8 share their like-edge distances and differ in
/// their bar widths, so the element widths themselves enter with a small weight, after the symbol's
/// ink spread (measured on its guard bars) has been taken off. Instead of rounding to whole modules the
/// reader takes the nearest pattern and demands a margin to the second nearest: an uncertain digit
/// fails the line, it is never guessed.
enum EANDigits {
    /// Largest accepted distance to the nearest pattern, and smallest lead over the second nearest.
    static let maxError: Float = 1.5
    static let minMargin: Float = 0.2

    /// Result of matching one digit: value 0–9, plus 10 for the G (even) set; -1 when no pattern fits.
    struct Match {
        var code: Int
        var error: Float
    }

    /// Matches the four elements `j ..< j + 4` of `e`. `firstIsBar` says whether element `j` is a bar
    /// (right-hand R digits) or a space (left-hand L/G digits); `spread` is the ink spread in samples
    /// (how much wider bars print than nominal) and `module` the expected module for a plausibility check.
    @inline(__always)
    /// `strict` halves the accepted error and widens the margin (for judging how promising a start
    /// is, not for reading).
    static func match(_ e: EdgeSequence, _ j: Int, firstIsBar: Bool, allowG: Bool, spread: Float,
                      module: Float, strict: Bool = false) -> Match {
        let s0: Float = firstIsBar ? -spread : spread // correction for elements 0 and 2
        let w0 = e.width(j) + s0, w1 = e.width(j + 1) - s0, w2 = e.width(j + 2) + s0, w3 = e.width(j + 3) - s0
        let total = w0 + w1 + w2 + w3
        guard total > 0, total >= 4.5 * module, total <= 10.5 * module else { return Match(code: -1, error: 99) }
        let k = 7 / total
        let n0 = w0 * k, n1 = w1 * k, n2 = w2 * k, n3 = w3 * k
        let t1 = n0 + n1, t2 = n1 + n2, t3 = n2 + n3
        var nearest = NearestTwo()
        EANTables.lWidths.withUnsafeBufferPointer { table in
            // Safe: the table holds 40 entries, 4 per digit.
            let p = table.baseAddress.unsafelyUnwrapped
            for d in 0..<10 {
                let a = p[4 * d], b = p[4 * d + 1], c = p[4 * d + 2], f = p[4 * d + 3]
                // L (and R): widths in order. The width error only adds: a pattern whose like-edge
                // error alone reaches the runner-up cannot change the best two.
                let like = likeEdgeError(t1, t2, t3, a, b, c, f)
                if like < nearest.secondError {
                    nearest.offer(d, error: like + widthError(n0, n1, n2, n3, a, b, c, f))
                }
                guard allowG else { continue }
                // G: the same widths reversed.
                let likeG = likeEdgeError(t1, t2, t3, f, c, b, a)
                if likeG < nearest.secondError {
                    nearest.offer(d + 10, error: likeG + widthError(n0, n1, n2, n3, f, c, b, a))
                }
            }
        }
        let limit = strict ? 0.6 * maxError : maxError, margin = strict ? 2 * minMargin : minMargin
        guard nearest.bestError <= limit, nearest.secondError - nearest.bestError >= margin else {
            return Match(code: -1, error: nearest.bestError)
        }
        return Match(code: nearest.best, error: nearest.bestError)
    }

    @inline(__always)
    private static func likeEdgeError(_ t1: Float, _ t2: Float, _ t3: Float,
                                      _ a: Float, _ b: Float, _ c: Float, _ d: Float) -> Float {
        var e: Float = abs(t1 - a - b)
        e += abs(t2 - b - c)
        e += abs(t3 - c - d)
        return e
    }

    /// Element widths against the pattern, at a quarter of the weight of the like-edge distances.
    @inline(__always)
    private static func widthError(_ n0: Float, _ n1: Float, _ n2: Float, _ n3: Float,
                                   _ a: Float, _ b: Float, _ c: Float, _ d: Float) -> Float {
        var e: Float = abs(n0 - a)
        e += abs(n1 - b)
        e += abs(n2 - c)
        e += abs(n3 - d)
        return 0.25 * e
    }

    /// Ink spread from guard elements that are nominally one module each: half the difference between
    /// the mean bar and the mean space, limited to ±0.4 module.
    @inline(__always)
    static func spread(bars: Float, barCount: Float, spaces: Float, spaceCount: Float, module: Float) -> Float {
        let g = (bars / barCount - spaces / spaceCount) * 0.5
        let limit = 0.4 * module
        return min(max(g, -limit), limit)
    }
}
