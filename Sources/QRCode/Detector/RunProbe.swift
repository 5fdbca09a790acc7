import Imaging

/// Walks a binarized plane along a straight pixel line through a point and measures the finder
/// cross-section there: the stone's run through the point, then the light and dark runs on each side.
struct RunProbe {
    let bits: UnsafePointer<UInt8>
    let width: Int
    let height: Int
    /// XOR applied to every pixel: 0 finds dark-on-light, 1 light-on-dark.
    let polarity: UInt8

    init(plane: BitPlane, polarity: UInt8) {
        bits = UnsafePointer(plane.bits)
        width = plane.width
        height = plane.height
        self.polarity = polarity
    }

    /// 1 when (x, y) is ink in this probe's polarity; nil when outside the image.
    @inline(__always)
    func ink(_ x: Int, _ y: Int) -> UInt8? {
        guard UInt(bitPattern: x) < UInt(bitPattern: width), UInt(bitPattern: y) < UInt(bitPattern: height) else {
            return nil
        }
        return bits[y &* width &+ x] ^ polarity // Safe: bounds checked above.
    }

    /// Runs D L D L D through (x, y) along (dx, dy) ∈ {-1, 0, 1}². (x, y) must be ink. Each run is cut off at
    /// `maxRun` pixels (then the probe fails). Returns the runs and the centre of the stone as an offset in
    /// steps from (x, y) (half-steps possible), or nil.
    /// With `clampOuter`, the outer dark runs stop counting at `maxRun` instead of failing (they may run on
    /// into data modules, as around an alignment pattern).
    func crossSection(x: Int, y: Int, dx: Int, dy: Int, maxRun: Int32,
                      clampOuter: Bool = false) -> (runs: FiveRuns, centerOffset: Float)? {
        guard ink(x, y) == 1 else { return nil }
        var runs = FiveRuns()
        // Backwards: rest of the stone, light ring, outer dark ring.
        var cx = x, cy = y
        var back: Int32 = 0 // stone pixels before (x, y), excluding it
        while true {
            cx &-= dx; cy &-= dy
            guard let v = ink(cx, cy) else { return nil }
            if v != 1 { break }
            back &+= 1
            if back > maxRun { return nil }
        }
        guard let r1 = runLength(&cx, &cy, -dx, -dy, value: 0, maxRun: maxRun),
              let r0 = runLength(&cx, &cy, -dx, -dy, value: 1, maxRun: maxRun, mayHitEdge: true, clamp: clampOuter) else { return nil }
        // Forwards.
        cx = x; cy = y
        var ahead: Int32 = 0
        while true {
            cx &+= dx; cy &+= dy
            guard let v = ink(cx, cy) else { return nil }
            if v != 1 { break }
            ahead &+= 1
            if ahead > maxRun { return nil }
        }
        guard let r3 = runLength(&cx, &cy, dx, dy, value: 0, maxRun: maxRun),
              let r4 = runLength(&cx, &cy, dx, dy, value: 1, maxRun: maxRun, mayHitEdge: true, clamp: clampOuter) else { return nil }
        runs.r0 = r0; runs.r1 = r1; runs.r2 = back &+ ahead &+ 1; runs.r3 = r3; runs.r4 = r4
        return (runs, Float(ahead - back) * 0.5)
    }

    /// Length of the run of `value` starting at (cx, cy), leaving (cx, cy) on the first pixel after it.
    /// A run that reaches the image edge counts when `mayHitEdge` (an outer ring at the border).
    @inline(__always)
    private func runLength(_ cx: inout Int, _ cy: inout Int, _ dx: Int, _ dy: Int, value: UInt8,
                           maxRun: Int32, mayHitEdge: Bool = false, clamp: Bool = false) -> Int32? {
        var n: Int32 = 0
        while true {
            guard let v = ink(cx, cy) else { return mayHitEdge && n > 0 ? n : nil }
            if v != value { return n > 0 ? n : nil }
            n &+= 1
            if n > maxRun { return clamp ? maxRun : nil }
            cx &+= dx; cy &+= dy
        }
    }
}
