import Imaging

/// Finds the bar/space edges on one line of grey samples, with sub-pixel positions, and keeps them in
/// two orders (along the line and against it) for the decoders.
///
/// There is no global threshold: an edge is a run of the signal between two turning points
/// (`RawEdges`), its strength the step height over the run. That holds up on blurred and low-contrast
/// symbols, where a binarizer loses the narrow elements first.
///
/// Noise is removed relative to the neighbourhood: an edge is kept when it is at least `relative` of
/// the strongest edge within `window` samples (and above an absolute floor). Inside a symbol the bar
/// edges dominate their neighbourhood, so paper texture and sensor noise between them drop out, while
/// a low-contrast symbol on a flat background keeps all its edges. Runs that end up next to each other
/// with the same sign (an opposite edge between them was dropped) are merged when close, else the
/// weaker one goes.
final class EdgeDetector {
    let capacity: Int
    private let raw: RawEdges
    private let levels: LocalLevels
    private let blockMax: UnsafeMutablePointer<Float>    // strongest raw edge per block of samples
    /// Scratch of `detectCrossings`: the extreme of each run between crossings, and the brightest
    /// and darkest sample per block.
    private let runExtreme: UnsafeMutablePointer<Int32>
    private let blockHigh: UnsafeMutablePointer<Int32>
    private let blockLow: UnsafeMutablePointer<Int32>
    private let forwardStorage: UnsafeMutablePointer<Float>
    private let forwardStrength: UnsafeMutablePointer<Float>
    private let reverseStorage: UnsafeMutablePointer<Float>
    private let reverseStrength: UnsafeMutablePointer<Float>
    private(set) var count = 0
    private(set) var length: Float = 0
    private(set) var firstRising = false
    private var halfStepReady = false
    /// The current edges are the ink-area placement (`refilter(inkAreasOfDarkBars:)`).
    private var placedInkAreas = false
    private var envelopeReady = false
    private var levelsReady = false
    /// The samples given to `detectCrossings` begin (end) at a cut through the line.
    private var openStart = false
    private var openEnd = false

    /// Which position estimate of `RawEdges` the kept edges use.
    enum Placement {
        case steepest, halfStep, envelope
    }

    /// Smallest step height (luma × 16) that can be an edge on a clean image: 4 grey levels.
    static let minimumFloor: Int32 = 64
    /// Fraction of the strongest neighbouring edge an edge must reach: first try, and the stricter
    /// second try for lines that looked like a symbol but did not read (paper texture and print voids
    /// leave edges of a quarter of the bars' contrast, blurred narrow elements too).
    static let relative: Float = 0.1
    static let strictRelative: Float = 0.4
    /// The neighbourhood is the edge's block of samples and the blocks on either side (24 to 48
    /// samples each way).
    static let blockSize = 24

    init(arena: ScanArena, maxSamples: Int) {
        capacity = max(4, maxSamples)
        raw = RawEdges(arena: arena, capacity: capacity)
        levels = LocalLevels(arena: arena, capacity: capacity)
        blockMax = arena.reserve(Float.self, count: capacity / EdgeDetector.blockSize + 3).baseAddress.unsafelyUnwrapped
        forwardStorage = arena.reserve(Float.self, count: capacity + 2).baseAddress.unsafelyUnwrapped
        runExtreme = arena.reserve(Int32.self, count: capacity + 1).baseAddress.unsafelyUnwrapped
        blockHigh = arena.reserve(Int32.self, count: capacity / EdgeDetector.levelBlock + 2).baseAddress.unsafelyUnwrapped
        blockLow = arena.reserve(Int32.self, count: capacity / EdgeDetector.levelBlock + 2).baseAddress.unsafelyUnwrapped
        forwardStrength = arena.reserve(Float.self, count: capacity).baseAddress.unsafelyUnwrapped
        reverseStorage = arena.reserve(Float.self, count: capacity + 2).baseAddress.unsafelyUnwrapped
        reverseStrength = arena.reserve(Float.self, count: capacity).baseAddress.unsafelyUnwrapped
    }

    /// The edges along the line.
    var forward: EdgeSequence {
        var e = EdgeSequence(position: forwardStorage + 1, strength: forwardStrength, count: count, length: length,
                             firstElementDark: firstRising, isReversed: false, showsTexture: !placedInkAreas)
        e.openStart = openStart
        e.openEnd = openEnd
        return e
    }

