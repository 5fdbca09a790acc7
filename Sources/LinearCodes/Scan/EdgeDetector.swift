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
    private let rawStrength: UnsafeMutablePointer<Float> // signed: > 0 for dark → light
    private let window: UnsafeMutablePointer<Int32>      // monotonic deque of raw edge indices
    private let forwardStorage: UnsafeMutablePointer<Float>
    private let forwardStrength: UnsafeMutablePointer<Float>
    private let reverseStorage: UnsafeMutablePointer<Float>
    private let reverseStrength: UnsafeMutablePointer<Float>
    private(set) var count = 0
    private(set) var length: Float = 0
    private(set) var firstRising = false

    /// Smallest step height (luma × 16) that can be an edge at all: 4 grey levels.
    var absoluteFloor: Float = 64
    /// Fraction of the strongest neighbouring edge an edge must reach.
    var relative: Float = 0.2
    /// Half-width of the neighbourhood, in samples.
    var windowRadius: Float = 24

    init(arena: ScanArena, maxSamples: Int) {
        capacity = max(4, maxSamples)
        rawPosition = arena.reserve(Float.self, count: capacity).baseAddress.unsafelyUnwrapped
        rawStrength = arena.reserve(Float.self, count: capacity).baseAddress.unsafelyUnwrapped
        window = arena.reserve(Int32.self, count: capacity).baseAddress.unsafelyUnwrapped
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

    /// Finds the edges of `samples[0 ..< n]`. Returns the number of edges kept.
    @discardableResult
    func detect(_ samples: UnsafePointer<Int32>, _ n: Int) -> Int {
        count = 0
        length = Float(max(0, n - 1))
        guard n >= 3, n <= capacity else { return finish() }
        let raw = findRuns(samples, n)
        guard raw > 0 else { return finish() }
        filter(raw)
        return finish()
    }

    /// Pass 1: every monotonic run becomes a raw edge (position, signed step height).
    private func findRuns(_ s: UnsafePointer<Int32>, _ n: Int) -> Int {
        var k = 0
        var i = 0
        let last = n &- 1
        let floor = Int32(absoluteFloor)
        while i < last {
            // Safe: 0 <= i < n - 1.
            let g = s[i &+ 1] &- s[i]
            if g == 0 {
                i &+= 1
                continue
            }
            let rising = g > 0
            var peak = rising ? g : 0 &- g
            var peakIndex = i
            var j = i &+ 1
            while j < last {
                // Safe: j + 1 <= n - 1.
                let h = s[j &+ 1] &- s[j]
                let a = rising ? h : 0 &- h
                if a <= 0 { break }
                if a > peak {
                    peak = a
                    peakIndex = j
                }
                j &+= 1
            }
            let step = s[j] &- s[i] // total change over the run [i, j]
            if (step > 0 ? step : 0 &- step) >= floor, k < capacity {
                // Neighbours of the peak in the run's direction (0 outside the run).
                let before = peakIndex > i ? (rising ? s[peakIndex] &- s[peakIndex &- 1] : s[peakIndex &- 1] &- s[peakIndex]) : 0
                let after = peakIndex &+ 1 < j
                    ? (rising ? s[peakIndex &+ 2] &- s[peakIndex &+ 1] : s[peakIndex &+ 1] &- s[peakIndex &+ 2]) : 0
                let gm = Float(max(0, before)), g0 = Float(peak), gp = Float(max(0, after))
                let curvature = gm - 2 * g0 + gp
                var delta: Float = curvature < 0 ? 0.5 * (gm - gp) / curvature : 0
                if !(delta >= -0.5) { delta = -0.5 } else if delta > 0.5 { delta = 0.5 }
                // Safe: k < capacity.
                rawPosition[k] = Float(peakIndex) + 0.5 + delta
                rawStrength[k] = Float(step)
                k &+= 1
            }
            i = j
        }
        return k
    }

    /// Passes 2 and 3: the neighbourhood filter, then alternation (merge or drop same-signed neighbours).
    private func filter(_ raw: Int) {
        let out = forwardStorage + 1
        var kept = 0
        // Sliding-window maximum of |strength| over [pos - R, pos + R] with a monotonic deque.
        var head = 0, tail = 0 // deque is window[head ..< tail]
        var ahead = 0          // next raw edge to enter the window
        let radius = windowRadius
        for k in 0..<raw {
            let p = rawPosition[k]
            while ahead < raw, rawPosition[ahead] <= p + radius {
                let a = abs(rawStrength[ahead])
                while tail > head, abs(rawStrength[Int(window[tail &- 1])]) <= a { tail &-= 1 }
                window[tail] = Int32(truncatingIfNeeded: ahead)
                tail &+= 1
                ahead &+= 1
            }
            while head < tail, rawPosition[Int(window[head])] < p - radius { head &+= 1 }
            let localMax = head < tail ? abs(rawStrength[Int(window[head])]) : 0
            let v = rawStrength[k]
            let a = abs(v)
            guard a >= relative * localMax else { continue }
            if kept > 0, (forwardStrength[kept &- 1] > 0) == (v > 0) {
                // Same sign as the previous kept edge: the opposite edge between them was too weak.
                let q = out[kept &- 1], b = abs(forwardStrength[kept &- 1])
                if p - q < 2.5 {
                    out[kept &- 1] = (q * b + p * a) / (a + b)
                    forwardStrength[kept &- 1] += v
                } else if a > b {
                    out[kept &- 1] = p
                    forwardStrength[kept &- 1] = v
                }
                continue
            }
            out[kept] = p
            forwardStrength[kept] = v
            kept &+= 1
        }
        count = kept
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
