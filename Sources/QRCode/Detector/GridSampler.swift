import Imaging

/// Samples a QR module grid from the binarized plane through a perspective transform that maps module
/// coordinates (0…N, module centres at +0.5) to pixels.
struct GridSampler {
    /// Fills `matrix` (already reset to the dimension) and returns false when the grid runs more than a
    /// module's width outside the image (a wrong guess of geometry, not a symbol cut by the border).
    static func sample(_ plane: BitPlane, polarity: UInt8, transform t: PerspectiveTransform,
                       into matrix: QRModuleMatrix) -> Bool {
        let n = matrix.dimension
        let w = plane.width, h = plane.height
        let bits = plane.bits
        let out = matrix.modules
        var outside = 0
        for row in 0..<n {
            let my = Double(row) + 0.5
            for col in 0..<n {
                let p = t.apply(Double(col) + 0.5, my)
                guard let x = checkedFloor(p.x), let y = checkedFloor(p.y) else { return false }
                if UInt(bitPattern: x) < UInt(bitPattern: w) && UInt(bitPattern: y) < UInt(bitPattern: h) {
                    out[row * n + col] = bits[y * w + x] ^ polarity // Safe: bounds checked.
                } else {
                    outside += 1
                    out[row * n + col] = 0
                    if outside > n * 2 { return false }
                }
            }
        }
        return true
    }
}