    /// The same edges read from the line's far end (for symbols printed the other way round).
    var reversed: EdgeSequence {
        // The last forward element (index `count`) comes first; colours alternate from element 0.
        let lastDark = ((count & 1) == 0) == firstRising
        var e = EdgeSequence(position: reverseStorage + 1, strength: reverseStrength, count: count, length: length,
                             firstElementDark: lastDark, isReversed: true, showsTexture: !placedInkAreas)
        e.openStart = openEnd
        e.openEnd = openStart
        return e
    }

    /// Finds the edges of `samples[0 ..< n]`; a step must exceed `floor` (luma × 16, at least
    /// `minimumFloor`) to be an edge. Returns the number of edges kept.
    @discardableResult
    func detect(_ samples: UnsafePointer<Int32>, _ n: Int, floor: Int32 = EdgeDetector.minimumFloor) -> Int {
        count = 0
        placedInkAreas = false
        openStart = false
        openEnd = false
        halfStepReady = false
        envelopeReady = false
        levelsReady = false
        length = Float(max(0, n - 1))
        guard n >= 3, n <= capacity else { return finish() }
        guard raw.find(samples, n, floor: max(floor, EdgeDetector.minimumFloor)) > 0 else { return finish() }
        filter(relative: EdgeDetector.relative, placement: .steepest)
        return finish()
    }

    /// Samples per block for the levels of `detectCrossings`, and blocks on either side that set them.
    static let levelBlock = 16
    static let levelReach = 3

    /// Places edges where `samples[0 ..< n]` crosses its local mid-level, as a binarizer would: the
    /// mid-level of a block of `levelBlock` samples is halfway between the brightest and the darkest
    /// sample within `levelReach` blocks either side. Each edge's strength is the step between the
    /// extremes of the runs on its two sides; an edge weaker than `floor` (luma × 16) is dropped with
    /// its neighbour, so that noise around a flat level leaves no elements. Much cheaper than `detect`
    /// (no turning points, no placements): the look at sharpened samples (`Sharpening`). The raw
    /// edges are cleared (`refilter` has nothing to work on). `openStart` and `openEnd` say that the
    /// samples begin or end at a cut through the line (no quiet zone reaches past it). Returns the
    /// number of edges kept.
    @discardableResult
    func detectCrossings(_ samples: UnsafePointer<Int32>, _ n: Int, floor: Int32, openStart: Bool, openEnd: Bool) -> Int {
        count = 0
        placedInkAreas = false
        self.openStart = openStart
        self.openEnd = openEnd
        halfStepReady = false
        envelopeReady = false
        levelsReady = false
        raw.clear()
        length = Float(max(0, n - 1))
        guard n >= 3, n <= capacity else { return finish() }
        let block = EdgeDetector.levelBlock, blocks = (n &- 1) / block &+ 1
        for b in 0..<blocks {
            // Safe: b < blocks <= capacity / block + 1, and the samples b·block ..< min(n, (b+1)·block) exist.
            var high = samples[b &* block], low = high
            var i = b &* block &+ 1
            let end = min(n, (b &+ 1) &* block)
            while i < end {
                let v = samples[i]
                high = max(high, v)
                low = min(low, v)
                i &+= 1
            }
            blockHigh[b] = high
            blockLow[b] = low
        }
        let out = forwardStorage + 1
        var k = 0
        var above = false, extreme = samples[0]
        var b = 0
        while b < blocks {
            // Safe: 0 <= b < blocks; the blocks within reach are clamped to 0 ..< blocks.
            var high = blockHigh[b], low = blockLow[b]
            var c = max(0, b &- EdgeDetector.levelReach)
            let lastBlock = min(blocks &- 1, b &+ EdgeDetector.levelReach)
            while c <= lastBlock {
                high = max(high, blockHigh[c])
                low = min(low, blockLow[c])
                c &+= 1
            }
            let level = high &+ low // twice the mid-level
            var i = b &* block
            let end = min(n, i &+ block)
            if i == 0 {
                above = 2 &* samples[0] >= level
                i = 1
            }
            while i < end {
                // Safe: 1 <= i < n; k < capacity is checked before writing.
                let v = samples[i]
                if (2 &* v >= level) != above {
                    guard k < capacity else { break }
                    let a = Float(samples[i &- 1]), d = Float(v)
                    var fraction = (Float(level) * 0.5 - a) / (d - a) // a != d: they lie on either side
                    if !(fraction >= 0) { fraction = 0 } else if fraction > 1 { fraction = 1 }
                    out[k] = Float(i &- 1) + fraction
                    runExtreme[k] = extreme
                    k &+= 1
                    above.toggle()
                    extreme = v
                } else {
                    extreme = above ? max(extreme, v) : min(extreme, v)
                }
                i &+= 1
            }
            b &+= 1
        }
        runExtreme[k] = extreme
        // Strengths (signed: > 0 for dark → light), then weak pairs out: a run whose step to either
        // side is below the floor is noise around the level, and goes with the crossing after it.
        var kept = 0
        var j = 0
        while j < k {
            let step = runExtreme[j &+ 1] &- runExtreme[j]
            if abs(step) < floor, j &+ 1 < k {
                j &+= 2 // this crossing and the next one (back across) out
                continue
            }
            out[kept] = out[j]
            forwardStrength[kept] = Float(step)
            kept &+= 1
            j &+= 1
        }
        count = alternate(kept)
        return finish()
    }

