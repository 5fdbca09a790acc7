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
        slidingMaximum(paper, n)
        slidingMinimum(ink, n)
    }

    /// Replaces `v[k]` by the largest of `v[k - reach ... k + reach]` (clipped to `0 ..< n`).
    private func slidingMaximum(_ v: UnsafeMutablePointer<Int32>, _ n: Int) {
        let reach = LocalLevels.reach, window = 2 &* reach &+ 1, padded = n &+ 2 &* reach
        // Safe: padded positions p hold v[p - reach] for reach <= p < n + reach; indices stay in
        // 0 ..< padded <= capacity + 2 · reach, and in 0 ..< n for `v`.
        var i = 0
        while i < padded {
            let end = min(i &+ window, padded)
            var running = Int32.min
            var p = i
            while p < end {
                let k = p &- reach
                running = max(running, k >= 0 && k < n ? v[k] : Int32.min)
                forward[p] = running
                p &+= 1
            }
            running = Int32.min
            p = end
            while p > i {
                p &-= 1
                let k = p &- reach
                running = max(running, k >= 0 && k < n ? v[k] : Int32.min)
                backward[p] = running
            }
            i = end
        }
        // The window of edge k is padded positions k ... k + 2 · reach.
        for k in 0..<n { v[k] = max(backward[k], forward[k &+ 2 &* reach]) }
    }

    /// Replaces `v[k]` by the smallest of `v[k - reach ... k + reach]` (clipped to `0 ..< n`).
    private func slidingMinimum(_ v: UnsafeMutablePointer<Int32>, _ n: Int) {
        let reach = LocalLevels.reach, window = 2 &* reach &+ 1, padded = n &+ 2 &* reach
        // Safe: as in `slidingMaximum`.
        var i = 0
        while i < padded {
            let end = min(i &+ window, padded)
            var running = Int32.max
            var p = i
            while p < end {
                let k = p &- reach
                running = min(running, k >= 0 && k < n ? v[k] : Int32.max)
                forward[p] = running
                p &+= 1
            }
            running = Int32.max
            p = end
            while p > i {
                p &-= 1
                let k = p &- reach
                running = min(running, k >= 0 && k < n ? v[k] : Int32.max)
                backward[p] = running
            }
            i = end
        }
        for k in 0..<n { v[k] = min(backward[k], forward[k &+ 2 &* reach]) }
    }
}
