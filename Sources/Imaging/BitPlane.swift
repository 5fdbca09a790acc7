/// A binarized image, one byte per pixel: 1 for dark (ink), 0 for light. Storage belongs to a `ScanArena`
/// and is sized for the largest frame at set-up; `width`/`height` describe the current frame.
///
/// A byte per pixel (not a bit) keeps the hot loops (run-length scans, module sampling) to one load and
/// one compare per pixel.
public struct BitPlane {
    public let storage: UnsafeMutableBufferPointer<UInt8>
    public private(set) var width = 0
    public private(set) var height = 0

    public init(arena: ScanArena, maxWidth: Int, maxHeight: Int) {
        storage = arena.reserve(UInt8.self, count: max(1, maxWidth) * max(1, maxHeight))
    }

    public var capacity: Int { storage.count }

    /// Sets the frame size. Returns false when it does not fit the storage.
    public mutating func resize(width: Int, height: Int) -> Bool {
        guard width > 0, height > 0, width <= storage.count / height else { return false }
        self.width = width
        self.height = height
        return true
    }

    @inlinable @inline(__always)
    public var bits: UnsafeMutablePointer<UInt8> {
        // Safe: storage always has at least one element.
        storage.baseAddress.unsafelyUnwrapped
    }

    /// 1 when the pixel at (x, y) is dark. Unchecked: 0 <= x < width, 0 <= y < height.
    @inlinable @inline(__always)
    public func isDark(_ x: Int, _ y: Int) -> Bool { bits[y &* width &+ x] != 0 }

    /// 1 when dark, 0 when light or outside the image.
    @inlinable @inline(__always)
    public func sample(_ x: Int, _ y: Int) -> UInt8 {
        guard UInt(bitPattern: x) < UInt(bitPattern: width), UInt(bitPattern: y) < UInt(bitPattern: height) else {
            return 0
        }
        return bits[y &* width &+ x]
    }

    /// Turns dark into light and back, for light-on-dark symbols.
    public func invert() {
        let p = bits
        let n = width * height
        for i in 0..<n { p[i] ^= 1 }
    }
}