    /// Filters the last line's raw edges again, keeping only those at least `relative` of their
    /// neighbourhood's strongest, placed as `placement` says. The samples given to `detect` must be
    /// unchanged. Returns the number of edges kept.
    @discardableResult
    func refilter(relative: Float, placement: Placement = .steepest) -> Int {
        count = 0
        placedInkAreas = false
        guard raw.count > 0 else { return finish() }
        if placement != .steepest, !halfStepReady {
            raw.computeHalfSteps() // the envelope falls back on it where a run stays on one side
            halfStepReady = true
        }
        if placement == .envelope, !envelopeReady {
            raw.computeEnvelope()
            envelopeReady = true
        }
        filter(relative: relative, placement: placement)
        return finish()
    }

    /// Places the last line's edges as a binarizer with a local threshold near the paper would:
    /// where each raw edge's run crosses `fraction` of the way from the local ink level up to the local
    /// paper level (`LocalLevels`). Runs that stay on one side of that level are no edges at all.
    ///
    /// This is the look for symbols whose narrow bars print light: halftone screens, thin ink, or blur
    /// that keeps a one-module bar from reaching the ink level. Their dips are shallow and the spaces
    /// between them stay near the paper, so a level high above the middle cuts every narrow bar and no
    /// texture, and it measures wide bars from their shoulders, undoing the thin print's narrowing;
    /// the half-depth estimates instead split texture into elements and narrow the bars that matter.
    /// Returns the number of edges kept. The samples given to `detect` must be unchanged.
    @discardableResult
    func refilter(crossingAt fraction: Float) -> Int {
        count = 0
        placedInkAreas = false
        let n = raw.count
        guard n > 0 else { return finish() }
        if !levelsReady {
            levels.compute(raw)
            levelsReady = true
        }
        // The level in fixed point: twice the level is 2·ink + range·fraction·2 = 2·ink + (range·f) >> 7.
        let f = Int32(truncatingIfNeeded: checkedFloor(Double(min(max(fraction, 0), 1)) * 256) ?? 0)
        let out = forwardStorage + 1
        var kept = 0
        for k in 0..<n {
            // Safe: 0 <= k < raw.count, within the levels' and the raw edges' capacity. Samples are
            // luma × 16 (at most 4080), so range · f stays far below Int32's limit.
            let ink = levels.ink[k], range = levels.paper[k] &- ink
            let twiceLevel = 2 &* ink &+ ((range &* f) >> 7)
            let p = raw.crossing(k, twiceLevel: twiceLevel)
            guard p == p else { continue }
            out[kept] = p
            forwardStrength[kept] = raw.strength[k]
            kept &+= 1
        }
        count = alternate(kept)
        return finish()
    }

    /// Places the last line's bars by the ink they hold (`InkAreas`): dark bars, or light ones for
    /// inverted symbols. The look for thin print under blur. Returns the number of edges kept. The
    /// samples given to `detect` must be unchanged.
    @discardableResult
    func refilter(inkAreasOfDarkBars darkBars: Bool) -> Int {
        count = 0
        placedInkAreas = true
        guard raw.count > 0 else { return finish() }
        if !levelsReady {
            levels.compute(raw)
            levelsReady = true
        }
        count = InkAreas.place(raw, paper: levels.paper, ink: levels.ink, darkBars: darkBars,
                               position: forwardStorage + 1, strength: forwardStrength)
        return finish()
    }

