import Imaging

/// The edges of one scan line as the decoders see them: positions (in samples along the line) and
/// strengths, alternating dark→light and light→dark.
///
/// Element `j` (a bar or a space) lies between edge `j − 1` and edge `j`; element 0 runs from the line's
/// start to the first edge and element `count` from the last edge to the line's end, so every element
/// index `0 ... count` has a width. `position` has readable sentinels at `−1` (0, the line start) and at
/// `count` (the line end) so that `width(j)` needs no branch.
struct EdgeSequence {
    /// `position[-1]` ... `position[count]` are valid.
    let position: UnsafeMutablePointer<Float>
    /// Step height of each edge in luma × 16 (always positive); `strength[0 ..< count]`.
    let strength: UnsafeMutablePointer<Float>
    let count: Int
    /// Line length in samples (position of the end sentinel).
    let length: Float
    /// Whether element 0 is darker than element 1.
    let firstElementDark: Bool
    /// Whether the sequence runs against the scan line (positions measured from its far end).
    let isReversed: Bool
    /// Whether the placement keeps texture edges, so that an empty stretch up to the line's end means
    /// the symbol reaches the image border. False for the ink-area look, which keeps only bars.
    var showsTexture = true
    /// Whether the sequence's start (end) is a cut through the line rather than the line's own end
    /// (a part of the line, `EdgeDetector.detectCrossings`): a region reaching it is no quiet zone.
    var openStart = false
    var openEnd = false

    /// Number of elements: one more than the edges.
    @inline(__always) var elementCount: Int { count &+ 1 }

    /// Width of element `j` in samples. Callers keep `0 <= j <= count`.
    @inline(__always)
    func width(_ j: Int) -> Float {
        // Safe: callers keep 0 <= j <= count; position[-1] and position[count] are sentinels.
        position[j] - position[j &- 1]
    }

    /// Total width of elements `from ..< from + n`. Callers keep the range inside `0 ... count`.
    @inline(__always)
    func span(_ from: Int, _ n: Int) -> Float {
        // Safe: callers keep 0 <= from and from + n - 1 <= count.
        position[from &+ n &- 1] - position[from &- 1]
    }

    /// Start of element `j` along the line (in this sequence's own direction).
    @inline(__always)
    func start(of j: Int) -> Float { position[j &- 1] }

    /// Whether element `j` is dark.
    @inline(__always)
    func isDark(_ j: Int) -> Bool { ((j & 1) == 0) == firstElementDark }

    /// Whether the light region before element `j` is a quiet zone of at least `need` samples: no edge
    /// stronger than `maxStrength` within `need` samples, or the image border.
    ///
    /// Weak edges (noise, paper texture) may cut a quiet zone into pieces; they are stepped over, since
    /// the edge filter only removes noise near strong edges.
    func hasQuietZone(before j: Int, need: Float, maxStrength: Float) -> Bool {
        guard j >= 1, j <= count else { return j == 0 && !openStart }
        let edgeAtStart = position[j &- 1]
        var e = j &- 2 // the edge that ends the quiet-zone candidate on its far side
        while e >= 0 {
            if edgeAtStart - position[e] >= need { return true }
            // Safe: 0 <= e < count.
            if strength[e] > maxStrength { return false }
            e &-= 1
        }
        // Reached the line start without a strong edge: the region runs to the image border (unless
        // the sequence begins at a cut, where only the measured stretch counts).
        return !openStart || edgeAtStart >= need
    }

    /// A cheap first look for a symbol starting with bar `j`: a quiet zone of `need` samples before it,
    /// stepping over edges weaker than 40 % of the bar's own.
    @inline(__always)
    func hasQuietZone(before j: Int, need: Float) -> Bool {
        guard j >= 1, j < count else { return j == 0 && !openStart }
        // Safe: 1 <= j < count, so edges j - 1 and j exist.
        if width(j &- 1) >= need { return true }
        return hasQuietZone(before: j, need: need, maxStrength: 0.4 * min(strength[j &- 1], strength[j]))
    }

    /// Mirror of `hasQuietZone(before:)` for the region after element `j`.
    func hasQuietZone(after j: Int, need: Float, maxStrength: Float) -> Bool {
        guard j >= 0, j < count else { return j == count && !openEnd }
        let edgeAtEnd = position[j]
        var e = j &+ 1
        while e < count {
            if position[e] - edgeAtEnd >= need { return true }
            // Safe: 0 <= e < count.
            if strength[e] > maxStrength { return false }
            e &+= 1
        }
        return !openEnd || length - edgeAtEnd >= need
    }

