import Imaging

/// Lines of one direction whose second looks wait until every coarse line of that direction was read.
///
/// The second looks (other edge placements, paper-level crossings, a wider band) cost a line's decode
/// several times over, and most lines that need them cross a symbol that other lines read anyway: a
/// 1D frame is read top to bottom, and the first lines through a symbol often cross only its ragged
/// top. Deferred, those looks are skipped once the symbol is read and settled; every other deferred
/// line gets them as before (`LineReader.runDeferred`). Fixed capacity, from the arena.
final class DeferredLines {
    struct Entry {
        var line: ScanLine
        var intercept: Double
        var majorLow = 0
        var majorHigh = 0
        var hasRange = false
        var serial: Int32
        var best: LineReader.Progress
    }

    let capacity: Int
    private let focusCapacity: Int
    private let entries: UnsafeMutablePointer<Entry>
    private let focuses: UnsafeMutablePointer<LineReader.Focus>
    private let smallStartCapacity: Int
    private let smallStarts: UnsafeMutablePointer<LineReader.Focus>
    private(set) var count = 0
    /// Entry indices, most characters first (`sortByProgress`).
    private let order: UnsafeMutablePointer<Int32>

    init(arena: ScanArena, capacity: Int, focusCapacity: Int, smallStartCapacity: Int) {
        self.capacity = max(1, capacity)
        self.focusCapacity = focusCapacity
        self.smallStartCapacity = smallStartCapacity
        smallStarts = arena.reserve(LineReader.Focus.self, count: self.capacity * smallStartCapacity).baseAddress.unsafelyUnwrapped
        smallStarts.initialize(repeating: LineReader.Focus(), count: self.capacity * smallStartCapacity)
        order = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        entries = arena.reserve(Entry.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        focuses = arena.reserve(LineReader.Focus.self, count: self.capacity * focusCapacity).baseAddress.unsafelyUnwrapped
        focuses.initialize(repeating: LineReader.Focus(), count: self.capacity * focusCapacity)
    }

    func reset() { count = 0 }

    @inline(__always)
    subscript(i: Int) -> Entry {
        // Safe: callers keep 0 <= i < count.
        entries[i]
    }

    /// Keeps a line, its focus list and its small-module starts; false when full (the caller looks at
    /// once).
    func add(_ line: ScanLine, intercept: Double, majorRange: (low: Int, high: Int)?, serial: Int32,
             best: LineReader.Progress, focuses from: UnsafeMutablePointer<LineReader.Focus>,
             smallStarts small: UnsafeMutablePointer<LineReader.Focus>) -> Bool {
        guard count < capacity else { return false }
        var entry = Entry(line: line, intercept: intercept, serial: serial, best: best)
        if let majorRange {
            entry.majorLow = majorRange.low
            entry.majorHigh = majorRange.high
            entry.hasRange = true
        }
        // Safe: count < capacity; Entry is a plain value (no references), so writing over an earlier
        // frame's entry needs no deinitialization.
        (entries + count).initialize(to: entry)
        let slot = focuses + count * focusCapacity
        for f in 0..<min(best.focusCount, focusCapacity) { slot[f] = from[f] }
        let smallSlot = smallStarts + count * smallStartCapacity
        for f in 0..<min(best.smallCount, smallStartCapacity) { smallSlot[f] = small[f] }
        count += 1
        return true
    }

    /// The index of the `k`-th entry in `sortByProgress` order.
    @inline(__always)
    func entryIndex(_ k: Int) -> Int { Int(order[k]) }

    /// Orders the entries by the characters their lines read before breaking off, most first (stable):
    /// those lines read most often on a second look, and once they have read a symbol the others on it
    /// are skipped.
    func sortByProgress() {
        // Insertion sort: at most `capacity` (48) entries.
        for i in 0..<count {
            let c = entries[i].best.characters
            var k = i
            while k > 0, entries[Int(order[k - 1])].best.characters < c {
                order[k] = order[k - 1]
                k -= 1
            }
            order[k] = Int32(truncatingIfNeeded: i)
        }
    }

    /// Copies entry `i`'s focus list and small-module starts back into the reader's lists.
    func restoreFocuses(of i: Int, into to: UnsafeMutablePointer<LineReader.Focus>,
                        smallStarts small: UnsafeMutablePointer<LineReader.Focus>) {
        let slot = focuses + i * focusCapacity
        for f in 0..<min(entries[i].best.focusCount, focusCapacity) { to[f] = slot[f] }
        let smallSlot = smallStarts + i * smallStartCapacity
        for f in 0..<min(entries[i].best.smallCount, smallStartCapacity) { small[f] = smallSlot[f] }
    }
}
