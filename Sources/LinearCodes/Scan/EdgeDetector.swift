import Imaging

/// Finds the bar/space edges on one line of grey samples, with sub-pixel positions, and keeps them in
/// two orders (along the line and against it) for the decoders.
///
/// There is no global threshold: an edge is a run of same-signed differences (a monotonic stretch of
/// the signal), its strength is the step height over the run and its position the peak of the gradient,
/// refined by a parabola through the peak and its neighbours. That holds up on blurred and
/// low-contrast symbols, where a binarizer loses the narrow elements first.
///
/// Noise is removed relative to the neighbourhood: an edge is kept when it is at least `relative` of
/// the strongest edge within `window` samples (and above an absolute floor). Inside a symbol the bar
/// edges dominate their neighbourhood, so paper texture and sensor noise between them drop out, while
/// a low-contrast symbol on a flat background keeps all its edges. Runs that end up next to each other
/// with the same sign (an opposite edge between them was dropped) are merged when close, else the
/// weaker one goes.
final class EdgeDetector {
    let capacity: Int
    private let rawPosition: UnsafeMutablePointer<Float>
    private let rawMidPosition: UnsafeMutablePointer<Float>
    private let rawStrength: UnsafeMutablePointer<Float> // signed: > 0 for dark → light
    private let blockMax: UnsafeMutablePointer<Float>    // strongest raw edge per block of samples
    private let forwardStorage: UnsafeMutablePointer<Float>
    private let forwardStrength: UnsafeMutablePointer<Float>
    private let reverseStorage: UnsafeMutablePointer<Float>
    private let reverseStrength: UnsafeMutablePointer<Float>
    private(set) var count = 0
    private(set) var length: Float = 0
    private(set) var firstRising = false
    /// Raw edges of the last `detect`, kept for `refilter`.
    private var rawCount = 0
    private var sampleCount = 0

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
        rawPosition = arena.reserve(Float.self, count: capacity).baseAddress.unsafelyUnwrapped
        rawMidPosition = arena.reserve(Float.self, count: capacity).baseAddress.unsafelyUnwrapped
        rawStrength = arena.reserve(Float.self, count: capacity).baseAddress.unsafelyUnwrapped
        blockMax = arena.reserve(Float.self, count: capacity / EdgeDetector.blockSize + 3).baseAddress.unsafelyUnwrapped
        forwardStorage = arena.reserve(Float.self, count: capacity + 2).baseAddress.unsafelyUnwrapped
        forwardStrength = arena.reserve(Float.self, count: capacity).baseAddress.unsafelyUnwrapped
        reverseStorage = arena.reserve(Float.self, count: capacity + 2).baseAddress.unsafelyUnwrapped
        reverseStrength = arena.reserve(Float.self, count: capacity).baseAddress.unsafelyUnwrapped
    }

    /// The edges along the line.
    var forward: EdgeSequence {
        EdgeSequence(position: forwardStorage + 1, strength: forwardStrength, count: count, length: length,
                     firstElementDark: firstRising, isReversed: false)
    }

    /// The same edges read from the line's far end (for symbols printed the other way round).
    var reversed: EdgeSequence {
        // The last forward element (index `count`) comes first; colours alternate from element 0.
        let lastDark = ((count & 1) == 0) == firstRising
        return EdgeSequence(position: reverseStorage + 1, strength: reverseStrength, count: count, length: length,
                            firstElementDark: lastDark,
                            isReversed: true)
    }

    /// Finds the edges of `samples[0 ..< n]`; a step must exceed `floor` (luma × 16, at least
    /// `minimumFloor`) to be an edge. Returns the number of edges kept.
    @discardableResult
    func detect(_ samples: UnsafePointer<Int32>, _ n: Int, floor: Int32 = EdgeDetector.minimumFloor) -> Int {
        count = 0
        rawCount = 0
        sampleCount = n
        length = Float(max(0, n - 1))
        guard n >= 3, n <= capacity else { return finish() }
        rawCount = findRuns(samples, n, floor: max(floor, EdgeDetector.minimumFloor))
        guard rawCount > 0 else { return finish() }
        filter(rawCount, length: n, relative: EdgeDetector.relative, midLevel: false)
        return finish()
    }

    /// Filters the last line's raw edges again, keeping only those at least `relative` of their
    /// neighbourhood's strongest, placed by the steepest step or (`midLevel`) by the half-level
    /// crossing. Returns the number of edges kept.
    @discardableResult
    func refilter(relative: Float, midLevel: Bool = false) -> Int {
        count = 0
        guard rawCount > 0 else { return finish() }
        filter(rawCount, length: sampleCount, relative: relative, midLevel: midLevel)
        return finish()
    }

    /// Pass 1: the signal is cut at its turning points, with hysteresis: a maximum (minimum) is a
    /// turning point once the signal has fallen (risen) more than the floor below (above) it. Wiggles
    /// smaller than the floor never start a run, so noise costs a compare per sample and no branch
    /// mispredictions. Each run between two turning points becomes a raw edge: its step height, and the
    /// position of its steepest difference refined by a parabola.
    private func findRuns(_ s: UnsafePointer<Int32>, _ n: Int, floor h: Int32) -> Int {
        // Find the first move larger than the floor to learn the initial direction.
        var lo = s[0], hi = s[0]
        var loIndex = 0, hiIndex = 0
        var i = 1
        while i < n {
            let v = s[i]
            if v < lo { lo = v; loIndex = i }
            if v > hi { hi = v; hiIndex = i }
            if hi &- lo > h { break }
            i &+= 1
        }
        guard i < n else { return 0 }
        var rising = hiIndex > loIndex
        var turn = rising ? loIndex : hiIndex   // start of the current run
        var extreme = rising ? hiIndex : loIndex
        var extremeValue = s[extreme]
        var k = 0
        i = extreme &+ 1
        while true {
            // Follow the run until the signal retreats by more than the floor from its extreme.
            // Branch-free updates of the extreme (noise makes `v >= extreme` a coin toss); the only
            // branch, the retreat test, is taken once per run.
            if rising {
                while i < n {
                    // Safe: 0 <= i < n.
                    let v = s[i]
                    let further = v >= extremeValue
                    extremeValue = further ? v : extremeValue
                    extreme = further ? i : extreme
                    if extremeValue &- v > h { break }
                    i &+= 1
                }
            } else {
                while i < n {
                    let v = s[i]
                    let further = v <= extremeValue
                    extremeValue = further ? v : extremeValue
                    extreme = further ? i : extreme
                    if v &- extremeValue > h { break }
                    i &+= 1
                }
            }
            guard k < capacity else { return k }
            if emit(s, from: turn, to: extreme, rising: rising, floor: h, at: k) { k &+= 1 }
            guard i < n else { return k }
            // The extreme is the next run's start; the sample that ended this run is its first extreme.
            turn = extreme
            rising.toggle()
            extreme = i
            extremeValue = s[i]
            i &+= 1
        }
    }

    /// Writes raw edge `k` for the run `s[from] ... s[to]`; false when its step is below the floor.
    @inline(__always)
    private func emit(_ s: UnsafePointer<Int32>, from: Int, to: Int, rising: Bool, floor: Int32, at k: Int) -> Bool {
        let step = s[to] &- s[from]
        guard (step > 0 ? step : 0 &- step) >= floor, to > from else { return false }
        // Steepest difference inside the run (the direction's sign made positive).
        var peak: Int32 = .min
        var peakIndex = from
        var j = from
        while j < to {
            // Safe: from <= j < to <= n - 1.
            let d = rising ? s[j &+ 1] &- s[j] : s[j] &- s[j &+ 1]
            if d > peak {
                peak = d
                peakIndex = j
            }
            j &+= 1
        }
        // Estimate 1: the steepest step, refined by a parabola through it and its neighbours.
        let before = peakIndex > from ? (rising ? s[peakIndex] &- s[peakIndex &- 1] : s[peakIndex &- 1] &- s[peakIndex]) : 0
        let after = peakIndex &+ 1 < to
            ? (rising ? s[peakIndex &+ 2] &- s[peakIndex &+ 1] : s[peakIndex &+ 1] &- s[peakIndex &+ 2]) : 0
        let gm = Float(max(0, before)), g0 = Float(peak), gp = Float(max(0, after))
        let curvature = gm - 2 * g0 + gp
        var delta: Float = curvature < 0 ? 0.5 * (gm - gp) / curvature : 0
        if !(delta >= -0.5) { delta = -0.5 } else if delta > 0.5 { delta = 0.5 }
        // Estimate 2: where the signal crosses halfway between the run's two extremes, searched from
        // the steepest step outwards. Between the local extremes, not between global ink and paper
        // levels: a narrow element that blur keeps from reaching full contrast is still measured at
        // its own half depth. Better on blur, worse on noise; the reader tries it second.
        let twiceMid = s[from] &+ s[to]
        var a = peakIndex
        if rising {
            if 2 &* s[a] > twiceMid {
                while a > from, 2 &* s[a] > twiceMid { a &-= 1 }
            } else {
                while a &+ 1 < to, 2 &* s[a &+ 1] <= twiceMid { a &+= 1 }
            }
        } else {
            if 2 &* s[a] < twiceMid {
                while a > from, 2 &* s[a] < twiceMid { a &-= 1 }
            } else {
                while a &+ 1 < to, 2 &* s[a &+ 1] >= twiceMid { a &+= 1 }
            }
        }
        // Safe: from <= a < to, so s[a + 1] exists.
        let lo = Float(s[a]), hi = Float(s[a &+ 1])
        var fraction: Float = hi != lo ? (Float(twiceMid) * 0.5 - lo) / (hi - lo) : 0.5
        if !(fraction >= 0) { fraction = 0 } else if fraction > 1 { fraction = 1 }
        // Safe: k < capacity (checked by the caller).
        rawMidPosition[k] = Float(a) + fraction
        rawPosition[k] = Float(peakIndex) + 0.5 + delta
        rawStrength[k] = Float(step)
        return true
    }

    /// Passes 2 and 3: the neighbourhood filter, then alternation (merge or drop same-signed neighbours).
    private func filter(_ raw: Int, length n: Int, relative: Float, midLevel: Bool) {
        let block = EdgeDetector.blockSize
        let blocks = n / block + 1
        // blockMax[b + 1] is the strongest edge in samples [b·block, (b+1)·block); 0 and blocks + 1 pad.
        for b in 0..<(blocks + 2) { blockMax[b] = 0 }
        for k in 0..<raw {
            let b = Int(rawPosition[k]) / block &+ 1
            // Safe: 0 <= position < n, so 1 <= b <= blocks.
            blockMax[b] = max(blockMax[b], abs(rawStrength[k]))
        }
        // Keep the edges that matter in their neighbourhood.
        let out = forwardStorage + 1
        var kept = 0
        let positions = midLevel ? rawMidPosition : rawPosition
        for k in 0..<raw {
            let p = positions[k]
            let b = Int(p) / block &+ 1
            let localMax = max(blockMax[b], max(blockMax[b &- 1], blockMax[b &+ 1]))
            let v = rawStrength[k]
            guard abs(v) >= relative * localMax else { continue }
            out[kept] = p
            forwardStrength[kept] = v
            kept &+= 1
        }
        count = alternate(kept)
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
