/// Narrow/wide classification for the two-width symbologies (Code 39, ITF, Codabar).
///
/// Bars and spaces are classified on separate thresholds, because ink spread widens every bar and
/// narrows every space by the same amount: comparing a bar with a space would mix two scales. Within
/// one colour, elements are wide when they exceed the midpoint between the narrowest and the widest;
/// a colour whose widest is not clearly wider than its narrowest (below `minRatio`) is all narrow. An
/// element too close to the threshold makes the character unreadable rather than a guess.
enum NarrowWide {
    /// Widest / narrowest of one colour at which the colour is taken to hold wide elements (spec
    /// ratios are 2:1 to 3:1; blur and print growth squeeze them).
    static let minRatio: Float = 1.55
    /// Elements within this fraction of the threshold are ambiguous.
    static let deadBand: Float = 0.12

    struct Pattern {
        /// Bit per element, first element in the most significant position; 1 = wide. -1 when unreadable.
        var bits: Int
        /// Mean width of the narrow bars and of the narrow spaces (0 when a colour has none).
        var narrowBar: Float
        var narrowSpace: Float
        var wideCount: Int
    }

    /// Classifies elements `j ..< j + n` of `e` (element `j` is a bar; colours alternate).
    static func classify(_ e: EdgeSequence, _ j: Int, _ n: Int) -> Pattern {
        var barMin = Float.greatestFiniteMagnitude, barMax: Float = 0
        var spaceMin = Float.greatestFiniteMagnitude, spaceMax: Float = 0
        var k = 0
        while k < n {
            let w = e.width(j + k)
            if k & 1 == 0 {
                barMin = min(barMin, w)
                barMax = max(barMax, w)
            } else {
                spaceMin = min(spaceMin, w)
                spaceMax = max(spaceMax, w)
            }
            k += 1
        }
        guard barMin > 0, spaceMin > 0 || n < 2 else { return Pattern(bits: -1, narrowBar: 0, narrowSpace: 0, wideCount: 0) }
        let barThreshold: Float = barMax >= minRatio * barMin ? (barMin + barMax) * 0.5 : .greatestFiniteMagnitude
        let spaceThreshold: Float = spaceMax >= minRatio * spaceMin ? (spaceMin + spaceMax) * 0.5 : .greatestFiniteMagnitude
        var bits = 0, wide = 0
        var narrowBarSum: Float = 0, narrowBars: Float = 0, narrowSpaceSum: Float = 0, narrowSpaces: Float = 0
        k = 0
        while k < n {
            let w = e.width(j + k)
            let t = k & 1 == 0 ? barThreshold : spaceThreshold
            if abs(w - t) < deadBand * t { return Pattern(bits: -1, narrowBar: 0, narrowSpace: 0, wideCount: 0) }
            let isWide = w > t
            bits = bits << 1 | (isWide ? 1 : 0)
            if isWide {
                wide += 1
            } else if k & 1 == 0 {
                narrowBarSum += w
                narrowBars += 1
            } else {
                narrowSpaceSum += w
                narrowSpaces += 1
            }
            k += 1
        }
        return Pattern(bits: bits, narrowBar: narrowBars > 0 ? narrowBarSum / narrowBars : 0,
                       narrowSpace: narrowSpaces > 0 ? narrowSpaceSum / narrowSpaces : 0, wideCount: wide)
    }

    /// Index of `bits` in `table`, or -1.
    @inline(__always)
    static func lookup(_ bits: Int, _ table: [UInt16]) -> Int {
        guard bits >= 0 else { return -1 }
        for i in 0..<table.count where Int(table[i]) == bits { return i }
        return -1
    }
}
