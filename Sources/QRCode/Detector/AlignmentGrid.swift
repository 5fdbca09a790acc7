import Imaging

/// Samples large symbols (version 7 and up) piece by piece, each cell between four neighbouring
/// alignment patterns through its own transform.
///
/// One perspective transform cannot follow paper that bends or a lens that bows over 45–177 modules, but
/// the alignment patterns every 16–28 modules can: each is looked for near where its already-found
/// neighbours put it (their local offset carries over), the ones that stay hidden are predicted, and the
/// grid is sampled cell by cell. The three corners next to the eyes have no pattern; the global
/// transform, anchored on the eyes, is trusted there.
struct AlignmentGrid {
    static let maxCoordinates = 7

    let plane: BitPlane
    let polarity: UInt8
    let scratch: DetectorScratch
    /// Judge modules between pixels from the grey image (see `ModuleSampler`).
    var grey: GreyThresholdView?

    /// Samples `matrix` (reset to `version`'s dimension) through the alignment grid that `global` predicts.
    /// Returns false when the grid runs out of the image. `located` counts the patterns actually found.
    func sample(version: Int, global: PerspectiveTransform, into matrix: QRModuleMatrix, located: inout Int) -> Bool {
        let k = QRVersion.alignmentCoordinateCount(version)
        guard k >= 3, k <= Self.maxCoordinates, matrix.dimension == QRVersion.dimension(version) else { return false }
        let points = scratch.gridPoints.baseAddress.unsafelyUnwrapped
        let cells = scratch.gridCells.baseAddress.unsafelyUnwrapped
        locate(version: version, count: k, global: global, into: points, located: &located)
        // One transform per cell between four neighbouring grid points.
        for j in 0..<(k - 1) {
            for i in 0..<(k - 1) {
                let x0 = Double(QRVersion.alignmentCoordinate(version, i)) + 0.5
                let x1 = Double(QRVersion.alignmentCoordinate(version, i + 1)) + 0.5
                let y0 = Double(QRVersion.alignmentCoordinate(version, j)) + 0.5
                let y1 = Double(QRVersion.alignmentCoordinate(version, j + 1)) + 0.5
                let t = PerspectiveTransform.quadToQuad(
                    from: Quad(PointF(x0, y0), PointF(x1, y0), PointF(x1, y1), PointF(x0, y1)),
                    to: Quad(points[j * k + i], points[j * k + i + 1], points[(j + 1) * k + i + 1], points[(j + 1) * k + i]))
                guard t.isUsable else { return false }
                cells[j * (k - 1) + i] = t
            }
        }
        return GridSampler.sample(plane, polarity: polarity, cells: cells, version: version, cellsPerSide: k - 1,
                                  into: matrix, grey: grey)
    }

    /// Fills `points` (row-major k×k) with the pixel positions of the alignment centres.
    private func locate(version: Int, count k: Int, global: PerspectiveTransform,
                        into points: UnsafeMutablePointer<PointF>, located: inout Int) {
        let finder = AlignmentPatternFinder(probe: RunProbe(plane: plane, polarity: polarity))
        let found = scratch.gridFound.baseAddress.unsafelyUnwrapped
        for j in 0..<k {
            for i in 0..<k {
                let mx = Double(QRVersion.alignmentCoordinate(version, i)) + 0.5
                let my = Double(QRVersion.alignmentCoordinate(version, j)) + 0.5
                let projected = global.apply(mx, my)
                let isEyeCorner = (i == 0 && j == 0) || (i == k - 1 && j == 0) || (i == 0 && j == k - 1)
                found[j * k + i] = false
                if isEyeCorner {
                    points[j * k + i] = projected
                    found[j * k + i] = true
                    continue
                }
                // Predict from the eyes and the patterns already placed, not from the global
                // transform (whose far corner may be far off on bent paper): along the top row and left
                // column step from the previous point by the edge's mean spacing; inside, complete
                // the parallelogram of the three neighbours up and to the left.
                var predicted = projected
                let c0 = Double(QRVersion.alignmentCoordinate(version, 0))
                let cLast = Double(QRVersion.alignmentCoordinate(version, k - 1))
                if j == 0 {
                    let fraction = (mx - 0.5 - Double(QRVersion.alignmentCoordinate(version, i - 1))) / (cLast - c0)
                    predicted = points[i - 1] + (points[k - 1] - points[0]) * fraction
                } else if i == 0 {
                    let fraction = (my - 0.5 - Double(QRVersion.alignmentCoordinate(version, j - 1))) / (cLast - c0)
                    predicted = points[(j - 1) * k] + (points[(k - 1) * k] - points[0]) * fraction
                } else {
                    predicted = points[j * k + i - 1] + points[(j - 1) * k + i] - points[(j - 1) * k + i - 1]
                }
                let module = global.apply(mx + 0.5, my).distance(to: global.apply(mx - 0.5, my))
                guard module.isFinite, module >= 0.5, predicted.isFinite else {
                    points[j * k + i] = projected
                    continue
                }
                let reach = (i == 0 || j == 0) ? 4.0 : 2.5 // the edges' straight-line guess is rougher
                if let p = finder.find(near: predicted, module: module, radius: max(2, reach * module)) {
                    points[j * k + i] = p
                    found[j * k + i] = true
                    located += 1
                } else {
                    points[j * k + i] = predicted
                }
            }
        }
    }
}
