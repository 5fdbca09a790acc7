import Imaging

/// Geometry for strongly tilted symbols from the outlines of the three eyes.
///
/// Each eye's dark ring is a 7×7-module square whose sides run along the symbol's rows and columns.
/// Its outline (`EyeOutline`) gives the eye's four corners, each
/// with known module coordinates once the dimension N is fixed: the top-left eye spans (0…7, 0…7), the
/// top-right (N-7…N, 0…7), the bottom-left (0…7, N-7…N). Twelve corners fix a homography by least
/// squares, and the N whose fit leaves the smallest residual is the symbol's. Unlike eye centres plus a
/// guessed fourth point, this needs no assumption about the part of the symbol between the eyes, so it
/// holds under perspective that makes one eye twice the size of another.
struct EyeQuadFit {
    let outline: EyeOutline
    /// Twelve source (module) and target (pixel) points for the fit (arena scratch).
    let source: UnsafeMutableBufferPointer<PointF>
    let target: UnsafeMutableBufferPointer<PointF>

    /// The best transform and its dimension, or nil when an eye outline cannot be traced or no dimension
    /// fits within a third of a module on average.
    func fit(topLeft: PointF, topRight: PointF, bottomLeft: PointF, module: Double,
             moduleTopLeft: Double, moduleTopRight: Double, moduleBottomLeft: Double,
             dimensions: ClosedRange<Int>, trace: ((QRTraceEvent) -> Void)?) -> (transform: PerspectiveTransform, dimension: Int)? {
        let across = topRight - topLeft, down = bottomLeft - topLeft
        let tlq = corners(of: topLeft, across: across, down: down, module: moduleTopLeft)
        let trq = corners(of: topRight, across: across, down: down, module: moduleTopRight)
        let blq = corners(of: bottomLeft, across: across, down: down, module: moduleBottomLeft)
        guard let tl = tlq, let tr = trq, let bl = blq else {
            trace?(.outlineFit(eyesTraced: (tlq == nil ? 0 : 1) + (trq == nil ? 0 : 1) + (blq == nil ? 0 : 1),
                               dimension: 0, error: 0))
            return nil
        }
        guard source.count >= 12, target.count >= 12 else { return nil }
        setTarget(0, tl)
        setTarget(4, tr)
        setTarget(8, bl)
        var best: (transform: PerspectiveTransform, dimension: Int, error: Double)?
        var n = dimensions.lowerBound
        while n <= dimensions.upperBound {
            defer { n += 4 }
            guard n >= 21, n <= 177, n % 4 == 1 else { continue }
            let d = Double(n)
            setSource(0, x0: 0, y0: 0)
            setSource(4, x0: d - 7, y0: 0)
            setSource(8, x0: 0, y0: d - 7)
            guard let t = PerspectiveTransform.fit(source: UnsafeBufferPointer(source), target: UnsafeBufferPointer(target))
            else { continue }
            // Mean distance, in modules of the local scale, between fitted and traced corners.
            var error = 0.0
            for i in 0..<12 {
                let local = i < 4 ? moduleTopLeft : i < 8 ? moduleTopRight : moduleBottomLeft
                error += t.apply(source[i]).distance(to: target[i]) / max(local, 0.5)
            }
            error /= 12
            if error.isFinite, error < (best?.error ?? .infinity) { best = (t, n, error) }
        }
        trace?(.outlineFit(eyesTraced: 3, dimension: best?.dimension ?? 0, error: best?.error ?? .infinity))
        guard let found = best, found.error < 0.35 else { return nil }
        return (found.transform, found.dimension)
    }

    private func setTarget(_ at: Int, _ q: Quad) {
        target[at] = q.topLeft
        target[at + 1] = q.topRight
        target[at + 2] = q.bottomRight
        target[at + 3] = q.bottomLeft
    }

    /// Corners of a 7×7 eye with top-left module (x0, y0), in the same order as `corners(of:)` returns.
    private func setSource(_ at: Int, x0: Double, y0: Double) {
        source[at] = PointF(x0, y0)
        source[at + 1] = PointF(x0 + 7, y0)
        source[at + 2] = PointF(x0 + 7, y0 + 7)
        source[at + 3] = PointF(x0, y0 + 7)
    }

    /// The eye's outer corners named in symbol orientation, checked to be about 7 modules a side.
    private func corners(of eye: PointF, across: PointF, down: PointF, module: Double) -> Quad? {
        guard let q = outline.corners(center: eye, module: module, across: across, down: down) else { return nil }
        // The candidate's module size comes from axis-aligned cross-sections, up to √2 too large on a
        // turned eye: accept sides of 5–10 such modules.
        let sides = (q.topLeft.distance(to: q.topRight), q.topRight.distance(to: q.bottomRight),
                     q.bottomRight.distance(to: q.bottomLeft), q.bottomLeft.distance(to: q.topLeft))
        let lo = 5 * module / 1.5, hi = 10 * module
        guard sides.0 > lo, sides.1 > lo, sides.2 > lo, sides.3 > lo,
              sides.0 < hi, sides.1 < hi, sides.2 < hi, sides.3 < hi else { return nil }
        return q
    }
}
