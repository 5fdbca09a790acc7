import Imaging

/// Samples a QR module grid from the binarized plane through perspective transforms that map module
/// coordinates (0…N, module centres at +0.5) to pixels: one for the whole symbol, or one per cell between
/// neighbouring alignment patterns (`AlignmentGrid`).
enum GridSampler {
    /// Fills `matrix` (already reset to the dimension) and returns false when the grid runs more than a
    /// module's width outside the image (a wrong guess of geometry, not a symbol cut by the border).
    static func sample(_ plane: BitPlane, polarity: UInt8, transform t: PerspectiveTransform,
                       into matrix: QRModuleMatrix, grey: GreyThresholdView? = nil) -> Bool {
        withUnsafePointer(to: t) { cell in
            sample(plane, polarity: polarity, cells: cell, version: 0, cellsPerSide: 1, into: matrix, grey: grey)
        }
    }

    /// With `cellsPerSide` > 1, module (col, row) is read through the cell between the alignment
    /// coordinates of `version` around it (outer modules through the nearest cell); `cells` is row-major.
    static func sample(_ plane: BitPlane, polarity: UInt8, cells: UnsafePointer<PerspectiveTransform>, version: Int,
                       cellsPerSide k: Int, into matrix: QRModuleMatrix, grey: GreyThresholdView?) -> Bool {
        let n = matrix.dimension
        let sampler = ModuleSampler(plane: plane, polarity: polarity, grey: grey)
        let out = matrix.modules
        var outside = 0
        var cy = 0
        for row in 0..<n {
            while cy < k - 1 && row >= QRVersion.alignmentCoordinate(version, cy + 1) { cy += 1 }
            var cx = 0
            for col in 0..<n {
                while cx < k - 1 && col >= QRVersion.alignmentCoordinate(version, cx + 1) { cx += 1 }
                // Safe: cx, cy < k, so the cell index is inside the k × k cells.
                if let v = sampler.module(cells[cy * k + cx], col, row) {
                    out[row * n + col] = v
                } else {
                    out[row * n + col] = 0
                    outside += 1
                    if outside > n * 2 { return false }
                }
            }
        }
        return true
    }
}
