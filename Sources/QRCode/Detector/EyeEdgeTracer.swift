import Imaging

/// A straight line through `point` along unit `direction`.
struct Line2D {
    var point: PointF
    var direction: PointF

    /// Intersection with `other`, or nil when (nearly) parallel.
    func intersection(_ other: Line2D) -> PointF? {
        let denominator = direction.cross(other.direction)
        guard abs(denominator) > 1e-6 else { return nil }
        let t = (other.point - point).cross(other.direction) / denominator
        let p = point + direction * t
        return p.isFinite ? p : nil
    }
}

/// Traces one side of an eye's dark ring and fits a line to it.
///
/// Walking from an eye's centre towards a neighbour crosses three edges: stone → light ring (1), light ring
/// → dark ring (2) and dark ring → outside (3). The side of the ring that faces the neighbour is a straight
/// edge seven modules long, parallel to a whole row or column of the symbol; a line fitted to it and extended
/// follows that row even under strong perspective. Intersecting such lines from the top-right and
/// bottom-left eyes finds the bottom-right region of the symbol, where no eye helps.
struct EyeEdgeTracer {
    let probe: RunProbe
    let scratch: DetectorScratch

    /// The line of edge `edge` (2 or 3) on the side of the eye at `center` that faces along `towards`.
    func sideLine(center: PointF, towards: PointF, module: Double, edge: Int) -> Line2D? {
        let delta = towards - center
        let length = delta.length
        guard length > 0, module >= 0.8, module < 1000, edge >= 1, edge <= 3 else { return nil }
        let d = delta * (1 / length)
        let normal = PointF(-d.y, d.x)
        guard let t0 = edgeDistance(from: center, direction: d, edge: edge, limit: module * 6 + 3) else { return nil }
        // The side of edge 3 spans ±3.5 modules around the centre line, of edge 2 ±2.5; stay inside by a margin.
        let halfSpan = (edge == 3 ? 3.0 : edge == 2 ? 2.0 : 1.0) * module
        let step = max(1.0, module * 0.5)
        let window = max(2.0, module * 0.9)
        let capacity = scratch.edgePoints.count
        let points = scratch.edgePoints.baseAddress.unsafelyUnwrapped
        var count = 0
        points[count] = center + d * t0
        count += 1
        for side in 0..<2 {
            let sign = side == 0 ? 1.0 : -1.0
            var t = t0
            var s = step
            while s <= halfSpan && count < capacity {
                let origin = center + normal * (s * sign)
                guard let found = transition(origin: origin, direction: d, around: t, window: window,
                                             fromInk: edge != 2) else { break }
                t = found
                points[count] = origin + d * found
                count += 1
                s += step
            }
        }
        guard count >= 4 else { return nil }
        return fitLine(UnsafeBufferPointer(start: points, count: count))
    }

    /// Distance from `start` along `direction` to the `edge`-th colour change starting in ink.
    private func edgeDistance(from start: PointF, direction: PointF, edge: Int, limit: Double) -> Double? {
        guard let v0 = inkAt(start), v0 == 1 else { return nil }
        var previous: UInt8 = 1
        var changes = 0
        var t = 0.0
        while t < limit {
            t += 0.5
            guard let v = inkAt(start + direction * t) else { return nil }
            if v != previous {
                changes += 1
                if changes == edge { return t - 0.25 }
                previous = v
            }
        }
        return nil
    }

    /// Position along a ray (within `window` of `around`) where ink turns to light (`fromInk`) or light to
    /// ink, or nil when there is no such change there.
    private func transition(origin: PointF, direction: PointF, around: Double, window: Double, fromInk: Bool) -> Double? {
        let first: UInt8 = fromInk ? 1 : 0
        var t = around - window
        guard var previous = inkAt(origin + direction * t) else { return nil }
        var best: Double?
        while t < around + window {
            t += 0.5
            guard let v = inkAt(origin + direction * t) else { return nil }
            if previous == first && v != first {
                let candidate = t - 0.25
                if best == nil || abs(candidate - around) < abs(best! - around) { best = candidate }
            }
            previous = v
        }
        return best
    }

    @inline(__always)
    private func inkAt(_ p: PointF) -> UInt8? {
        guard let x = checkedFloor(p.x), let y = checkedFloor(p.y) else { return nil }
        return probe.ink(x, y)
    }
}

/// Total least-squares line through points (principal axis of their scatter).
func fitLine(_ points: UnsafeBufferPointer<PointF>) -> Line2D? {
    guard points.count >= 2 else { return nil }
    var mx = 0.0, my = 0.0
    for p in points { mx += p.x; my += p.y }
    let n = Double(points.count)
    mx /= n; my /= n
    var sxx = 0.0, syy = 0.0, sxy = 0.0
    for p in points {
        let dx = p.x - mx, dy = p.y - my
        sxx += dx * dx; syy += dy * dy; sxy += dx * dy
    }
    // Angle of the principal axis: ½·atan2(2sxy, sxx − syy), computed without trig via the eigenvector.
    let trace = sxx + syy
    let det = sxx * syy - sxy * sxy
    let lambda = trace / 2 + ((trace * trace / 4 - det).magnitude).squareRoot()
    var dir = abs(sxy) > 1e-12 ? PointF(lambda - syy, sxy) : (sxx >= syy ? PointF(1, 0) : PointF(0, 1))
    let len = dir.length
    guard len > 0, len.isFinite else { return nil }
    dir = dir * (1 / len)
    return Line2D(point: PointF(mx, my), direction: dir)
}
