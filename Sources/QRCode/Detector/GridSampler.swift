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
        // The coordinate where the next cell begins, across and down (none past the last cell): looked up
        // when a module crosses it, not for every module.
        @inline(__always) func boundary(after cell: Int) -> Int {
            cell < k - 1 ? QRVersion.alignmentCoordinate(version, cell + 1) : Int.max
        }
        var cy = 0
        var nextRow = boundary(after: 0)
        for row in 0..<n {
            while row >= nextRow {
                cy += 1
                nextRow = boundary(after: cy)
            }
            var cx = 0
            var nextColumn = boundary(after: 0)
            for col in 0..<n {
                while col >= nextColumn {
                    cx += 1
                    nextColumn = boundary(after: cx)
                }
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
