import Imaging

/// An owned 8-bit greyscale image for tests and tools (Swift array storage: never on the frame path).
public struct GrayImage: Sendable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, fill: UInt8 = 255) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: fill, count: width * height)
    }

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// Calls `body` with a borrowed `LumaImage` over the pixels.
    public func withLumaImage<R>(_ body: (LumaImage) throws -> R) rethrows -> R {
        try pixels.withUnsafeBufferPointer { buffer in
            try body(LumaImage(pixels: buffer.baseAddress!, width: width, height: height, stride: width))
        }
    }

    /// The image turned by a multiple of 90° clockwise.
    public func rotated(quarterTurns: Int) -> GrayImage {
        let turns = ((quarterTurns % 4) + 4) % 4
        if turns == 0 { return self }
        let (w, h) = turns == 2 ? (width, height) : (height, width)
        var out = GrayImage(width: w, height: h)
        for y in 0..<height {
            for x in 0..<width {
                let v = pixels[y * width + x]
                switch turns {
                case 1: out[height - 1 - y, x] = v
                case 2: out[width - 1 - x, height - 1 - y] = v
                default: out[y, width - 1 - x] = v
                }
            }
        }
        return out
    }

    /// Light and dark swapped.
    public func inverted() -> GrayImage {
        GrayImage(width: width, height: height, pixels: pixels.map { 255 - $0 })
    }

    /// The image mirrored left to right.
    public func mirrored() -> GrayImage {
        var out = self
        for y in 0..<height {
            for x in 0..<width { out[x, y] = pixels[y * width + (width - 1 - x)] }
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc

extension GrayImage {
    /// Writes the image as a binary PGM (for looking at a failing test's input).
    public func writePGM(_ path: String) {
        guard let f = fopen(path, "wb") else { return }
        defer { fclose(f) }
        let header = "P5\n\(width) \(height)\n255\n"
        fputs(header, f)
        _ = pixels.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    }
}
#endif
