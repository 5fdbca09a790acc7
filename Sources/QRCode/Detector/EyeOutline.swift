import Imaging

/// The outer outline of an eye as a quadrilateral, from rays cast out of its centre.
///
/// Along each of 32 directions the ray crosses stone → light ring → dark ring → outside; the last crossing
/// lies on the outline. Whatever the rotation, shear or perspective, the outline is a convex quadrilateral:
/// its corners are the crossing farthest from the centre, the one farthest from that, and the two farthest
/// from the diagonal between them on either side; each side is then refitted by least squares to the
/// crossings between its corners (those near a corner left out), and the refitted sides are intersected.
struct EyeOutline {
    static let rays = 32

    let walker: LineWalker
    /// 32 points of scratch (arena).
    let points: UnsafeMutableBufferPointer<PointF>

    /// The outline's corners named in the symbol's orientation — the one towards −`across` −`down` is the
    /// eye's top-left — or nil when the outline is not a clean quadrilateral.
    func corners(center: PointF, module: Double, across: PointF, down: PointF) -> Quad? {
        guard let (q0, q1, q2, q3) = cornersInAngularOrder(center: center, module: module) else { return nil }
        // Corners run clockwise (y points down), as top-left, top-right, bottom-right, bottom-left do: pick
        // the rotation whose corners point best to where those lie.
        let a = across * (1 / max(across.length, 1e-9)), d = down * (1 / max(down.length, 1e-9))
        let expected = (a * -1 - d, a - d, a + d, d - a)
        @inline(__always) func fit(_ p: PointF, _ e: PointF) -> Double {
            let v = p - center
            return v.dot(e) / max(v.length * e.length, 1e-9)
        }
        var best = Quad(q0, q1, q2, q3), bestScore = -Double.infinity
        for k in 0..<4 {
            let quad = k == 0 ? Quad(q0, q1, q2, q3) : k == 1 ? Quad(q1, q2, q3, q0) : k == 2 ? Quad(q2, q3, q0, q1) : Quad(q3, q0, q1, q2)
            let score = fit(quad.topLeft, expected.0) + fit(quad.topRight, expected.1)
                + fit(quad.bottomRight, expected.2) + fit(quad.bottomLeft, expected.3)
            if score > bestScore {
                bestScore = score
                best = quad
            }
        }
        return best
    }

    /// The outline's corners in angular order (clockwise in image coordinates).
    private func cornersInAngularOrder(center: PointF, module: Double) -> (PointF, PointF, PointF, PointF)? {
        guard points.count >= Self.rays, module >= 0.5 else { return nil }
        let limit = module * 8 + 4
        var n = 0
        // Directions by repeated rotation through 360°/32 (cos and sin of π/16).
        let (c, s) = (0.980_785_280_403_230_4, 0.195_090_322_016_128_27)
        var direction = PointF(1, 0)
        for _ in 0..<Self.rays {
            if let d = walker.distanceToEyeEdge(from: center, direction: direction, limit: limit) {
                points[n] = center + direction * (d - 0.5)
                n += 1
            }
            direction = PointF(direction.x * c - direction.y * s, direction.x * s + direction.y * c)
        }
        guard n >= 20 else { return nil }
        let p = points.baseAddress.unsafelyUnwrapped
        // Corner 0: farthest from the centre; corner 2: farthest from corner 0.
        var c0 = 0
        for i in 1..<n where p[i].distance(to: center) > p[c0].distance(to: center) { c0 = i }
        var c2 = c0
        for i in 0..<n where p[i].distance(to: p[c0]) > p[c2].distance(to: p[c0]) { c2 = i }
        // Corners 1 and 3: farthest from the diagonal, one on each side.
        let diagonal = p[c2] - p[c0]
        var c1 = -1, c3 = -1
        var best1 = 0.0, best3 = 0.0
        for i in 0..<n {
            let side = diagonal.cross(p[i] - p[c0])
            if side > best1 { best1 = side; c1 = i }
            if -side > best3 { best3 = -side; c3 = i }
        }
        guard c1 >= 0, c3 >= 0, c0 != c2 else { return nil }
        // Order the four in angular order around the centre (rays were cast in angular order).
        var idx = (c0, c1, c2, c3)
        sortFour(&idx)
        // Refit each side to the crossings strictly between its corners.
        guard let s0 = side(p, n, from: idx.0, to: idx.1, center: center),
              let s1 = side(p, n, from: idx.1, to: idx.2, center: center),
              let s2 = side(p, n, from: idx.2, to: idx.3, center: center),
              let s3 = side(p, n, from: idx.3, to: idx.0, center: center),
              let q0 = s3.intersection(s0), let q1 = s0.intersection(s1),
              let q2 = s1.intersection(s2), let q3 = s2.intersection(s3) else { return nil }
        // Each refined corner must stay near the crossing it came from (a lost side shows up here).
        let tolerance = module * 2.5 // acute corners of a sheared eye fall between rays
        guard q0.distance(to: p[idx.0]) < tolerance, q1.distance(to: p[idx.1]) < tolerance,
              q2.distance(to: p[idx.2]) < tolerance, q3.distance(to: p[idx.3]) < tolerance else { return nil }
        return (q0, q1, q2, q3)
    }

    /// Line through the crossings from corner `a` to corner `b` (indices in angular order, wrapping),
    /// leaving out the ones next to the corners; the corners themselves when too few remain.
    private func side(_ p: UnsafeMutablePointer<PointF>, _ n: Int, from a: Int, to b: Int, center: PointF) -> Line2D? {
        let count = (b - a + n) % n
        if count >= 4 {
            // Least squares through the inner crossings a+1 … b-1.
            var mx = 0.0, my = 0.0, k = 0
            var i = (a + 1) % n
            while i != b {
                mx += p[i].x; my += p[i].y; k += 1
                i = (i + 1) % n
            }
            mx /= Double(k); my /= Double(k)
            var sxx = 0.0, syy = 0.0, sxy = 0.0
            i = (a + 1) % n
            while i != b {
                let dx = p[i].x - mx, dy = p[i].y - my
                sxx += dx * dx; syy += dy * dy; sxy += dx * dy
                i = (i + 1) % n
            }
            let trace = sxx + syy, det = sxx * syy - sxy * sxy
            let lambda = trace / 2 + ((trace * trace / 4 - det).magnitude).squareRoot()
            var dir = abs(sxy) > 1e-12 ? PointF(lambda - syy, sxy) : (sxx >= syy ? PointF(1, 0) : PointF(0, 1))
            let len = dir.length
            if len > 0, len.isFinite {
                dir = dir * (1 / len)
                return Line2D(point: PointF(mx, my), direction: dir)
            }
        }
        let d = p[b] - p[a]
        let len = d.length
        guard len > 0 else { return nil }
        return Line2D(point: p[a], direction: d * (1 / len))
    }

    /// Sorts four indices ascending (they are positions along the ray circle).
    private func sortFour(_ t: inout (Int, Int, Int, Int)) {
        if t.0 > t.1 { swap(&t.0, &t.1) }
        if t.2 > t.3 { swap(&t.2, &t.3) }
        if t.0 > t.2 { swap(&t.0, &t.2) }
        if t.1 > t.3 { swap(&t.1, &t.3) }
        if t.1 > t.2 { swap(&t.1, &t.2) }
    }
}
