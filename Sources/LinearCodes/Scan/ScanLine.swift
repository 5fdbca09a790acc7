import Imaging

/// One straight scan line across the frame, stepping one pixel at a time along its major axis.
///
/// A line whose direction is within 45° of the x axis visits every column once: sample `i` is at
/// `x = start + i`, `y = minor0 + i · slope` (rounded to the nearest row); steeper lines do the same
/// with rows. Samples are thus `sqrt(1 + slope²)` pixels apart, evenly, and the rounding moves a
/// sample only across the line, along the bars it crosses, where it changes nothing. That keeps the
/// sampler to one load per sample. Diagonals would put samples 1.41 px apart, too coarse for small
/// modules, so they walk a staircase instead (`halfSteps`: x, then y, then x, …), which puts samples
/// 0.71 px apart along the line, every other one half a diagonal off it — along the bars again.
/// Lines of one direction are named by `intercept`, the minor
/// coordinate where the line meets major coordinate 0, so that parallel lines are easy to space and
/// to revisit (a neighbour of a line that read something is `intercept ± a few pixels`).
struct ScanLine {
    var majorIsX: Bool
    /// Major coordinate of the first sample.
    var start: Int
    /// Number of samples.
    var count: Int
    /// Minor coordinate of the first sample and its change per sample.
    var minor0: Double
    var slope: Double
    /// Diagonal staircase: sample `2k` at major step `k`, sample `2k + 1` one step further on the major
    /// axis only (see above).
    var halfSteps: Bool
    /// Index into `ScanDirections`.
    var direction: Int
    var intercept: Double

    /// Steps along the major axis (a staircase takes two samples per step, the last one alone).
    var steps: Int { halfSteps ? (count + 1) / 2 : count }

    /// The part of the line whose major coordinates lie in `low ... high`, or nil when none does.
    func restricted(major low: Int, _ high: Int) -> ScanLine? {
        let first = max(start, low), last = min(start + steps - 1, high)
        guard last >= first else { return nil }
        var part = self
        part.start = first
        part.count = halfSteps ? 2 * (last - first + 1) - 1 : last - first + 1
        part.minor0 = minor0 + Double(first - start) * slope
        return part
    }

    /// The sample position along the line level with image point `p` (the inverse of `point(at:)` on
    /// the major axis; `p` need not lie on the line).
    func position(of p: PointF) -> Double {
        let k = (majorIsX ? p.x : p.y) - 0.5 - Double(start)
        return halfSteps ? 2 * k : k
    }

    /// The image point (pixel centres at +0.5, as `PointF` expects) at sample position `t`.
    @inline(__always)
    func point(at t: Double) -> PointF {
        let k = halfSteps ? t * 0.5 : t
        let major = Double(start) + k, minor = minor0 + k * slope
        return majorIsX ? PointF(major + 0.5, minor + 0.5) : PointF(minor + 0.5, major + 0.5)
    }
}

/// The scan directions, in the order a frame visits them: the two axes first (most labels are held
/// square to the camera), then the diagonals, then the four in-between angles.
///
/// Bars read at an angle α from the line's perpendicular still decode (every width grows by 1/cos α),
/// but the line must stay inside the bars across the whole symbol: `width · tan α < height`. Eight
/// directions 22.5° apart keep α ≤ 11.25° (tan α ≈ 0.2), enough for labels whose bars are at least a
/// fifth as tall as the symbol is wide.
enum ScanDirections {
    static let count = 8
    private static let tan22 = 0.41421356237309503

    /// Whether direction `d` steps along x (within 45° of horizontal), and its slope (minor per major).
    @inline(__always)
    static func axis(_ d: Int) -> (majorIsX: Bool, slope: Double) {
        switch d {
        case 0: return (true, 0)        // 0°
        case 1: return (false, 0)       // 90°
        case 2: return (true, 1)        // 45°
        case 3: return (true, -1)       // 135° (read either way)
        case 4: return (true, tan22)    // 22.5°
        case 5: return (false, tan22)   // 67.5°
        case 6: return (false, -tan22)  // 112.5°
        default: return (true, -tan22)  // 157.5°
        }
    }