    /// Passes 2 and 3: the neighbourhood filter, then alternation (merge or drop same-signed neighbours).
    private func filter(relative: Float, placement: Placement) {
        let block = EdgeDetector.blockSize
        let n = raw.sampleCount, rawCount = raw.count
        let blocks = n / block + 1
        // blockMax[b + 1] is the strongest edge in samples [b·block, (b+1)·block); 0 and blocks + 1 pad.
        for b in 0..<(blocks + 2) { blockMax[b] = 0 }
        for k in 0..<rawCount {
            let b = self.block(of: raw.steepestSample[k], blocks: blocks)
            // Safe: 1 <= b <= blocks (see `block(of:blocks:)`).
            blockMax[b] = max(blockMax[b], abs(raw.strength[k]))
        }
        // Keep the edges that matter in their neighbourhood.
        let out = forwardStorage + 1
        var kept = 0
        let positions = placement == .steepest ? raw.steepest : placement == .halfStep ? raw.halfStep : raw.envelope
        for k in 0..<rawCount {
            let p = positions[k]
            let b = self.block(of: raw.steepestSample[k], blocks: blocks)
            // Safe: b - 1 >= 0 and b + 1 <= blocks + 1, inside the padded table.
            let localMax = max(blockMax[b], max(blockMax[b &- 1], blockMax[b &+ 1]))
            let v = raw.strength[k]
            guard abs(v) >= relative * localMax else { continue }
            out[kept] = p
            forwardStrength[kept] = v
            kept &+= 1
        }
        count = alternate(kept)
    }

    /// Block (1-based, padded) holding sample `i`: samples lie in `0 ..< sampleCount` by construction,
    /// and the result is clamped all the same.
    @inline(__always)
    private func block(of i: Int32, blocks: Int) -> Int {
        min(Int(max(i, 0)) / EdgeDetector.blockSize &+ 1, blocks)
    }

    /// Restores alternation after the filter: two neighbouring edges of the same sign mean that the
    /// opposite edge between them was dropped. Close together they are one edge (merged, weighted by
    /// strength). Far apart they are a staircase (background → label → bar): the edge on the side of
    /// the denser edges is the one a symbol there needs, so the one whose outer neighbour is nearer
    /// stays. In place; returns the new count.
    private func alternate(_ n: Int) -> Int {
        let position = forwardStorage + 1
        let strength = forwardStrength
        guard n > 1 else { return n }
        var w = 0 // last written edge
        var r = 1
        while r < n {
            // Safe: 0 <= w < r < n; reads at r + 1 are checked against n.
            let p = position[r], v = strength[r]
            if (strength[w] > 0) != (v > 0) {
                w &+= 1
                position[w] = p
                strength[w] = v
                r &+= 1
                continue
            }
            let q = position[w], a = abs(v), c = abs(strength[w])
            if p - q < 2.5 {
                position[w] = (q * c + p * a) / (a + c)
                strength[w] += v
            } else {
                let before = w > 0 ? q - position[w &- 1] : Float.greatestFiniteMagnitude
                let after = r &+ 1 < n ? position[r &+ 1] - p : Float.greatestFiniteMagnitude
                if after < before || (after == before && a > c) {
                    position[w] = p
                    strength[w] = v
                }
            }
            r &+= 1
        }
        return w &+ 1
    }

    /// Sets the sentinels, makes strengths positive and fills the reversed copy.
    private func finish() -> Int {
        let out = forwardStorage + 1
        let n = count
        firstRising = n > 0 ? forwardStrength[0] > 0 : false
        for k in 0..<n { forwardStrength[k] = abs(forwardStrength[k]) }
        out[-1] = 0
        out[n] = length
        let rev = reverseStorage + 1
        rev[-1] = 0
        rev[n] = length
        for k in 0..<n {
            // Safe: 0 <= k < n and n - 1 - k in the same range.
            rev[k] = length - out[n &- 1 &- k]
            reverseStrength[k] = forwardStrength[n &- 1 &- k]
        }
        return n
    }
}
