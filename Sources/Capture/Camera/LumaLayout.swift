import Imaging

/// Where the luma of a frame lies inside a V4L2 buffer, for the formats Lumascan reads in place.
///
/// Planar formats put the Y plane first, one byte per pixel, `bytesPerLine` apart: GREY, YUV420/YVU420
/// and NV12/NV21 are all read through the same view. Packed 4:2:2 interleaves chroma: YUYV has Y on
/// even bytes, UYVY on odd ones, so the view steps two bytes per pixel. Nothing is copied.
public struct LumaLayout: Equatable, Sendable {
    /// Offset of the first luma byte from the start of the buffer.
    public let offset: Int
    public let width: Int
    public let height: Int
    public let stride: Int
    public let pixelStep: Int

    /// Bytes a buffer must hold for this view to stay inside it.
    public var requiredBytes: Int { offset + (height - 1) * stride + (width - 1) * pixelStep + 1 }

    /// The layout of `format` at the negotiated size, or nil for a format that has no luma plane to read
    /// in place (MJPEG, RGB, Bayer) or a geometry that does not fit (`bytesPerLine` too small).
    public init?(format: FourCC, width: Int, height: Int, bytesPerLine: Int) {
        guard width > 0, height > 0 else { return nil }
        var step = 1, offset = 0
        switch format {
        case .grey, .yuv420, .yvu420, .nv12, .nv21: break
        case .yuyv: step = 2
        case .uyvy: (step, offset) = (2, 1)
        default: return nil
        }
        // Some drivers leave bytesperline 0 for planar formats: then rows are packed.
        let stride = bytesPerLine > 0 ? bytesPerLine : width * step
        guard stride >= width * step else { return nil }
        guard LumaImage.isValid(width: width, height: height, stride: stride, pixelStep: step) else { return nil }
        self.offset = offset
        self.width = width
        self.height = height
        self.stride = stride
        pixelStep = step
    }

    /// A view of the luma in a buffer at `base` holding `bytesUsed` bytes, or nil when the buffer is
    /// shorter than the layout needs (a truncated frame is skipped, never read past its end).
    @inline(__always)
    public func view(base: UnsafeRawPointer, bytesUsed: Int) -> LumaImage? {
        guard bytesUsed >= requiredBytes else { return nil }
        return LumaImage(pixels: (base + offset).assumingMemoryBound(to: UInt8.self), width: width, height: height,
                         stride: stride, pixelStep: pixelStep)
    }
}
