import Imaging

/// Applies the region of interest and the decode scale to a frame, without copying it when the
/// layout allows: a crop is a pointer offset, and subsampling by 2 or 4 is a wider stride and pixel
/// step (`LumaImage` reads every n-th pixel in place). Only `average`, or a step the view cannot
/// express (YUYV at 1/4: a step of 8 bytes), writes a reduced copy into a buffer reserved at init.
public final class DecodeWindow {
    public let regionOfInterest: PixelRect?
    public let scale: Int
    public let method: DecodeSettings.ScaleMethod
    /// Largest view this window produces for frames up to the size given at init.
    public let maxViewWidth: Int
    public let maxViewHeight: Int
    private let reduced: UnsafeMutablePointer<UInt8>?

    /// - Parameters: frameWidth/frameHeight: the largest frame the source delivers.
    public init(settings: DecodeSettings, frameWidth: Int, frameHeight: Int) {
        regionOfInterest = settings.regionOfInterest
        scale = [1, 2, 4].contains(settings.scale) ? settings.scale : 1
        method = settings.scaleMethod
        var w = max(1, frameWidth), h = max(1, frameHeight)
        if let roi = settings.regionOfInterest {
            w = max(1, min(w, roi.width))
            h = max(1, min(h, roi.height))
        }
        maxViewWidth = max(1, w / scale)
        maxViewHeight = max(1, h / scale)
        // The reduced copy is needed for `average`, and for subsampling a YUYV frame at 1/4; reserve it
        // whenever scaling is on (untouched pages cost no resident memory).
        reduced = scale > 1 ? UnsafeMutablePointer<UInt8>.allocate(capacity: maxViewWidth * maxViewHeight) : nil
    }

    deinit { reduced?.deallocate() }

    /// The view of `image` to decode and where it sits in the frame; nil when the region of interest
    /// lies outside the frame or leaves less than one pixel.
    public func view(of image: LumaImage) -> (image: LumaImage, mapping: ViewMapping)? {
        var source = image
        var originX = 0, originY = 0
        if let roi = regionOfInterest {
            guard let cropped = image.cropped(to: roi) else { return nil }
            source = cropped
            originX = max(0, roi.x)
            originY = max(0, roi.y)
        }
        let mapping = ViewMapping(originX: originX, originY: originY, scale: scale)
        guard scale > 1 else { return (source, mapping) }
        let w = min(source.width / scale, maxViewWidth), h = min(source.height / scale, maxViewHeight)
        guard w >= 1, h >= 1 else { return nil }
        let step = source.pixelStep * scale
        if method == .subsample, LumaImage.isValid(width: w, height: h, stride: source.stride * scale, pixelStep: step) {
            return (LumaImage(pixels: source.pixels, width: w, height: h, stride: source.stride * scale, pixelStep: step),
                    mapping)
        }
        guard let out = reduced else { return nil }
        if method == .average {
            average(source, into: out, width: w, height: h)
        } else {
            subsample(source, into: out, width: w, height: h)
        }
        return (LumaImage(pixels: out, width: w, height: h, stride: w), mapping)
    }

    /// Mean of each scale×scale block.
    private func average(_ source: LumaImage, into out: UnsafeMutablePointer<UInt8>, width w: Int, height h: Int) {
        let s = scale, area = s * s, half = area / 2
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0
                for dy in 0..<s {
                    for dx in 0..<s { sum &+= Int(source.pixel(x &* s &+ dx, y &* s &+ dy)) }
                }
                out[y &* w &+ x] = UInt8(truncatingIfNeeded: (sum &+ half) / area) // Safe: x < w, y < h.
            }
        }
    }

    /// Every scale-th pixel, copied (for steps a view cannot express).
    private func subsample(_ source: LumaImage, into out: UnsafeMutablePointer<UInt8>, width w: Int, height h: Int) {
        let s = scale
        for y in 0..<h {
            for x in 0..<w { out[y &* w &+ x] = source.pixel(x &* s, y &* s) } // Safe: x*s < width, y*s < height.
        }
    }
}
