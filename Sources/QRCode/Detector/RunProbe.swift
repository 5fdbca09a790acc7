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
    /// With `ratioTenths` (and no `clampOuter`), a caller that rejects runs failing
    /// `isFinderRatio(tenths: ratioTenths)` anyway lets the probe fail early instead: the stone is measured
    /// first, and the rings are cut off at the longest that could still pass (`FiveRuns.ringLimits`).
    /// A section that passes the test comes out the same.
    func crossSection(x: Int, y: Int, dx: Int, dy: Int, maxRun: Int32, clampOuter: Bool = false,
                      ratioTenths: Int? = nil) -> (runs: FiveRuns, centerOffset: Float)? {
        guard ink(x, y) == 1 else { return nil }
        let start = bits + (y &* width &+ x) // Safe: (x, y) is inside (checked by ink).
        let delta = dy &* width &+ dx
        // Steps each way before the line leaves the image.
        @inline(__always) func room(_ d: Int, _ at: Int, _ size: Int) -> Int {
            d > 0 ? size &- 1 &- at : d < 0 ? at : Int.max
        }
        var back = Ray(pixel: start, delta: 0 &- delta, left: min(room(-dx, x, width), room(-dy, y, height)),
                       polarity: polarity)
        var ahead = Ray(pixel: start, delta: delta, left: min(room(dx, x, width), room(dy, y, height)), polarity: polarity)
        if let ratioTenths {
            return Self.measure(&back, &ahead, maxRun: maxRun, ratioTenths: ratioTenths)
        }
        // Backwards: rest of the stone, light ring, outer dark ring; then forwards.
        guard let b = back.stone(maxRun: maxRun),
              let r1 = back.run(of: 0, maxRun: maxRun),
              let r0 = back.run(of: 1, maxRun: maxRun, mayHitEdge: true, clamp: clampOuter),
              let a = ahead.stone(maxRun: maxRun),
              let r3 = ahead.run(of: 0, maxRun: maxRun),
              let r4 = ahead.run(of: 1, maxRun: maxRun, mayHitEdge: true, clamp: clampOuter) else { return nil }
        let runs = FiveRuns(r0: r0, r1: r1, r2: b &+ a &+ 1, r3: r3, r4: r4)
        return (runs, Float(a - b) * 0.5)
    }

    /// The section from the rays back and ahead of its centre, stone first, rings cut off at the longest
    /// that could pass `isFinderRatio(tenths: ratioTenths)`. `knownBack`/`knownAhead`: steps known to be
    /// ink along each ray (`Ray.stone`).
    @inline(__always)
    fileprivate static func measure(_ back: inout Ray, _ ahead: inout Ray, maxRun: Int32, ratioTenths: Int,
                                    knownBack: (from: Int, to: Int)? = nil,
                                    knownAhead: (from: Int, to: Int)? = nil) -> (runs: FiveRuns, centerOffset: Float)? {
        guard let b = back.stone(maxRun: maxRun, known: knownBack),
              let a = ahead.stone(maxRun: maxRun, known: knownAhead) else { return nil }
        let stone = b &+ a &+ 1
        let limits = FiveRuns.ringLimits(stone: stone, tenths: ratioTenths)
        let inner = min(maxRun, limits.inner), outer = min(maxRun, limits.outer)
        guard let r1 = back.run(of: 0, maxRun: inner),
              let r0 = back.run(of: 1, maxRun: outer, mayHitEdge: true),
              let r3 = ahead.run(of: 0, maxRun: inner),
              let r4 = ahead.run(of: 1, maxRun: outer, mayHitEdge: true) else { return nil }
        return (FiveRuns(r0: r0, r1: r1, r2: stone, r3: r3, r4: r4), Float(a - b) * 0.5)
    }
}