    /// The first element `j` whose start (`position[j - 1]`) is at or after `t`; `count + 1` when none.
    /// Positions increase along the sequence, so this is a binary search.
    func firstElement(startingAtOrAfter t: Float) -> Int {
        var low = 0, high = count + 1 // the answer lies in low ... high
        while low < high {
            let mid = (low &+ high) >> 1
            // Safe: 0 <= mid <= count, so mid - 1 is a valid position index (-1 is the start sentinel).
            if position[mid &- 1] < t { low = mid &+ 1 } else { high = mid }
        }
        return low
    }

    /// Smallest strength among edges `from ..< from + n` (clamped to the valid edges).
    func weakestEdge(_ from: Int, _ n: Int) -> Float {
        var m = Float.greatestFiniteMagnitude
        var k = max(0, from)
        let end = min(count, from &+ n)
        while k < end {
            m = min(m, strength[k])
            k &+= 1
        }
        return m == Float.greatestFiniteMagnitude ? 0 : m
    }
}

/// The places on a line where a symbol may start: bars (of the polarity being tried) that follow a
/// light region several times their own width.
///
/// Every symbology asks for a quiet zone of at least five modules before a start bar of one or two
/// modules, so a region under twice the bar's width rules a start out. Collecting these few places
/// once per line, instead of letting each decoder test every bar, keeps cluttered lines cheap. Weak
/// edges inside the light region (noise that survived the edge filter) are stepped over, as in
/// `EdgeSequence.hasQuietZone`.
final class StartCandidates {
    private let storage: UnsafeMutablePointer<Int32>
    let capacity: Int
    private(set) var count = 0

    /// Light region before a start bar, in widths of that bar.
    static let minRatio: Float = 2.0
    /// Edges weaker than this fraction of the start bar's edges do not end a light region.
    static let weakEdge: Float = 0.4
    /// Weak edges stepped over at most (keeps the search linear).
    static let maxSteps = 6

    init(arena: ScanArena, capacity: Int) {
        self.capacity = max(1, capacity)
        storage = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
    }

    @inline(__always)
    subscript(i: Int) -> Int { Int(storage[i]) }

    /// Collects the start candidates of `e` whose bars are dark (`dark`) or light. Both edges of a
    /// start bar must reach `minStrength` (luma × 16): a symbol's bars stand well out of the noise
    /// floor, texture mostly does not.
    ///
    /// With `from` and `to`, only the bars that start within `from ... to` (positions along the line)
    /// are looked at: a second look aims at one place on the line.
    func collect(_ e: EdgeSequence, dark: Bool, minStrength: Float, from: Float = -.infinity, to: Float = .infinity) {
        var n = 0
        defer { count = n }
        var j = e.isDark(0) == dark ? 0 : 1
        var last = e.count - 8 // a symbol needs more elements than this after its start
        if from > 0 {
            // The first element starting at or after `from`, of the polarity asked for.
            let first = e.firstElement(startingAtOrAfter: from)
            if first > j { j += (first - j + 1) & ~1 }
        }
        if to < e.length {
            // The last element starting at or before `to`.
            last = min(last, e.firstElement(startingAtOrAfter: to.nextUp) - 1)
        }
        if j == 0, j <= last, !e.openStart, e.strength[0] >= minStrength {
            // A bar at the very start of the line touches the image border: its quiet zone is cropped.
            guard n < capacity else { return }
            storage[n] = 0
            n += 1
        }
        if j == 0 { j = 2 }
        while j <= last {
            // Safe: 1 <= j <= count - 8, so edges j - 1 and j exist. The edge strengths rule out most
            // bars and cost two loads; the widths come after.
            if e.strength[j] >= minStrength, e.strength[j - 1] >= minStrength {
                let need = StartCandidates.minRatio * e.width(j)
                if e.width(j - 1) >= need || light(e, before: j, need: need) {
                    guard n < capacity else { return }
                    storage[n] = Int32(truncatingIfNeeded: j)
                    n += 1
                }
            }
            j += 2
        }
    }

    /// Whether the light region before element `j`, with weak edges stepped over, spans `need`.
    @inline(__always)
    private func light(_ e: EdgeSequence, before j: Int, need: Float) -> Bool {
        // Safe: j >= 1, so edge j - 1 exists; j <= count - 8, so edge j exists.
        let limit = StartCandidates.weakEdge * min(e.strength[j - 1], e.strength[j])
        let start = e.position[j - 1]
        var k = j - 2
        var steps = 0
        while k >= 0, steps < StartCandidates.maxSteps {
            if e.strength[k] > limit { return start - e.position[k] >= need }
            k -= 1
            steps += 1
            if start - e.position[k] >= need { return true }
        }
        return k < 0 && !e.openStart
    }
}
