/// A plane projective transform (homography): (x, y) → ((a·x + b·y + c) / (g·x + h·y + i), …).
///
/// Built square-to-quad by the closed form of Heckbert's "Fundamentals of Texture Mapping" (the same
/// construction every 2-D code reader uses), composed to quad-to-quad, or fitted by least squares to many
/// point pairs. Degenerate input gives a transform whose outputs are not finite; callers check
/// `isUsable` and `PointF.isFinite` rather than trusting the geometry of a frame.
public struct PerspectiveTransform: Sendable {
    // Row-major 3×3: [a11 a12 a13; a21 a22 a23; a31 a32 a33], mapping column vector (x y 1).
    public var a11, a12, a13, a21, a22, a23, a31, a32, a33: Double

    public init(_ a11: Double, _ a12: Double, _ a13: Double,
                _ a21: Double, _ a22: Double, _ a23: Double,
                _ a31: Double, _ a32: Double, _ a33: Double) {
        self.a11 = a11; self.a12 = a12; self.a13 = a13
        self.a21 = a21; self.a22 = a22; self.a23 = a23
        self.a31 = a31; self.a32 = a32; self.a33 = a33
    }

    public static let identity = PerspectiveTransform(1, 0, 0, 0, 1, 0, 0, 0, 1)

    public var isUsable: Bool {
        let d = determinant // NaN or infinite when any element is
        return d.isFinite && d.magnitude > 1e-12 && a13.isFinite && a23.isFinite && a33.isFinite
    }

    public var determinant: Double {
        a11 * (a22 * a33 - a23 * a32) - a12 * (a21 * a33 - a23 * a31) + a13 * (a21 * a32 - a22 * a31)
    }

    @inlinable @inline(__always) // per module from the reader modules: must inline across modules
    public func apply(_ x: Double, _ y: Double) -> PointF {
        let w = a31 * x + a32 * y + a33
        let inv = 1.0 / w
        return PointF((a11 * x + a12 * y + a13) * inv, (a21 * x + a22 * y + a23) * inv)
    }

    @inlinable @inline(__always)
    public func apply(_ p: PointF) -> PointF { apply(p.x, p.y) }

    /// `self` after `first`: p ↦ self(first(p)).
    public func composed(after first: PerspectiveTransform) -> PerspectiveTransform {
        let m = self, n = first
        return PerspectiveTransform(
            m.a11 * n.a11 + m.a12 * n.a21 + m.a13 * n.a31,
            m.a11 * n.a12 + m.a12 * n.a22 + m.a13 * n.a32,
            m.a11 * n.a13 + m.a12 * n.a23 + m.a13 * n.a33,
            m.a21 * n.a11 + m.a22 * n.a21 + m.a23 * n.a31,
            m.a21 * n.a12 + m.a22 * n.a22 + m.a23 * n.a32,
            m.a21 * n.a13 + m.a22 * n.a23 + m.a23 * n.a33,
            m.a31 * n.a11 + m.a32 * n.a21 + m.a33 * n.a31,
            m.a31 * n.a12 + m.a32 * n.a22 + m.a33 * n.a32,
            m.a31 * n.a13 + m.a32 * n.a23 + m.a33 * n.a33)
    }

    /// The adjugate, which is the inverse up to scale (enough for a homography).
    public var adjoint: PerspectiveTransform {
        PerspectiveTransform(
            a22 * a33 - a23 * a32, a13 * a32 - a12 * a33, a12 * a23 - a13 * a22,
            a23 * a31 - a21 * a33, a11 * a33 - a13 * a31, a13 * a21 - a11 * a23,
            a21 * a32 - a22 * a31, a12 * a31 - a11 * a32, a11 * a22 - a12 * a21)
    }

    /// Maps the unit square (0,0) (1,0) (1,1) (0,1) onto `q` (corners in that order).
    public static func squareToQuad(_ q: Quad) -> PerspectiveTransform {
        let x0 = q.topLeft.x, y0 = q.topLeft.y, x1 = q.topRight.x, y1 = q.topRight.y
        let x2 = q.bottomRight.x, y2 = q.bottomRight.y, x3 = q.bottomLeft.x, y3 = q.bottomLeft.y
        let dx3 = x0 - x1 + x2 - x3, dy3 = y0 - y1 + y2 - y3
        if dx3.magnitude < 1e-12 && dy3.magnitude < 1e-12 { // affine
            return PerspectiveTransform(x1 - x0, x3 - x0, x0, y1 - y0, y3 - y0, y0, 0, 0, 1)
        }
        let dx1 = x1 - x2, dx2 = x3 - x2, dy1 = y1 - y2, dy2 = y3 - y2
        let den = dx1 * dy2 - dx2 * dy1
        let g = (dx3 * dy2 - dx2 * dy3) / den
        let h = (dx1 * dy3 - dx3 * dy1) / den
        return PerspectiveTransform(x1 - x0 + g * x1, x3 - x0 + h * x3, x0,
                                    y1 - y0 + g * y1, y3 - y0 + h * y3, y0,
                                    g, h, 1)
    }

