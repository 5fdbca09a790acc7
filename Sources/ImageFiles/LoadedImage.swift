import Imaging

/// An 8-bit luma image read from a file: owned pixels, stride = width.
public struct LoadedImage: Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Calls `body` with a borrowed view of the pixels.
    public func withLumaImage<R>(_ body: (LumaImage) throws -> R) rethrows -> R {
        try pixels.withUnsafeBufferPointer { buffer in
            try body(LumaImage(pixels: buffer.baseAddress!, width: width, height: height, stride: width))
        }
    }

    static let maxSide = 65536
    static let maxPixels = 1 << 30

    static func checkSize(_ width: Int, _ height: Int, path: String) throws {
        guard width > 0, height > 0 else {
            throw ImageFileError.malformedHeader(path: path, reason: "size \(width)x\(height) is empty")
        }
        guard width <= maxSide, height <= maxSide, width * height <= maxPixels else {
            throw ImageFileError.tooLarge(path: path, width: width, height: height)
        }
    }
}
