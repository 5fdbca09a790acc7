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

    /// Where module point (N-6.5, N-6.5) — the bottom-right alignment pattern's centre — lies, from the
    /// intersections of the ring sides of the top-right and bottom-left eyes that face the top-left one.
    /// Perspective-correct; nil when the sides could not be traced.
    var bottomRightEstimate: PointF?
    private let walker: LineWalker
    private let tracer: EyeEdgeTracer
    var module: Double { (moduleTop + moduleLeft) * 0.5 }

    /// `knownModule` skips measuring the module size across the eyes and tracing the bottom-right corner
    /// (for eyes whose stones hold a picture, where those walks go astray: `QRReader+MissingEye` measures
    /// the module its own way).
    init(topLeft: PointF, topRight: PointF, bottomLeft: PointF, walker: LineWalker, fallbackModule: Double,
         scratch: DetectorScratch, knownModule: Double? = nil) {
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
        moduleTop = knownModule ?? along(topLeft, topRight)
        moduleLeft = knownModule ?? along(topLeft, bottomLeft)
        let tracer = EyeEdgeTracer(probe: walker.probe, scratch: scratch)
        let module = (moduleTop + moduleLeft) * 0.5
        let sides = (right: tracer.sideLine(center: topRight, towards: topLeft, module: module, edge: 3),
                     bottom: tracer.sideLine(center: bottomLeft, towards: topLeft, module: module, edge: 3))
        // Rings beside a picture in a stone trace poorly: eyes located that way keep the parallelogram.
        bottomRightEstimate = knownModule != nil ? nil : Self.traceBottomRight(topLeft: topLeft, topRight: topRight, bottomLeft: bottomLeft,
                                                    module: module, tracer: tracer, outerSides: sides)
        self.walker = walker
        self.tracer = tracer
    }

    /// Local affine frames (module coordinates → pixels) around the top-right and bottom-left eyes, both
    /// axes taken from two traced sides of the eye itself and module sizes measured across it: accurate
    /// next to those eyes even when the symbol bends or shears elsewhere. Used to read the version blocks.
    func versionFrames() -> (topRight: PerspectiveTransform?, bottomLeft: PerspectiveTransform?) {
        let across = topRight - topLeft, down = bottomLeft - topLeft
        return (frame(at: topRight, eyeAt: (0, 3.5), across: across, down: down),
                frame(at: bottomLeft, eyeAt: (3.5, 0), across: across, down: down))
    }

    /// The frame of the eye at `center`: its ring side facing `across` runs down the columns and the side
    /// facing `down` runs along the rows.
    private func frame(at center: PointF, eyeAt: (Double, Double), across: PointF, down: PointF) -> PerspectiveTransform? {
        guard let columnSide = tracer.sideLine(center: center, towards: center + across, module: module, edge: 3),
              let rowSide = tracer.sideLine(center: center, towards: center + down, module: module, edge: 3) else { return nil }
        var ex = rowSide.direction, ey = columnSide.direction
        if ex.dot(across) < 0 { ex = ex * -1 }
        if ey.dot(down) < 0 { ey = ey * -1 }
        guard let mx = walker.moduleSizeAcrossEye(center: center, toward: center + ex, moduleGuess: module),
              let my = walker.moduleSizeAcrossEye(center: center, toward: center + ey, moduleGuess: module) else { return nil }
        return Self.frame(origin: center, at: eyeAt, ex: ex * mx, ey: ey * my)
    }

    /// Affine map taking module point `at` to `origin`, with module vectors ex, ey. The frames put the eye
    /// centre at x = 0 (top-right) or y = 0 (bottom-left): coordinates there count from the eye, so that
    /// they hold whatever the symbol's dimension.
    private static func frame(origin: PointF, at: (Double, Double), ex: PointF, ey: PointF) -> PerspectiveTransform {
        // p(mx, my) = origin + ex·(mx − at.0) + ey·(my − at.1)
        PerspectiveTransform(ex.x, ey.x, origin.x - ex.x * at.0 - ey.x * at.1,
                             ex.y, ey.y, origin.y - ex.y * at.0 - ey.y * at.1,
                             0, 0, 1)
    }

    /// The inner (2) and outer (3) edges of the facing ring sides lie on module lines N-6 and N-7; their
    /// crossings are (N-6, N-6) and (N-7, N-7), whose middle is the alignment pattern's centre.
    private static func traceBottomRight(topLeft: PointF, topRight: PointF, bottomLeft: PointF, module: Double,
                                         tracer: EyeEdgeTracer, outerSides: (right: Line2D?, bottom: Line2D?)) -> PointF? {
        guard let r3 = outerSides.right, let b3 = outerSides.bottom,
              let r2 = tracer.sideLine(center: topRight, towards: topLeft, module: module, edge: 2),
              let b2 = tracer.sideLine(center: bottomLeft, towards: topLeft, module: module, edge: 2),
              let inner = r2.intersection(b2), let outer = r3.intersection(b3) else { return nil }
        let estimate = PointF.middle(inner, outer)
        // Sanity: the estimate must lie roughly opposite the top-left eye.
        let parallelogram = topRight + bottomLeft - topLeft
        let span = topLeft.distance(to: parallelogram)
        guard estimate.isFinite, estimate.distance(to: parallelogram) < span else { return nil }
        return estimate
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

    /// Where module (N-6.5, N-6.5) lands if the eyes span a parallelogram (no perspective).
    func parallelogramAnchor(dimension n: Int) -> PointF {
        affinePoint(Double(n) - 6.5, Double(n) - 6.5, dimension: n)
    }

    /// Transform from the three eye centres and the pixel position `anchor` of module (N-6.5, N-6.5) (the
    /// bottom-right alignment pattern's centre, or an estimate of it).
    func transform(dimension n: Int, anchor: PointF) -> PerspectiveTransform {
        let nd = Double(n)
        return PerspectiveTransform.quadToQuad(
            from: Quad(PointF(3.5, 3.5), PointF(nd - 3.5, 3.5), PointF(nd - 6.5, nd - 6.5), PointF(3.5, nd - 3.5)),
            to: Quad(topLeft, topRight, anchor, bottomLeft))
    }
}
