import Imaging

/// The local paper and ink levels around each raw edge of a line: the brightest and the darkest run
/// extreme among the `reach` runs on either side of it.
///
/// Both are sliding-window extremes over the runs, computed as van Herk and Gil-Werman do: the runs
/// are cut into blocks of the window's length, a running extreme is taken forwards and backwards inside
/// each block, and every window (which spans at most two blocks) is the extreme of one backward and
/// one forward value. Three passes per level, whatever the window's length. The runs are padded with
/// `reach` neutral values at either end, so that windows at the line's ends simply hold fewer runs.
final class LocalLevels {
    let capacity: Int
    /// Levels (luma × 16, as the samples) per raw edge; valid after `compute` for `0 ..< raw.count`.
    let paper: UnsafeMutablePointer<Int32>
    let ink: UnsafeMutablePointer<Int32>
    private let forward: UnsafeMutablePointer<Int32>
    private let backward: UnsafeMutablePointer<Int32>

    /// Runs on either side of an edge that set its levels: about a dozen modules of a symbol each way,
    /// enough to hold a wide bar and a wide space of any symbology, while the levels still follow
    /// uneven lighting along the line. (Measured on the corpus: 8 to 24 read the same images but one.)
    static let reach = 12

    init(arena: ScanArena, capacity: Int) {
        self.capacity = max(4, capacity)
        let padded = self.capacity + 2 * LocalLevels.reach
        paper = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        ink = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        forward = arena.reserve(Int32.self, count: padded).baseAddress.unsafelyUnwrapped
        backward = arena.reserve(Int32.self, count: padded).baseAddress.unsafelyUnwrapped
    }

    /// Fills `paper` and `ink` for the raw edges of the last line `raw` found.
    func compute(_ raw: RawEdges) {
        let n = min(raw.count, capacity)
        guard n > 0 else { return }
        // Each run's brighter and darker end, then the window extremes in place.
        for k in 0..<n {
            // Safe: 0 <= k < n <= capacity.
            let ends = raw.runEnds(k)
            paper[k] = max(ends.start, ends.end)
            ink[k] = min(ends.start, ends.end)
        }
        slidingExtreme(paper, n, .largest)
        slidingExtreme(ink, n, .smallest)
    }

    /// Which end of the values a sliding pass keeps: the paper (brightest) or the ink (darkest) level.
    private enum Extreme {
        case largest, smallest

        /// What no run's level passes: the padding beyond the line's ends.
        @inline(__always) var neutral: Int32 { self == .largest ? Int32.min : Int32.max }

        @inline(__always) func pick(_ a: Int32, _ b: Int32) -> Int32 { self == .largest ? max(a, b) : min(a, b) }
    }

    /// Replaces `v[k]` by the largest or the smallest of `v[k - reach ... k + reach]` (clipped to
    /// `0 ..< n`). Inlined into `compute` with a constant `extreme`, so each call is a pass of its own
    /// with no test of `extreme` inside the loops.
    @inline(__always)
    private func slidingExtreme(_ v: UnsafeMutablePointer<Int32>, _ n: Int, _ extreme: Extreme) {
        let reach = LocalLevels.reach, window = 2 &* reach &+ 1, padded = n &+ 2 &* reach
        let neutral = extreme.neutral
        // Safe: padded positions p hold v[p - reach] for reach <= p < n + reach; indices stay in
        // 0 ..< padded <= capacity + 2 · reach, and in 0 ..< n for `v`.
        var i = 0
        while i < padded {
            let end = min(i &+ window, padded)
            var running = neutral
            var p = i
            while p < end {
                let k = p &- reach
                running = extreme.pick(running, k >= 0 && k < n ? v[k] : neutral)
                forward[p] = running
                p &+= 1
            }
            running = neutral
            p = end
            while p > i {
                p &-= 1
                let k = p &- reach
                running = extreme.pick(running, k >= 0 && k < n ? v[k] : neutral)
                backward[p] = running
            }
            i = end
        }
        // The window of edge k is padded positions k ... k + 2 · reach.
        for k in 0..<n { v[k] = extreme.pick(backward[k], forward[k &+ 2 &* reach]) }
    }
}