    /// Whether `d` is one of the two 45° diagonals (sampled as staircases).
    @inline(__always)
    static func isDiagonal(_ d: Int) -> Bool { d == 2 || d == 3 }

    /// The two directions 22.5° either side of `d`.
    static func neighbours(_ d: Int) -> (Int, Int) {
        switch d {
        case 0: (4, 7)   // 0°: 22.5°, 157.5°
        case 1: (5, 6)   // 90°: 67.5°, 112.5°
        case 2: (4, 5)   // 45°: 22.5°, 67.5°
        case 3: (6, 7)   // 135°: 112.5°, 157.5°
        case 4: (0, 2)
        case 5: (1, 2)
        case 6: (1, 3)
        default: (0, 3)
        }
    }

    /// Intercept of the line of direction `d` through the image point `p` (pixel centres at +0.5).
    static func intercept(_ d: Int, through p: PointF) -> Double {
        let a = axis(d)
        let x = p.x - 0.5, y = p.y - 0.5
        return a.majorIsX ? y - a.slope * x : x - a.slope * y
    }

    /// Range of intercepts whose lines cross a `width` × `height` frame, and the intercept change that
    /// moves a line by one pixel perpendicular to itself.
    static func interceptRange(_ d: Int, width: Int, height: Int) -> (low: Double, high: Double, perPixel: Double) {
        let a = axis(d)
        let majorMax = Double((a.majorIsX ? width : height) - 1)
        let minorMax = Double((a.majorIsX ? height : width) - 1)
        // minor = c + slope · major must reach [0, minorMax] for some major in [0, majorMax].
        let low = a.slope >= 0 ? -a.slope * majorMax : 0
        let high = a.slope >= 0 ? minorMax : minorMax - a.slope * majorMax
        return (low, high, (1 + a.slope * a.slope).squareRoot())
    }

    /// The line of direction `d` through `intercept`, clipped to the frame, or nil when fewer than
    /// `minCount` samples fall inside. Every sample, rounded, lies inside the frame.
    /// `band` pixels on each side of the line must also lie inside (for `LineSampler`'s band average).
    static func line(_ d: Int, intercept c: Double, width: Int, height: Int, band: Int = 0,
                     minCount: Int = 2) -> ScanLine? {
        let a = axis(d)
        let majorSize = a.majorIsX ? width : height
        let minorSize = a.majorIsX ? height : width
        guard majorSize >= 1, minorSize >= 1, c.isFinite else { return nil }
        // Rounded minor coordinate must stay in [0, minorSize - 1]: c + slope·m in [-0.5, minorSize - 0.5).
        var lowMajor = 0.0, highMajor = Double(majorSize - 1)
        let lower = -0.5 + Double(band), upper = Double(minorSize - band) - 0.5 - 1e-6
        guard upper > lower else { return nil }
        if a.slope == 0 {
            guard c >= lower, c <= upper else { return nil }
        } else {
            var m0 = (lower - c) / a.slope, m1 = (upper - c) / a.slope
            if m0 > m1 { swap(&m0, &m1) }
            lowMajor = max(lowMajor, m0)
            highMajor = min(highMajor, m1)
        }
        guard highMajor >= lowMajor,
              let first = checkedFloor((lowMajor - 1e-9).rounded(.up)),
              let last = checkedFloor((highMajor + 1e-9).rounded(.down)),
              last - first + 1 >= max(2, minCount) else { return nil }
        let halfSteps = abs(a.slope) == 1
        let steps = last - first + 1
        return ScanLine(majorIsX: a.majorIsX, start: first, count: halfSteps ? 2 * steps - 1 : steps,
                        minor0: c + a.slope * Double(first), slope: a.slope, halfSteps: halfSteps, direction: d,
                        intercept: c)
    }
}
