/// Matching of (n, k) symbol characters — `n` modules in `k` elements of 1–4 modules, as in Code 128
/// and Code 93 — against a table of element widths.
///
/// Like EAN digits, characters are compared by their similar-edge distances (bar+space and space+bar
/// sums, ISO/IEC 15417 § 7.2 "decode algorithm"), which ink spread does not change, plus the element
/// widths at a quarter of the weight. The nearest pattern wins if it is close and clearly nearer than
/// the runner-up; otherwise the character, and with it the line, fails.
/// The nearest and the second-nearest of the patterns offered, by error (the first one offered wins
/// a tie). Matchers accept the nearest only when it is close and clearly nearer than the runner-up.
struct NearestTwo {
    var best = -1
    var bestError: Float = 99
    var secondError: Float = 99

    @inline(__always)
    mutating func offer(_ value: Int, error: Float) {
        if error < bestError {
            secondError = bestError
            bestError = error
            best = value
        } else if error < secondError {
            secondError = error
        }
    }
}

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
        var nearest = NearestTwo()
        for v in 0..<entries {
            // Safe: the table holds `entries` rows of 6 widths.
            let p = table + 6 &* v
            let a = p[0], b = p[1], c = p[2], d = p[3], f = p[4], g = p[5]
            // Every term only adds: once the sum reaches the runner-up, this pattern cannot change the
            // best two (true of most of the table once two near patterns have been seen).
            var like: Float = abs(t0 - a - b)
            like += abs(t1 - b - c)
            like += abs(t2 - c - d)
            if like >= nearest.secondError { continue }
            like += abs(t3 - d - f)
            like += abs(t4 - f - g)
            if like >= nearest.secondError { continue }
            var widths: Float = abs(n0 - a)
            widths += abs(n1 - b)
            widths += abs(n2 - c)
            widths += abs(n3 - d)
            widths += abs(n4 - f)
            widths += abs(n5 - g)
            nearest.offer(v, error: like + 0.25 * widths)
        }
        guard nearest.bestError <= maxError, nearest.secondError - nearest.bestError >= minMargin else {
            return Match(value: -1, error: nearest.bestError, module: total / modules)
        }
        return Match(value: nearest.best, error: nearest.bestError, module: total / modules)
    }
}

/// Narrow/wide classification for the two-width symbologies (Code 39, ITF, Codabar).
///
/// Every character of these symbologies has a known number of wide bars and wide spaces (ITF pairs
/// two of five of each; Code 39 two bars and one space, or three spaces; Codabar one and one, one and
/// two, or three bars). So instead of a threshold, the widest `k` elements of each colour are wide, and
/// the character is only as good as its separation: the narrowest wide element over the widest narrow
/// one. Bars and spaces are ranked separately because ink spread widens every bar and narrows every
/// space by the same amount.
enum NarrowWide {
    /// Smallest separation accepted (spec ratios are 2:1 to 3:1; blur and print growth squeeze them).
    static let minSeparation: Float = 1.3
    /// A colour with no wide element must be this even (widest / narrowest at most).
    static let maxUniform: Float = 1.5

    struct Pattern {
        /// Bit per element, first element in the most significant position; 1 = wide. -1 when unreadable.
        var bits: Int
        /// Narrowest wide over widest narrow, the smaller of the two colours (large is good).
        var separation: Float
        /// Mean width of the narrow bars and of the narrow spaces.
        var narrowBar: Float
        var narrowSpace: Float
    }

    static let unreadable = Pattern(bits: -1, separation: 0, narrowBar: 0, narrowSpace: 0)

    /// Classifies elements `j ..< j + n` of `e` (element `j` a bar, colours alternating, `n` ≤ 10)
    /// with exactly `wideBars` wide bars and `wideSpaces` wide spaces (each at most 3).
    static func classify(_ e: EdgeSequence, _ j: Int, _ n: Int, wideBars: Int, wideSpaces: Int) -> Pattern {
        guard n >= 2, n <= 10, wideBars <= 3, wideSpaces <= 3 else { return unreadable }
        var bits = 0
        var separation = Float.greatestFiniteMagnitude
        var narrowBar: Float = 0, narrowSpace: Float = 0
        for colour in 0..<2 {
            let k = colour == 0 ? wideBars : wideSpaces
            // The k-th and (k+1)-th widest of this colour (top four kept in order), and the narrowest.
            var t0: Float = -1, t1: Float = -1, t2: Float = -1, t3: Float = -1
            var smallest = Float.greatestFiniteMagnitude, sum: Float = 0, count: Float = 0
            var i = colour
            while i < n {
                let w = e.width(j + i)
                smallest = min(smallest, w)
                sum += w
                count += 1
                if w > t0 { t3 = t2; t2 = t1; t1 = t0; t0 = w
                } else if w > t1 { t3 = t2; t2 = t1; t1 = w
                } else if w > t2 { t3 = t2; t2 = w
                } else if w > t3 { t3 = w }
                i += 2
            }
            guard smallest > 0, Float(k) < count else { return unreadable }
            let kth: Float = k == 0 ? .greatestFiniteMagnitude : k == 1 ? t0 : k == 2 ? t1 : t2
            let next: Float = k == 0 ? t0 : k == 1 ? t1 : k == 2 ? t2 : t3
            // Ties at the threshold cannot be split into the required counts.
            guard next < kth else { return unreadable }
            if k == 0 {
                guard next <= maxUniform * smallest else { return unreadable }
            } else {
                let sep = kth / next
                guard sep >= minSeparation else { return unreadable }
                separation = min(separation, sep)
            }
            var wideSum: Float = 0
            i = colour
            while i < n {
                let w = e.width(j + i)
                if w >= kth {
                    bits |= 1 << (n - 1 - i)
                    wideSum += w
                }
                i += 2
            }
            let narrowMean = (sum - wideSum) / (count - Float(k))
            if colour == 0 { narrowBar = narrowMean } else { narrowSpace = narrowMean }
        }
        return Pattern(bits: bits, separation: separation, narrowBar: narrowBar, narrowSpace: narrowSpace)
    }

    /// Index of `bits` in `table`, or -1.
    @inline(__always)
    static func lookup(_ bits: Int, _ table: [UInt16]) -> Int {
        guard bits >= 0 else { return -1 }
        for i in 0..<table.count where Int(table[i]) == bits { return i }
        return -1
    }
}
