import Imaging

/// The geometry of one candidate symbol: eye centres, module size, dimension guess, and the transform
/// from module coordinates (0…N, centres at +0.5) to pixels.
struct SymbolGeometry {
    var topLeft: PointF
    var topRight: PointF
    var bottomLeft: PointF
    /// Module size in pixels along the top edge and along the left edge.
    var moduleTop: Double
    var moduleLeft: Double

    var module: Double { (moduleTop + moduleLeft) * 0.5 }

    init(topLeft: PointF, topRight: PointF, bottomLeft: PointF, walker: LineWalker, fallbackModule: Double) {
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        // Module size across each eye along the edge it shares: robust to perspective, because both eyes
        // of an edge are measured in the direction of that edge.
        func along(_ a: PointF, _ b: PointF) -> Double {
            let x = walker.moduleSizeAcrossEye(center: a, toward: b, moduleGuess: fallbackModule)
            let y = walker.moduleSizeAcrossEye(center: b, toward: a, moduleGuess: fallbackModule)
            switch (x, y) {
            case let (x?, y?): return (x + y) * 0.5
            case let (x?, nil): return x
            case let (nil, y?): return y
            default: return fallbackModule
            }
        }
        moduleTop = along(topLeft, topRight)
        moduleLeft = along(topLeft, bottomLeft)
    }

    /// The dimension (4k + 17 … ) closest to what the eye distances say, or nil when out of range.
    var estimatedDimension: Int? {
        guard moduleTop > 0, moduleLeft > 0 else { return nil }
        let across = topLeft.distance(to: topRight) / moduleTop
        let down = topLeft.distance(to: bottomLeft) / moduleLeft
        let raw = (across + down) * 0.5 + 7
        guard raw.isFinite, raw > 15, raw < 185 else { return nil }
        let version = ((raw - 17) / 4).rounded()
        return Int(min(max(version, 1), 40)) * 4 + 17
    }

    /// Where module coordinate (x, y) lands if the symbol were an affine image (no perspective).
    func affinePoint(_ x: Double, _ y: Double, dimension n: Int) -> PointF {
        let span = Double(n - 7)
        let ex = (topRight - topLeft) * (1 / span), ey = (bottomLeft - topLeft) * (1 / span)
        return topLeft + ex * (x - 3.5) + ey * (y - 3.5)
    }

    /// Transform from the three eyes and a fourth point: the bottom-right alignment pattern centre when
    /// found (module (N-6.5, N-6.5)), else the parallelogram completion of the eyes (N-3.5, N-3.5).
    func transform(dimension n: Int, alignment: PointF?) -> PerspectiveTransform {
        let nd = Double(n)
        if let ap = alignment {
            return PerspectiveTransform.quadToQuad(
                from: Quad(PointF(3.5, 3.5), PointF(nd - 3.5, 3.5), PointF(nd - 6.5, nd - 6.5), PointF(3.5, nd - 3.5)),
                to: Quad(topLeft, topRight, ap, bottomLeft))
        }
        let corner = topRight + bottomLeft - topLeft
        return PerspectiveTransform.quadToQuad(
            from: Quad(PointF(3.5, 3.5), PointF(nd - 3.5, 3.5), PointF(nd - 3.5, nd - 3.5), PointF(3.5, nd - 3.5)),
            to: Quad(topLeft, topRight, corner, bottomLeft))
    }
}
