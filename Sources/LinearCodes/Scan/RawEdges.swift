import Imaging

/// The raw edges of one line of grey samples: every run between two turning points of the signal,
/// with its step height and three estimates of its position. The filter (`EdgeDetector`) picks which
/// edges count and which estimate to use.
///
/// Turning points come with hysteresis: a maximum (minimum) is one once the signal has fallen (risen)
/// more than the floor below (above) it, so wiggles smaller than the floor never start a run, and
/// noise costs a compare per sample and no branch mispredictions.
///
/// Position estimates, in samples:
/// - `steepest`: the steepest difference of the run, refined by a parabola through it and its
///   neighbours. Robust to noise; the first choice.
/// - `halfStep` (computed on demand): where the signal crosses halfway between the run's two extremes.
///   A narrow element that blur keeps from reaching full contrast is measured at its own half depth.
/// - `envelope` (computed on demand): where it crosses halfway between the local paper and ink levels
///   (the brightest maximum and darkest minimum among the neighbouring runs), as a local binarizer
///   would. Blurred narrow elements keep their printed width best this way.
final class RawEdges {
    let capacity: Int
    let steepest: UnsafeMutablePointer<Float>
    /// The sample `steepest` falls in (its floor), for the edge filter's block lookups.
    let steepestSample: UnsafeMutablePointer<Int32>
    let halfStep: UnsafeMutablePointer<Float>
    /// Sample index of the steepest difference (the step `peak → peak + 1`), where the half-step
    /// search starts.
    private let peak: UnsafeMutablePointer<Int32>
    let envelope: UnsafeMutablePointer<Float>
    /// Step height (luma × 16), signed: > 0 for dark → light.
    let strength: UnsafeMutablePointer<Float>
    /// Sample indices of the run's two extremes.
    let runStart: UnsafeMutablePointer<Int32>
    let runEnd: UnsafeMutablePointer<Int32>
    private(set) var count = 0
    private(set) var sampleCount = 0
    private var samples: UnsafePointer<Int32>?
    /// Scratch for `computeEnvelope`: each run's brighter and darker end, then their maxima and minima
    /// over three neighbouring runs.
    private let runHigh: UnsafeMutablePointer<Int32>
    private let runLow: UnsafeMutablePointer<Int32>
    private let high3: UnsafeMutablePointer<Int32>
    private let low3: UnsafeMutablePointer<Int32>

    /// Runs on either side whose extremes set the local paper and ink levels for `envelope`.
    /// (`computeEnvelope` builds its windows for this reach.)
    static let envelopeReach = 4

