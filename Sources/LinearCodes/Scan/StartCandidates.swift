import Imaging

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
    func collect(_ e: EdgeSequence, dark: Bool, minStrength: Float) {
        var n = 0
        defer { count = n }
        var j = e.isDark(0) == dark ? 0 : 1
        let last = e.count - 8 // a symbol needs more elements than this after its start
        while j <= last {
            let bar = e.width(j)
            let need = StartCandidates.minRatio * bar
            // Safe: j <= count - 8, so edge j exists; edge j - 1 exists for j >= 1.
            let strong = e.strength[j] >= minStrength && (j == 0 || e.strength[j - 1] >= minStrength)
            // A bar at the very start of the line touches the image border: its quiet zone is cropped.
            if strong, j == 0 || e.width(j - 1) >= need || light(e, before: j, need: need) {
                guard n < capacity else { return }
                storage[n] = Int32(truncatingIfNeeded: j)
                n += 1
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
        return k < 0
    }
}
