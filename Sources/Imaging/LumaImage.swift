/// A borrowed 8-bit luma image: pointer, size and row stride. It owns nothing.
///
/// The frame path hands camera buffers to decoders through this view without copying: a GREY frame,
/// the Y plane of a YUV420/NV12 frame, or a region of interest inside either (see `cropped(to:)`).
/// A view is valid only as long as the memory it points at; decoders never keep one past a call.
public struct LumaImage {
    /// First pixel of the top row.
    public let pixels: UnsafePointer<UInt8>
    public let width: Int
    public let height: Int
    /// Distance in bytes between the starts of two rows (at least `width`).
    public let stride: Int
    /// Distance in bytes between two horizontally adjacent pixels: 1 for planar luma, 2 for YUYV.
    public let pixelStep: Int

    /// - Precondition: `width`, `height` > 0 and `stride >= (width - 1) * pixelStep + 1`. Callers that
    ///   build views from untrusted headers check with `isValid(width:height:stride:pixelStep:)` first.
    public init(pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, pixelStep: Int = 1) {
        precondition(LumaImage.isValid(width: width, height: height, stride: stride, pixelStep: pixelStep),
                     "invalid luma image geometry")
        self.pixels = pixels
        self.width = width
        self.height = height
        self.stride = stride
        self.pixelStep = pixelStep
    }

    public static func isValid(width: Int, height: Int, stride: Int, pixelStep: Int = 1) -> Bool {
        width > 0 && height > 0 && pixelStep > 0 && pixelStep <= 4
            && width <= 1 << 16 && height <= 1 << 16
            && stride >= (width - 1) * pixelStep + 1
    }

    /// The pixel at column `x`, row `y`. Unchecked: callers keep coordinates inside the image.
    @inlinable @inline(__always)
    public func pixel(_ x: Int, _ y: Int) -> UInt8 {
        // Safe: the caller keeps 0 <= x < width and 0 <= y < height.
        pixels[y &* stride &+ x &* pixelStep]
    }

    /// A view of the rectangle `rect` clipped to the image, sharing the same memory (no copy).
    /// Returns nil when the clipped rectangle is empty.
    public func cropped(to rect: PixelRect) -> LumaImage? {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.x &+ rect.width), y1 = min(height, rect.y &+ rect.height)
        guard x1 > x0, y1 > y0 else { return nil }
        return LumaImage(pixels: pixels + (y0 * stride + x0 * pixelStep),
                         width: x1 - x0, height: y1 - y0, stride: stride, pixelStep: pixelStep)
    }
}

/// An integer pixel rectangle (region of interest).
public struct PixelRect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}
