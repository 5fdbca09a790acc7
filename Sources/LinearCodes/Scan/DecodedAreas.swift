import Imaging

/// The 2D symbols already decoded in the frame (the QR reader runs before the linear one), where no
/// linear symbol can be. Their modules look like bars to every line that crosses them: the linear
/// reader samples only the parts of its lines outside them (`segments`) and follows no hint into them.
/// Over a 139-image mix of the sample corpus that is −8.5 % instructions per frame (all formats), with
/// reads identical on the corpus at 0° and 180° and on 1,240 synthetic frames.
final class DecodedAreas {
    static let capacity = 8
    /// Steps of a line's crossing, at each end, that are sampled all the same: the decoded corners lie on
    /// the symbol's edge, and a symbol beside it keeps its quiet zone this way.
    static let margin = 2
    private let quads: UnsafeMutablePointer<Quad>
    /// Areas this frame (beyond `capacity` they are not noted: the reader then only does more work).
    private(set) var count = 0
    /// Major-coordinate ranges of a line: the crossings, then the segments outside them.
    private let crossingLow: UnsafeMutablePointer<Int>
    private let crossingHigh: UnsafeMutablePointer<Int>
    private let segmentLow: UnsafeMutablePointer<Int>
    private let segmentHigh: UnsafeMutablePointer<Int>

    init(arena: ScanArena) {
        quads = arena.reserve(Quad.self, count: DecodedAreas.capacity).baseAddress.unsafelyUnwrapped
        quads.initialize(repeating: .zero, count: DecodedAreas.capacity)
        crossingLow = arena.reserve(Int.self, count: DecodedAreas.capacity).baseAddress.unsafelyUnwrapped
        crossingHigh = arena.reserve(Int.self, count: DecodedAreas.capacity).baseAddress.unsafelyUnwrapped
        segmentLow = arena.reserve(Int.self, count: DecodedAreas.capacity + 1).baseAddress.unsafelyUnwrapped
        segmentHigh = arena.reserve(Int.self, count: DecodedAreas.capacity + 1).baseAddress.unsafelyUnwrapped
    }

    func reset() { count = 0 }

    func add(_ quad: Quad) {
        guard count < DecodedAreas.capacity else { return }
        // Safe: 0 <= count < capacity.
        quads[count] = quad
        count += 1
    }

    /// Whether `p` lies inside one of the areas.
    @inline(__always)
    func contains(_ p: PointF) -> Bool {
        for i in 0..<count where quads[i].contains(p) { return true }
        return false
    }

    /// Splits `line` into the segments outside the areas; returns how many (`segment(_:)` gives them,
    /// as major-coordinate ranges for `ScanLine.restricted`). A line that crosses none is one segment.
    func segments(of line: ScanLine) -> Int {
        let first = line.start, last = line.start + line.steps - 1
        var crossings = 0
        for i in 0..<count {
            guard let k = crossing(quads[i], line) else { continue }
            let low = first + k.low + DecodedAreas.margin, high = first + k.high - DecodedAreas.margin
            guard high >= low else { continue }
            // Insertion by start (at most `capacity` entries). Safe: crossings < capacity.
            var j = crossings
            while j > 0, crossingLow[j - 1] > low {
                crossingLow[j] = crossingLow[j - 1]
                crossingHigh[j] = crossingHigh[j - 1]
                j -= 1
            }
            crossingLow[j] = low
            crossingHigh[j] = high
            crossings += 1
        }
        var n = 0
        var next = first // first major coordinate not yet covered
        for i in 0..<crossings {
            if crossingLow[i] > next {
                segmentLow[n] = next
                segmentHigh[n] = min(last, crossingLow[i] - 1)
                n += 1
            }
            next = max(next, crossingHigh[i] + 1)
            if next > last { break }
        }
        if next <= last {
            segmentLow[n] = next
            segmentHigh[n] = last
            n += 1
        }
        return n
    }

    /// Segment `i` of the last `segments(of:)` call.
    @inline(__always)
    func segment(_ i: Int) -> (low: Int, high: Int) {
        // Safe: callers keep 0 <= i < the count returned, which is at most capacity + 1.
        (segmentLow[i], segmentHigh[i])
    }

    /// The steps `k` (from the line's first, whole steps) whose points lie inside `quad`, or nil.
    /// The line's points are P0 + k·D; the quad is convex, so the inside is one interval, clipped edge
    /// by edge (Cyrus–Beck).
    private func crossing(_ quad: Quad, _ line: ScanLine) -> (low: Int, high: Int)? {
        let p0 = line.point(at: 0)
        let d = line.point(at: line.halfSteps ? 2 : 1) - p0
        let corners = (quad.topLeft, quad.topRight, quad.bottomRight, quad.bottomLeft)
        // Orientation of the corners (the reader gives them in reading order, either way round when
        // the symbol was mirrored).
        let area = (corners.1 - corners.0).cross(corners.2 - corners.0) + (corners.2 - corners.0).cross(corners.3 - corners.0)
        guard area.isFinite, area != 0 else { return nil }
        let o = area > 0 ? 1.0 : -1.0
        var low = 0.0, high = Double(line.steps - 1)
        for e in 0..<4 {
            let a = e == 0 ? corners.0 : e == 1 ? corners.1 : e == 2 ? corners.2 : corners.3
            let b = e == 0 ? corners.1 : e == 1 ? corners.2 : e == 2 ? corners.3 : corners.0
            let g0 = o * (b - a).cross(p0 - a), g1 = o * (b - a).cross(d)
            if g1 == 0 {
                if g0 < 0 { return nil }
            } else if g1 > 0 {
                low = max(low, -g0 / g1)
            } else {
                high = min(high, -g0 / g1)
            }
        }
        guard low.isFinite, high.isFinite, high >= low,
              let l = checkedFloor(low.rounded(.up)), let h = checkedFloor(high.rounded(.down)), h >= l else { return nil }
        return (l, h)
    }
}
