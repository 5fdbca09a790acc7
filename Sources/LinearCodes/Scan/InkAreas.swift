import Imaging

/// Bar edges placed from the ink each bar holds rather than from where its sides cross a level.
///
/// Blur conserves ink: however far it spreads a bar, the darkness under the bar's dip (paper level
/// minus signal, summed from the maximum before it to the maximum after it) over the full contrast
/// (paper minus ink) is the printed width, and the dip's centroid its centre. A thin-printed
/// one-module bar that blur turns into a shallow dip, which every crossing level either misses or
/// widens to the blur's own width, comes out a little narrower than one module, as thin print left
/// it; the wide bars lose the same, so bar+space sums (`ModulePatterns`) cancel it. Spaces are what
/// lies between the bars. For light bars (inverted symbols) the roles of paper and ink swap.
///
/// Dips shallower than `minDepth` of the contrast are texture in a space; two dips whose maximum
/// between them rises less than `minRise` of the contrast above the deeper one, or whose bars touch,
/// are one bar (a print void or noise inside a wide bar). Measured on corpus code128-2/06, where the
/// thin one-module bars dip to 0.4 of the contrast and the spaces beside them rise 0.5 above the
/// neighbouring wide bars.
enum InkAreas {
    static let minDepth: Float = 0.25
    static let minRise: Float = 0.25
    /// Narrowest space (samples) kept between two bars: closer bars are one.
    static let minGap: Float = 0.25

    /// Writes the bar edges of `raw` (its samples untouched since `find`) into `position` and
    /// `strength` (signed as the raw edges), with `paper` and `ink` the local levels per raw edge.
    /// Returns the number of edges written (even: a falling and a rising edge per bar, or the other
    /// way round for light bars).
    static func place(_ raw: RawEdges, paper: UnsafePointer<Int32>, ink: UnsafePointer<Int32>, darkBars: Bool,
                      position: UnsafeMutablePointer<Float>, strength: UnsafeMutablePointer<Float>) -> Int {
        guard let s = raw.sampleValues else { return 0 }
        let n = raw.count
        var out = 0
        // The bar being gathered: width (samples), width × centre, deepest level, edge strengths.
        var open = false
        var width: Float = 0, moment: Float = 0, deepest: Float = 0
        var firstStrength: Float = 0, lastStrength: Float = 0
        var k = 0
        while k &+ 1 < n {
            // Safe: 0 <= k < k + 1 < n; run ends lie in 0 ..< sampleCount.
            let into = raw.strength[k], outOf = raw.strength[k &+ 1]
            let from = Int(raw.runStart[k]), bottom = Int(raw.runEnd[k]), to = Int(raw.runEnd[k &+ 1])
            // A bar is a run towards ink followed by one back towards paper, sharing the turning point.
            guard (into < 0) == darkBars, (outOf > 0) == darkBars, Int(raw.runStart[k &+ 1]) == bottom,
                  from < bottom, bottom < to else {
                k &+= 1
                continue
            }
            let hiLevel = Int(paper[k]), loLevel = Int(ink[k])
            let hi = Float(hiLevel), lo = Float(loLevel)
            let range = hi - lo
            let extreme = Float(s[bottom])
            // Depth of the dip below the paper, as a fraction of the contrast.
            let depth = darkBars ? (hi - extreme) / range : (extreme - lo) / range
            guard range > 0, depth >= minDepth else {
                k &+= 2
                continue
            }
            // Ink under the dip and its first moment, doubled, the end samples at half weight (they are
            // shared with the neighbours). Sums of samples in integers: exact, and a tight loop.
            var sum = 0, weighted = 0
            for i in from...to {
                let v = Int(s[i])
                sum &+= v
                weighted &+= i &* v
            }
            let count = to &- from &+ 1, indices = (from &+ to) &* count / 2
            let endFrom = darkBars ? hiLevel &- Int(s[from]) : Int(s[from]) &- loLevel
            let endTo = darkBars ? hiLevel &- Int(s[to]) : Int(s[to]) &- loLevel
            let twiceArea = 2 &* (darkBars ? count &* hiLevel &- sum : sum &- count &* loLevel) &- endFrom &- endTo
            let twiceMoment = 2 &* (darkBars ? hiLevel &* indices &- weighted : weighted &- loLevel &* indices)
                &- from &* endFrom &- to &* endTo
            guard twiceArea > 0 else {
                k &+= 2
                continue
            }
            // The centre in double precision: the moment runs to billions, beyond a Float's 24 bits.
            let w = Float(twiceArea) * 0.5 / range, c = Float(Double(twiceMoment) / Double(twiceArea))
            if open {
                // Joins the open bar when the maximum between them barely rises, or when they touch.
                let between = Float(s[from])
                let rise = darkBars ? between - min(deepest, extreme) : max(deepest, extreme) - between
                let rightEdge = moment / width + 0.5 * width
                if rise < minRise * range || c - 0.5 * w - rightEdge < minGap {
                    width += w
                    moment += w * c
                    deepest = darkBars ? min(deepest, extreme) : max(deepest, extreme)
                    lastStrength = outOf
                    k &+= 2
                    continue
                }
                out = emit(width, moment, firstStrength, lastStrength, position, strength, out)
            }
            open = true
            width = w
            moment = w * c
            deepest = extreme
            firstStrength = into
            lastStrength = outOf
            k &+= 2
        }
        if open { out = emit(width, moment, firstStrength, lastStrength, position, strength, out) }
        return out
    }

    @inline(__always)
    private static func emit(_ width: Float, _ moment: Float, _ a: Float, _ b: Float,
                             _ position: UnsafeMutablePointer<Float>, _ strength: UnsafeMutablePointer<Float>,
                             _ out: Int) -> Int {
        let c = moment / width
        // Safe: two edges per pair of raw edges, so out + 1 < raw.count <= the buffers' capacity.
        position[out] = c - 0.5 * width
        strength[out] = a
        position[out &+ 1] = c + 0.5 * width
        strength[out &+ 1] = b
        return out &+ 2
    }
}