    init(arena: ScanArena, capacity: Int) {
        self.capacity = max(4, capacity)
        steepest = arena.reserve(Float.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        steepestSample = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        halfStep = arena.reserve(Float.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        peak = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        envelope = arena.reserve(Float.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        strength = arena.reserve(Float.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        runStart = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        runEnd = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        runHigh = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        runLow = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        high3 = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        low3 = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
    }

    /// Forgets the raw edges (their samples are about to change).
    func clear() { count = 0 }

    private func finish(_ k: Int) -> Int {
        count = k
        return k
    }

    /// Finds the raw edges of `s[0 ..< n]` whose step exceeds the floor `h` (luma × 16). The samples
    /// must stay untouched until the next call (`computeHalfSteps` and `computeEnvelope` read them
    /// again).
    func find(_ s: UnsafePointer<Int32>, _ n: Int, floor h: Int32) -> Int {
        // Find the first move larger than the floor to learn the initial direction.
        var lo = s[0], hi = s[0]
        var loIndex = 0, hiIndex = 0
        var i = 1
        // Eight samples at a time while they stay within the floor of each other (flat lead-ins:
        // quiet zones, margins). A block that would not is left to the sample-by-sample loop below.
        while i &+ 8 <= n {
            // Safe: i + 8 <= n.
            let v = UnsafeRawPointer(s + i).loadUnaligned(as: SIMD8<Int32>.self)
            let blockLow = v.min(), blockHigh = v.max()
            guard Swift.max(hi, blockHigh) &- Swift.min(lo, blockLow) <= h else { break }
            // A new extreme is where the running one first reached it (the loop below keeps the first).
            if blockLow < lo {
                lo = blockLow
                loIndex = i &+ RawEdges.firstLane(of: blockLow, in: v)
            }
            if blockHigh > hi {
                hi = blockHigh
                hiIndex = i &+ RawEdges.firstLane(of: blockHigh, in: v)
            }
            i &+= 8
        }
        while i < n {
            // The range only grows when a new extreme comes, so it is tested only then (flat lead-ins,
            // quiet zones and borders, cost a compare or two per sample).
            let v = s[i]
            if v < lo {
                lo = v
                loIndex = i
                if hi &- lo > h { break }
            } else if v > hi {
                hi = v
                hiIndex = i
                if hi &- lo > h { break }
            }
            i &+= 1
        }
        samples = s
        sampleCount = n
        count = 0
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
            guard k < capacity else { return finish(k) }
            if emit(s, from: turn, to: extreme, rising: rising, floor: h, at: k) { k &+= 1 }
            guard i < n else { return finish(k) }
            // The extreme is the next run's start; the sample that ended this run is its first extreme.
            turn = extreme
            rising.toggle()
            extreme = i
            extremeValue = s[i]
            i &+= 1
        }
    }

    /// The first lane of `v` holding `value` (which one does).
    @inline(__always)
    private static func firstLane(of value: Int32, in v: SIMD8<Int32>) -> Int {
        for lane in 0..<8 where v[lane] == value { return lane }
        return 0
    }

    /// Writes raw edge `k` for the run `s[from] ... s[to]`; false when its step is below the floor.
    @inline(__always)
    private func emit(_ s: UnsafePointer<Int32>, from: Int, to: Int, rising: Bool, floor: Int32, at k: Int) -> Bool {
        let step = s[to] &- s[from]
        guard (step > 0 ? step : 0 &- step) >= floor, to > from else { return false }
        // Steepest difference inside the run (the direction's sign made positive).
        var steepestStep: Int32 = .min
        var peakIndex = from
        var j = from
        while j < to {
            // Safe: from <= j < to <= n - 1.
            let d = rising ? s[j &+ 1] &- s[j] : s[j] &- s[j &+ 1]
            if d > steepestStep {
                steepestStep = d
                peakIndex = j
            }
            j &+= 1
        }
        // Estimate 1: the steepest step, refined by a parabola through it and its neighbours.
        let before = peakIndex > from ? (rising ? s[peakIndex] &- s[peakIndex &- 1] : s[peakIndex &- 1] &- s[peakIndex]) : 0
        let after = peakIndex &+ 1 < to
            ? (rising ? s[peakIndex &+ 2] &- s[peakIndex &+ 1] : s[peakIndex &+ 1] &- s[peakIndex &+ 2]) : 0
        let gm = Float(max(0, before)), g0 = Float(steepestStep), gp = Float(max(0, after))
        let curvature = gm - 2 * g0 + gp
        var delta: Float = curvature < 0 ? 0.5 * (gm - gp) / curvature : 0
        if !(delta >= -0.5) { delta = -0.5 } else if delta > 0.5 { delta = 0.5 }
        // Estimate 2 (`computeHalfSteps`) is left for the lines that retry: most lines are read, or
        // given up, on estimate 1 alone.
        // Safe: k < capacity (checked by the caller).
        self.peak[k] = Int32(truncatingIfNeeded: peakIndex)
        steepest[k] = Float(peakIndex) + 0.5 + delta
        // -0.5 <= delta <= 0.5: the position is in sample peakIndex, or the next one at delta = 0.5.
        steepestSample[k] = Int32(truncatingIfNeeded: delta >= 0.5 ? peakIndex &+ 1 : peakIndex)
        strength[k] = Float(step)
        runStart[k] = Int32(truncatingIfNeeded: from)
        runEnd[k] = Int32(truncatingIfNeeded: to)
        return true
    }

    /// Fills `halfStep` for all raw edges: where the signal crosses halfway between the run's two
    /// extremes, searched from the steepest step outwards. Between the local extremes, not between
    /// global ink and paper levels: a narrow element that blur keeps from reaching full contrast is
    /// still measured at its own half depth. Better on blur, worse on noise; the reader tries it second.
    func computeHalfSteps() {
        guard let s = samples else { return }
        for k in 0..<count {
            // Safe: runStart[k] <= peak[k] < runEnd[k] <= sampleCount - 1 by construction in `emit`.
            let from = Int(runStart[k]), to = Int(runEnd[k])
            let rising = strength[k] > 0
            let twiceMid = s[from] &+ s[to]
            var a = Int(peak[k])
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
            halfStep[k] = Float(a) + fraction
        }
    }

    /// Fills `envelope` for all raw edges (see the type's notes). Needs `computeHalfSteps` first.
    ///
    /// The paper and ink levels of edge `k` are the maximum and minimum over runs `k − 4 ... k + 4`
    /// (`envelopeReach`), taken as the extremes of three windows of three runs: `k − 3`, `k` and
    /// `k + 3`, each covering its neighbours. Indices are clamped to the runs there are, which only
    /// repeats a run already in the window (extremes do not mind repeats).
    func computeEnvelope() {
        guard let s = samples else { return }
        let n = count
        guard n > 0 else { return }
        // Safe throughout: every index is clamped to 0 ..< n, and run ends lie in 0 ..< sampleCount.
        for m in 0..<n {
            let a = s[Int(runStart[m])], b = s[Int(runEnd[m])]
            runHigh[m] = max(a, b)
            runLow[m] = min(a, b)
        }
        let last = n &- 1
        for m in 0..<n {
            let before = max(0, m &- 1), after = min(last, m &+ 1)
            high3[m] = max(runHigh[before], max(runHigh[m], runHigh[after]))
            low3[m] = min(runLow[before], min(runLow[m], runLow[after]))
        }
        let reach = 3 // windows of three runs centred 3 apart span envelopeReach (4) on either side
        for k in 0..<n {
            let before = max(0, k &- reach), after = min(last, k &+ reach)
            let paper = max(high3[before], max(high3[k], high3[after]))
            let ink = min(low3[before], min(low3[k], low3[after]))
            let at = crossing(k, twiceLevel: paper &+ ink)
            // A run that stays on one side of the level (a partial step of a narrow element) keeps
            // its half-step estimate.
            envelope[k] = at == at ? at : halfStep[k]
        }
    }

    /// The samples given to the last `find` (nil before the first).
    var sampleValues: UnsafePointer<Int32>? { samples }

    /// The sample values at run `k`'s two ends (its start and its extreme). Callers keep `0 <= k < count`.
    @inline(__always)
    func runEnds(_ k: Int) -> (start: Int32, end: Int32) {
        guard let s = samples else { return (0, 0) }
        // Safe: run ends lie in 0 ..< sampleCount.
        return (s[Int(runStart[k])], s[Int(runEnd[k])])
    }

    /// Where run `k` crosses the level `twiceLevel / 2` (luma × 16), in samples; NaN when the run stays
    /// on one side of it. A run that wiggles across the level more than once is placed at its first
    /// crossing. Callers keep `0 <= k < count`.
    func crossing(_ k: Int, twiceLevel: Int32) -> Float {
        guard let s = samples else { return .nan }
        // Safe: run ends lie in 0 ..< sampleCount, and from <= a < to below.
        let from = Int(runStart[k]), to = Int(runEnd[k])
        guard (2 &* s[from] < twiceLevel) != (2 &* s[to] < twiceLevel) else { return .nan }
        var a = from
        if strength[k] > 0 {
            while a &+ 1 < to, 2 &* s[a &+ 1] < twiceLevel { a &+= 1 }
        } else {
            while a &+ 1 < to, 2 &* s[a &+ 1] >= twiceLevel { a &+= 1 }
        }
        let lo = Float(s[a]), hi = Float(s[a &+ 1])
        var fraction: Float = hi != lo ? (Float(twiceLevel) * 0.5 - lo) / (hi - lo) : 0.5
        if !(fraction >= 0) { fraction = 0 } else if fraction > 1 { fraction = 1 }
        return Float(a) + fraction
    }
}
