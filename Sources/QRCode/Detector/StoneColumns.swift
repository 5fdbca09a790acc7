import Imaging

/// What the vertical cross-checks of one finder scan have learnt about the columns of the plane: per
/// column, one stretch of rows known to hold the same plane byte (an ink run in some polarity).
///
/// A bar of a 1D code passes the 1:1:3:1:1 row test on row after row, and each vertical cross-check
/// walks the same bar up (or down) until it runs past the allowed length. With the stretch remembered,
/// the next check on that column walks only the rows between its start and the stretch, then jumps
/// over it: a few pixels instead of the whole run. Every stretch is a fact about the current plane (the
/// walk saw those pixels), so the runs measured, and every decision, stay exactly those of a plain walk.
/// Valid for one plane: `reset` at the start of each scan.
struct StoneColumns {
    private let tops: UnsafeMutablePointer<Int32>
    private let bottoms: UnsafeMutablePointer<Int32>
    private let values: UnsafeMutablePointer<UInt8>
    private let capacity: Int

    init(arena: ScanArena, maxWidth: Int) {
        capacity = max(1, maxWidth)
        tops = arena.reserve(Int32.self, count: capacity).baseAddress.unsafelyUnwrapped
        bottoms = arena.reserve(Int32.self, count: capacity).baseAddress.unsafelyUnwrapped
        values = arena.reserve(UInt8.self, count: capacity).baseAddress.unsafelyUnwrapped
    }

    /// Forgets every stretch (columns 0 ..< width, at most the capacity).
    func reset(width: Int) {
        // Safe: width is clamped to the capacity. An empty stretch has its bottom above its top.
        for x in 0..<min(width, capacity) {
            tops[x] = 1
            bottoms[x] = 0
        }
    }

    /// The rows top … bottom of column `x` known to hold `value`, if any.
    @inline(__always)
    func stretch(_ x: Int, value: UInt8) -> (top: Int, bottom: Int)? {
        guard x >= 0, x < capacity else { return nil }
        // Safe: 0 <= x < capacity.
        let top = Int(tops[x]), bottom = Int(bottoms[x])
        return bottom >= top && values[x] == value ? (top, bottom) : nil
    }

    /// Notes that rows `top` … `bottom` of column `x` hold `value`: joined to the stretch already known
    /// there when they overlap or touch, else in its place.
    @inline(__always)
    func record(_ x: Int, top: Int, bottom: Int, value: UInt8) {
        guard x >= 0, x < capacity, bottom >= top else { return }
        // Safe: 0 <= x < capacity.
        var t = top, b = bottom
        let oldTop = Int(tops[x]), oldBottom = Int(bottoms[x])
        if oldBottom >= oldTop, values[x] == value, oldTop <= b &+ 1, t <= oldBottom &+ 1 {
            t = min(t, oldTop)
            b = max(b, oldBottom)
        }
        tops[x] = Int32(truncatingIfNeeded: t)
        bottoms[x] = Int32(truncatingIfNeeded: b)
        values[x] = value
    }
}