extension RunProbe {
    /// `crossSection(x:y:dx: 0, dy: 1, maxRun:ratioTenths:)`, the same runs and failures, with the two walks
    /// through the stone jumping over the rows `columns` knows to be ink in this column, and telling it the
    /// rows they found to be ink.
    @inline(__always)
    func verticalSection(x: Int, y: Int, maxRun: Int32, ratioTenths: Int,
                         columns: StoneColumns) -> (runs: FiveRuns, centerOffset: Float)? {
        guard ink(x, y) == 1 else { return nil }
        let start = bits + (y &* width &+ x) // Safe: (x, y) is inside (checked by ink).
        let inkByte = 1 ^ polarity
        // Step s of the upward ray is row y − s, of the downward one row y + s.
        var up = Ray(pixel: start, delta: 0 &- width, left: y, polarity: polarity)
        var down = Ray(pixel: start, delta: width, left: height &- 1 &- y, polarity: polarity)
        var knownUp: (from: Int, to: Int)? = nil, knownDown: (from: Int, to: Int)? = nil
        if let known = columns.stretch(x, value: inkByte) {
            if known.top <= y &- 1 { knownUp = (max(1, y &- known.bottom), y &- known.top) }
            if known.bottom >= y &+ 1 { knownDown = (max(1, known.top &- y), known.bottom &- y) }
        }
        let section = Self.measure(&up, &down, maxRun: maxRun, ratioTenths: ratioTenths,
                                   knownBack: knownUp, knownAhead: knownDown)
        columns.record(x, top: y &- up.inkSteps, bottom: y &+ down.inkSteps, value: inkByte)
        return section
    }
}

/// A walk from a pixel along a fixed step, as a pointer and the number of steps left inside the image:
/// no coordinates and no bounds arithmetic per pixel, and raw plane bytes compared with the byte that
/// stands for the wanted value in the probe's polarity.
fileprivate struct Ray {
    /// The pixel the ray stands on.
    var pixel: UnsafePointer<UInt8>
    let delta: Int
    /// Steps left before the ray would leave the image.
    var left: Int
    let polarity: UInt8
    /// After `stone`: the steps found (or known) to be ink.
    var inkSteps = 0

    init(pixel: UnsafePointer<UInt8>, delta: Int, left: Int, polarity: UInt8) {
        self.pixel = pixel
        self.delta = delta
        self.left = left
        self.polarity = polarity
    }

    /// Ink pixels after the start (excluding it) up to the first light one, which the ray then stands on.
    /// Nil when the line leaves the image first or they exceed `maxRun`. `known`: steps from … to (1-based,
    /// inside the image) known to be ink, walked over in one jump once the steps before them are.
    /// Afterwards `inkSteps` counts the steps found (or known) to be ink, whether the run counted or not.
    @inline(__always)
    mutating func stone(maxRun: Int32, known: (from: Int, to: Int)? = nil) -> Int32? {
        let ink = 1 ^ polarity
        // The walk may take `left` steps inside the image, and maxRun + 1 ink pixels fail it.
        let limit = min(left, Int(maxRun) &+ 1)
        var p = pixel, k = 0
        var end = limit
        if let known, known.from <= limit { end = known.from &- 1 } // walk up to the known stretch
        while true {
            while k < end {
                p += delta // Safe: k < left.
                if p.pointee != ink {
                    pixel = p
                    left &-= k &+ 1
                    inkSteps = k
                    return Int32(truncatingIfNeeded: k)
                }
                k &+= 1
            }
            guard end < limit, let known else { // walked the whole allowance
                inkSteps = k
                return nil
            }
            // Steps known.from … known.to are ink too: as far as a walk over them would get.
            guard known.to < limit else {
                inkSteps = max(k, min(known.to, left))
                return nil
            }
            p += delta &* (known.to &- k) // Safe: known.to < left.
            k = known.to
            end = limit
        }
    }

    /// Length of the run of `value` starting at the pixel the ray stands on (which is inside the image),
    /// leaving the ray on the first pixel after it. A run that reaches the image edge counts when
    /// `mayHitEdge` (an outer ring at the border); one longer than `maxRun` fails, or counts `maxRun`
    /// with `clamp`.
    @inline(__always)
    mutating func run(of value: UInt8, maxRun: Int32, mayHitEdge: Bool = false, clamp: Bool = false) -> Int32? {
        let raw = value ^ polarity
        guard pixel.pointee == raw else { return nil } // an empty run
        guard maxRun >= 1 else { return clamp ? maxRun : nil }
        // The run so far is 1; each further pixel of it adds 1, and reaching maxRun + 1 fails it.
        let limit = min(left, Int(maxRun))
        var p = pixel, k = 0
        while k < limit {
            p += delta // Safe: k < left.
            if p.pointee != raw {
                pixel = p
                left &-= k &+ 1
                return Int32(truncatingIfNeeded: k &+ 1)
            }
            k &+= 1
        }
        if Int(maxRun) <= left { return clamp ? maxRun : nil } // the run grew past maxRun
        return mayHitEdge ? Int32(truncatingIfNeeded: left &+ 1) : nil // it ran into the edge
    }
}
