import Imaging
import Symbols

/// Costly last resorts for symbols the cheap attempts could not sample well, each bounded per frame.
extension QRReader {
    /// Fits the grid to the fixed patterns (`GridFitter`) from `anchor`, decodes; for versions 1–6 (and
    /// Model 1 symbols, which have no alignment pattern to fit) then searches the bottom-right anchor
    /// around the fit.
    func refineAndSearch(_ geometry: SymbolGeometry, dimension n: Int, anchor: PointF, polarity: UInt8,
                         into results: ResultSlots) -> Bool {
        guard refinementsLeft > 0 else { return false }
        refinementsLeft -= 1
        statistics.refinements += 1
        let start = GridAnchors(topLeft: geometry.topLeft, topRight: geometry.topRight, bottomRight: anchor,
                                bottomLeft: geometry.bottomLeft)
        let fitted = GridFitter(plane: plane, polarity: polarity, dimension: n, model1: tripleIsModel1)
            .refine(start, module: geometry.module)
        statistics.lastAttempt.alignment = fitted.bottomRight
        anchorForTrace = fitted.bottomRight
        if decodeSampled(fitted.transform(dimension: n), dimension: n, polarity: polarity, into: results) { return true }
        return (n <= 41 || (tripleIsModel1 && n <= QRModel1.maxDimension))
            && searchBottomRight(around: fitted, dimension: n, module: geometry.module, polarity: polarity, into: results)
    }

    /// Small symbols (versions 1–6) have nothing near their bottom-right corner that the fitter can hold on
    /// to, so the anchor there is searched: a spiral of third-of-a-module steps out to 2 modules, each
    /// position decoded (Reed-Solomon success is a strong check of the whole grid). At most 168 decodes of
    /// at most 41×41 modules (73×73 for Model 1), and only for grids that already looked right.
    private func searchBottomRight(around anchors: GridAnchors, dimension n: Int, module: Double, polarity: UInt8,
                                   into results: ResultSlots) -> Bool {
        statistics.anchorSearches += 1
        let step = module / 3
        for ring in 1...6 {
            for dy in -ring...ring {
                for dx in -ring...ring where max(abs(dx), abs(dy)) == ring {
                    var trial = anchors
                    trial.bottomRight = anchors.bottomRight + PointF(Double(dx) * step, Double(dy) * step)
                    anchorForTrace = trial.bottomRight
                    if decodeSampled(trial.transform(dimension: n), dimension: n, polarity: polarity, into: results) {
                        return true
                    }
                }
            }
        }
        return false
    }

    /// Fits the grid to the traced outlines of the three eyes (`EyeQuadFit`) and decodes with it.
    func decodeFromEyeOutlines(_ geometry: SymbolGeometry, _ a: FinderCandidate, _ b: FinderCandidate,
                               _ c: FinderCandidate, estimate: Int, polarity: UInt8, into results: ResultSlots) -> Bool {
        statistics.outlineFits += 1
        let outline = EyeOutline(walker: LineWalker(probe: RunProbe(plane: plane, polarity: polarity)),
                                 points: scratch.outlinePoints)
        let fitter = EyeQuadFit(outline: outline, source: scratch.fitSource, target: scratch.fitTarget)
        guard let fit = fitter.fit(topLeft: a.center, topRight: b.center, bottomLeft: c.center, module: geometry.module,
                                   moduleTopLeft: a.moduleSize, moduleTopRight: b.moduleSize,
                                   moduleBottomLeft: c.moduleSize,
                                   dimensions: max(21, estimate - 16)...min(177, estimate + 16), trace: trace)
        else { return false }
        let score = GridQuality.score(plane, polarity: polarity, transform: fit.transform, dimension: fit.dimension)
        trace?(.triple(topLeft: a.center, topRight: b.center, bottomLeft: c.center, module: geometry.module,
                       dimension: fit.dimension, score: score))
        guard score >= 1.3 else { return false }
        anchorForTrace = fit.transform.apply(Double(fit.dimension) - 6.5, Double(fit.dimension) - 6.5)
        return decodeSampled(fit.transform, dimension: fit.dimension, polarity: polarity, into: results)
    }
}
