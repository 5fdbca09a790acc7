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
    /// with exactly `wideBars` wide bars and `wideSpaces` wide spaces.
    static func classify(_ e: EdgeSequence, _ j: Int, _ n: Int, wideBars: Int, wideSpaces: Int) -> Pattern {
        guard n >= 2, n <= 10 else { return unreadable }
        var bits = 0
        var separation = Float.greatestFiniteMagnitude
        var narrowSum: (Float, Float) = (0, 0), narrowCount: (Float, Float) = (0, 0)
        for colour in 0..<2 {
            let k = colour == 0 ? wideBars : wideSpaces
            var minWide = Float.greatestFiniteMagnitude, maxNarrow: Float = 0, minNarrow = Float.greatestFiniteMagnitude
            var i = colour
            while i < n {
                let w = e.width(j + i)
                // Rank: how many elements of this colour are wider (ties go to the earlier element).
                var rank = 0
                var m = colour
                while m < n {
                    let v = e.width(j + m)
                    if v > w || (v == w && m < i) { rank += 1 }
                    m += 2
                }
                if rank < k {
                    bits |= 1 << (n - 1 - i)
                    minWide = min(minWide, w)
                } else {
                    maxNarrow = max(maxNarrow, w)
                    minNarrow = min(minNarrow, w)
                    if colour == 0 { narrowSum.0 += w; narrowCount.0 += 1 } else { narrowSum.1 += w; narrowCount.1 += 1 }
                }
                i += 2
            }
            guard maxNarrow > 0, minNarrow > 0 else { return unreadable }
            if k == 0 {
                guard maxNarrow <= maxUniform * minNarrow else { return unreadable }
            } else {
                let s = minWide / maxNarrow
                guard s >= minSeparation else { return unreadable }
                separation = min(separation, s)
            }
        }
        return Pattern(bits: bits, separation: separation,
                       narrowBar: narrowCount.0 > 0 ? narrowSum.0 / narrowCount.0 : 0,
                       narrowSpace: narrowCount.1 > 0 ? narrowSum.1 / narrowCount.1 : 0)
    }

    /// Index of `bits` in `table`, or -1.
    @inline(__always)
    static func lookup(_ bits: Int, _ table: [UInt16]) -> Int {
        guard bits >= 0 else { return -1 }
        for i in 0..<table.count where Int(table[i]) == bits { return i }
        return -1
    }
}