    /// Maps quad `from` onto quad `to`, corner for corner.
    public static func quadToQuad(from: Quad, to: Quad) -> PerspectiveTransform {
        squareToQuad(to).composed(after: squareToQuad(from).adjoint)
    }

    /// Least-squares homography taking `source[i]` to `target[i]` (at least 4 pairs, not all collinear),
    /// with a33 fixed at 1. Solves the 8×8 normal equations on the stack; `nil` when they are singular.
    public static func fit(source: UnsafeBufferPointer<PointF>, target: UnsafeBufferPointer<PointF>)
        -> PerspectiveTransform?
    {
        let n = min(source.count, target.count)
        guard n >= 4 else { return nil }
        // Normalise both point sets (centroid to origin, mean distance √2) for a well-conditioned system.
        let ns = Normalisation(source, n), ts = Normalisation(target, n)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 8 * 9 + 16) { m in
            // m[0..<72]: augmented normal matrix [AᵀA | Aᵀb]; m[72..<80], m[80..<88]: one row pair.
            let ab = m.baseAddress!
            ab.initialize(repeating: 0, count: 8 * 9 + 16)
            let rx = ab + 72, ry = ab + 80
            for i in 0..<n {
                let s = ns.forward.apply(source[i]), t = ts.forward.apply(target[i])
                rx[0] = s.x; rx[1] = s.y; rx[2] = 1; rx[3] = 0; rx[4] = 0; rx[5] = 0
                rx[6] = -s.x * t.x; rx[7] = -s.y * t.x
                ry[0] = 0; ry[1] = 0; ry[2] = 0; ry[3] = s.x; ry[4] = s.y; ry[5] = 1
                ry[6] = -s.x * t.y; ry[7] = -s.y * t.y
                for r in 0..<8 {
                    for c in 0..<8 { ab[r * 9 + c] += rx[r] * rx[c] + ry[r] * ry[c] }
                    ab[r * 9 + 8] += rx[r] * t.x + ry[r] * t.y
                }
            }
            guard solveAugmented8(ab) else { return nil }
            let h = PerspectiveTransform(ab[8], ab[17], ab[26], ab[35], ab[44], ab[53], ab[62], ab[71], 1)
            // Undo the normalisations: T⁻¹ · H · S.
            let result = ts.inverse.composed(after: h.composed(after: ns.forward))
            return result.isUsable ? result : nil
        }
    }
}

/// Similarity that moves a point set's centroid to the origin and scales its mean distance to √2.
private struct Normalisation {
    let forward: PerspectiveTransform
    let inverse: PerspectiveTransform

    init(_ points: UnsafeBufferPointer<PointF>, _ n: Int) {
        var cx = 0.0, cy = 0.0
        for i in 0..<n { cx += points[i].x; cy += points[i].y }
        cx /= Double(n); cy /= Double(n)
        var mean = 0.0
        for i in 0..<n { mean += (points[i] - PointF(cx, cy)).length }
        mean /= Double(n)
        let s = mean > 1e-9 ? 2.0.squareRoot() / mean : 1
        forward = PerspectiveTransform(s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1)
        inverse = PerspectiveTransform(1 / s, 0, cx, 0, 1 / s, cy, 0, 0, 1)
    }
}

/// Gauss-Jordan elimination with partial pivoting on an 8×9 augmented matrix (row-major, 9 per row).
/// On success column 8 holds the solution.
private func solveAugmented8(_ a: UnsafeMutablePointer<Double>) -> Bool {
    for col in 0..<8 {
        var pivot = col
        for r in (col + 1)..<8 where a[r * 9 + col].magnitude > a[pivot * 9 + col].magnitude { pivot = r }
        guard a[pivot * 9 + col].magnitude > 1e-12 else { return false }
        if pivot != col {
            for c in 0..<9 { swap(&a[col * 9 + c], &a[pivot * 9 + c]) }
        }
        let p = a[col * 9 + col]
        for c in col..<9 { a[col * 9 + c] /= p }
        for r in 0..<8 where r != col {
            let f = a[r * 9 + col]
            if f == 0 { continue }
            for c in col..<9 { a[r * 9 + c] -= f * a[col * 9 + c] }
        }
    }
    for r in 0..<8 where !a[r * 9 + 8].isFinite { return false }
    return true
}
