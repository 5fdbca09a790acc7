import Imaging

/// Samples a QR module grid from the binarized plane through a perspective transform that maps module
/// coordinates (0…N, module centres at +0.5) to pixels.
struct GridSampler {
    /// Fills `matrix` (already reset to the dimension) and returns false when the grid runs more than a
    /// module's width outside the image (a wrong guess of geometry, not a symbol cut by the border).
    static func sample(_ plane: BitPlane, polarity: UInt8, transform t: PerspectiveTransform,
                       into matrix: QRModuleMatrix, grey: AdaptiveBinarizer? = nil) -> Bool {
        let n = matrix.dimension
        let sampler = ModuleSampler(plane: plane, polarity: polarity, grey: grey)
        let out = matrix.modules
        var outside = 0
        for row in 0..<n {
            for col in 0..<n {
                if let v = sampler.module(t, col, row) {
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
