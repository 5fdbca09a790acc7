/// A read-only view of a binarization for judging points between pixels: the grey image that was
/// thresholded and its smoothed block thresholds. A few pointers and sizes, cheap to copy.
public struct GreyThresholdView {
    @usableFromInline let pixels: UnsafePointer<UInt8>
    @usableFromInline let width: Int
    @usableFromInline let height: Int
    @usableFromInline let stride: Int
    @usableFromInline let pixelStep: Int
    @usableFromInline let thresholds: UnsafePointer<UInt8>
    @usableFromInline let blocksX: Int
    @usableFromInline let blocksY: Int

    /// Whether the point (x, y) (pixel coordinates, centres at +0.5) is ink: the grey level interpolated
    /// bilinearly from the four nearest pixels, at most the threshold of the block the point lies in.
    /// Sub-pixel where the binarized plane is not. nil outside the image.
    @inlinable @inline(__always)
    public func ink(_ x: Double, _ y: Double) -> UInt8? {
        let fx = x - 0.5, fy = y - 0.5
        guard fx >= 0, fy >= 0, fx < Double(width - 1), fy < Double(height - 1) else { return nil } // NaN fails too
        let x0 = Int(fx), y0 = Int(fy)
        let ax = Float(fx - Double(x0)), ay = Float(fy - Double(y0))
        // Safe: 0 <= x0 < width - 1 and 0 <= y0 < height - 1, so all four pixels are inside.
        let p = pixels + (y0 &* stride &+ x0 &* pixelStep)
        let a = Float(p[0]), b = Float(p[pixelStep]), c = Float(p[stride]), d = Float(p[stride &+ pixelStep])
        let top = a + (b - a) * ax, bottom = c + (d - c) * ax
        let grey = top + (bottom - top) * ay
        let bx = min(x0 >> 3, blocksX - 1), by = min(y0 >> 3, blocksY - 1)
        return grey <= Float(thresholds[by &* blocksX &+ bx]) ? 1 : 0 // Safe: bx < blocksX, by < blocksY.
    }
}
