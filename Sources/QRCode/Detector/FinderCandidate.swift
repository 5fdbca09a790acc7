import Imaging

/// A place that looks like a finder pattern (the 7×7 "eye": dark 1, light 1, dark 3, light 1, dark 1
/// along any line through its centre), merged over the scan lines that crossed it.
public struct FinderCandidate: Sendable {
    /// Centre of the 3×3 stone, in pixels.
    public var center: PointF
    /// Estimated module size in pixels (the eye is 7 modules across).
    public var moduleSize: Double
    /// Number of scan rows that confirmed it; one-row hits are weak.
    public var hits: Int32
    /// 0 for dark-on-light, 1 for a light-on-dark (inverted) symbol.
    public var polarity: UInt8
    /// Set when a decoded symbol used this eye, so that it is not tried again this frame.
    public var isUsed: Bool

    public init(center: PointF, moduleSize: Double, hits: Int32, polarity: UInt8) {
        self.center = center
        self.moduleSize = moduleSize
        self.hits = hits
        self.polarity = polarity
        isUsed = false
    }

    /// Counts `weight` more scan lines through this eye, found at `newCenter` with `newModuleSize`: both
    /// become the mean over all its hits (a hit standing for rows skipped weighs as many).
    @inline(__always)
    mutating func addHits(_ weight: Int32, center newCenter: PointF, moduleSize newModuleSize: Double) {
        let n = Double(hits), w = Double(weight)
        center = PointF((center.x * n + newCenter.x * w) / (n + w), (center.y * n + newCenter.y * w) / (n + w))
        moduleSize = (moduleSize * n + newModuleSize * w) / (n + w)
        hits &+= weight
    }
}

/// The five run lengths of a finder cross-section (outer dark, light, stone, light, outer dark).
struct FiveRuns {
    var r0: Int32 = 0, r1: Int32 = 0, r2: Int32 = 0, r3: Int32 = 0, r4: Int32 = 0

    var total: Int32 { r0 &+ r1 &+ r2 &+ r3 &+ r4 }

    /// Whether the runs are in the 1:1:3:1:1 proportion within `tenths`/10 of a module per 1-run and
    /// 2.5×`tolerance` for the stone. Blur shifts dark/light boundaries, so a tolerance near 0.5–0.7 module
    /// keeps blurred eyes and rejects most text and texture. Integer arithmetic on the totals (this runs for
    /// every window of five runs in every scanned row): |7·r − T| < tol·T for a 1-run of a T-pixel window,
    /// tested as the range (10 − tol)·T < 70·r < (10 + tol)·T (both sides ×10), and the stone's
    /// 4·|7·r − 3·T| < tol·T as (12 − tol)·T < 28·r < (12 + tol)·T.
    @inline(__always)
    func isFinderRatio(tenths: Int) -> Bool {
        // Quick necessary condition (most windows in texture fail it): the stone is the longest run.
        guard r2 >= r1, r2 >= r3, r2 &* 2 >= r0, r2 &* 2 >= r4 else { return false }
        let total = Int(self.total)
        guard total >= 7 else { return false }
        // Runs are at most a row wide (< 2^16), so none of these products can overflow.
        let low = (10 &- tenths) &* total, high = (10 &+ tenths) &* total
        @inline(__always) func ok(_ r: Int32) -> Bool {
            let scaled = 70 &* Int(r)
            return scaled > low && scaled < high
        }
        let stone = 28 &* Int(r2)
        return ok(r0) && ok(r1) && ok(r3) && ok(r4) && stone > (12 &- tenths) &* total && stone < (12 &+ tenths) &* total
    }

    /// The longest light ring (`inner`) and outer dark ring (`outer`) a section with a stone of `stone`
    /// pixels can have and still pass `isFinderRatio(tenths:)`: rings are at most the stone (inner) or
    /// twice it (outer) by the quick test, and 70·r < (10 + tol)·T with 28·r₂ > (12 − tol)·T gives
    /// r < 2·(10 + tol)·r₂ / (5·(12 − tol)) (16/15 of the stone for a tolerance of 6).
    @inline(__always)
    static func ringLimits(stone: Int32, tenths: Int) -> (inner: Int32, outer: Int32) {
        var inner = stone, outer = stone &* 2
        if tenths < 12 {
            let bound = Int32(truncatingIfNeeded: (2 &* (10 &+ tenths) &* Int(stone)) / (5 &* (12 &- tenths)))
            inner = min(inner, bound)
            outer = min(outer, bound)
        }
        return (inner, outer)
    }
}
