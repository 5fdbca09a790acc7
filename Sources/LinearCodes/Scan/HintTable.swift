import Imaging

/// Places where a scan line began to read a symbol and lost it: a start pattern and a few characters,
/// then a mismatch. That is what a line crossing a symbol at too steep an angle (or crossing only its
/// corner) sees, so the reader comes back with lines of the neighbouring directions through the spot.
struct Hint {
    var direction = 0
    var intercept = 0.0
    /// A point inside the symbol (halfway along the part that did read).
    var point = PointF.zero
}

/// Fixed-capacity list of hints for one frame. Hints near an existing one of the same direction are
/// dropped: a symbol seen by several coarse lines needs one refinement, not several.
final class HintTable {
    let capacity: Int
    private let storage: UnsafeMutablePointer<Hint>
    private(set) var count = 0
    /// Hints dropped because the table was full (the frame gets no refinement for them).
    private(set) var overflowCount = 0

    /// Two hints closer than this (pixels) are one.
    static let mergeDistance = 40.0

    init(arena: ScanArena, capacity: Int) {
        self.capacity = max(1, capacity)
        storage = arena.reserve(Hint.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        storage.initialize(repeating: Hint(), count: self.capacity)
    }

    func reset() {
        count = 0
        overflowCount = 0
    }

    @inline(__always)
    subscript(i: Int) -> Hint {
        // Safe: callers keep 0 <= i < count.
        storage[i]
    }

    func add(_ hint: Hint) {
        for i in 0..<count {
            let h = storage[i]
            if h.direction == hint.direction, h.point.distance(to: hint.point) < HintTable.mergeDistance { return }
        }
        guard count < capacity else {
            overflowCount += 1
            return
        }
        storage[count] = hint
        count += 1
    }
}
