/// A point in image coordinates (pixels, x right, y down; pixel centres at +0.5).
public struct PointF: Equatable, Sendable {
    public var x: Double
    public var y: Double

    @inlinable @inline(__always)
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    public static let zero = PointF(0, 0)

    @inlinable @inline(__always) public static func + (a: PointF, b: PointF) -> PointF { PointF(a.x + b.x, a.y + b.y) }
    @inlinable @inline(__always) public static func - (a: PointF, b: PointF) -> PointF { PointF(a.x - b.x, a.y - b.y) }
    @inlinable @inline(__always) public static func * (a: PointF, s: Double) -> PointF { PointF(a.x * s, a.y * s) }

    @inlinable @inline(__always) public func dot(_ o: PointF) -> Double { x * o.x + y * o.y }
    /// z of the 3-D cross product: positive when `o` turns clockwise from `self` in image coordinates.
    @inlinable @inline(__always) public func cross(_ o: PointF) -> Double { x * o.y - y * o.x }
    @inlinable @inline(__always) public var length: Double { (x * x + y * y).squareRoot() }
    @inlinable @inline(__always) public func distance(to o: PointF) -> Double { (self - o).length }

    public var isFinite: Bool { x.isFinite && y.isFinite }

    /// Middle of `a` and `b`.
    @inlinable @inline(__always) public static func middle(_ a: PointF, _ b: PointF) -> PointF {
        PointF((a.x + b.x) * 0.5, (a.y + b.y) * 0.5)
    }
}

/// Four corners in order (for symbols: top-left, top-right, bottom-right, bottom-left as read).
public struct Quad: Equatable, Sendable {
    public var topLeft: PointF
    public var topRight: PointF
    public var bottomRight: PointF
    public var bottomLeft: PointF

    public init(_ topLeft: PointF, _ topRight: PointF, _ bottomRight: PointF, _ bottomLeft: PointF) {
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomRight = bottomRight
        self.bottomLeft = bottomLeft
    }

    public static let zero = Quad(.zero, .zero, .zero, .zero)

    public var center: PointF {
        PointF((topLeft.x + topRight.x + bottomRight.x + bottomLeft.x) * 0.25,
               (topLeft.y + topRight.y + bottomRight.y + bottomLeft.y) * 0.25)
    }

    /// Whether `p` lies inside the convex quadrilateral (on the same side of all four edges).
    public func contains(_ p: PointF) -> Bool {
        let s0 = (topRight - topLeft).cross(p - topLeft)
        let s1 = (bottomRight - topRight).cross(p - topRight)
        let s2 = (bottomLeft - bottomRight).cross(p - bottomRight)
        let s3 = (topLeft - bottomLeft).cross(p - bottomLeft)
        return (s0 >= 0 && s1 >= 0 && s2 >= 0 && s3 >= 0) || (s0 <= 0 && s1 <= 0 && s2 <= 0 && s3 <= 0)
    }
}

/// Converts a coordinate to `Int` without trapping on NaN, infinities or huge values.
/// Returns `nil` for anything that is not a finite number within ±2^30.
@inlinable @inline(__always) // per-pixel from the reader modules: must inline across modules
public func checkedFloor(_ v: Double) -> Int? {
    guard v > -1_073_741_824.0, v < 1_073_741_824.0 else { return nil } // also false for NaN
    return Int(v.rounded(.down))
}
