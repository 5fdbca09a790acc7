import Imaging

/// One straight scan line across the frame: the points `origin + t · step` for `t = 0 ..< count`.
///
/// A line is named by its direction and its signed distance (`offset`) from the image origin along
/// the direction's normal, so that parallel lines of one direction are easy to space evenly and to
/// revisit (a neighbour of a line that read something is `offset ± a few pixels`).
struct ScanLine {
    /// First sample, in pixel-index coordinates (pixel (x, y) holds the value at integer x, y).
    var originX: Double
    var originY: Double
    /// Unit step between two samples.
    var stepX: Double
    var stepY: Double
    /// Number of samples (at least 2 for a usable line).
    var count: Int
    /// Index into `ScanDirections` (0 = horizontal, left to right).
    var direction: Int
    var offset: Double

    /// The image point (pixel centres at +0.5, as `PointF` expects) at position `t` along the line.
    @inline(__always)
    func point(at t: Double) -> PointF {
        PointF(originX + t * stepX + 0.5, originY + t * stepY + 0.5)
    }

    /// True when the line runs exactly along a row or a column (sampled without interpolation).
    var isAxisAligned: Bool { stepY == 0 || stepX == 0 }
}

/// The scan directions, in the order a frame visits them: the two axes first (most labels are held
/// square to the camera), then the diagonals, then the four in-between angles.
///
/// Bars read at an angle α from the line's perpendicular still decode (every width grows by 1/cos α),
/// but the line must stay inside the bars across the whole symbol: `width · tan α < height`. Eight
/// directions 22.5° apart keep α ≤ 11.25° (tan α ≈ 0.2), enough for labels whose bars are at least a
/// fifth as tall as the symbol is wide.
enum ScanDirections {
    static let count = 8

    /// Direction `d` in degrees, clockwise from the +x axis in image coordinates (y down).
    @inline(__always)
    static func degrees(_ d: Int) -> Double {
        switch d {
        case 0: 0
        case 1: 90
        case 2: 45
        case 3: 135
        case 4: 22.5
        case 5: 67.5
        case 6: 112.5
        default: 157.5
        }
    }

    /// Unit vector of direction `d`; the axes are exact so that their lines take the no-interpolation path.
    @inline(__always)
    static func unit(_ d: Int) -> (x: Double, y: Double) {
        // cos/sin of 22.5°, 45° and 67.5°, written out so that the module needs no libm.
        let c22 = 0.92387953251128674, s22 = 0.38268343236508978, c45 = 0.70710678118654757
        switch d {
        case 0: return (1, 0)
        case 1: return (0, 1)
        case 2: return (c45, c45)
        case 3: return (-c45, c45)
        case 4: return (c22, s22)
        case 5: return (s22, c22)
        case 6: return (-s22, c22)
        default: return (-c22, s22)
        }
    }

    /// Range of offsets (distance along the normal `(-uy, ux)`) covered by a `width` × `height` frame.
    static func offsetRange(_ d: Int, width: Int, height: Int) -> (low: Double, high: Double) {
        let u = unit(d)
        let nx = -u.y, ny = u.x
        let w = Double(width - 1), h = Double(height - 1)
        let c0 = 0.0, c1 = w * nx, c2 = h * ny, c3 = w * nx + h * ny
        return (min(min(c0, c1), min(c2, c3)), max(max(c0, c1), max(c2, c3)))
    }

    /// The line of direction `d` at `offset`, clipped to the frame, or nil when it misses the frame or
    /// is shorter than `minCount` samples.
    ///
    /// Clipping keeps every sample inside `[0, width − 1] × [0, height − 1]`, so that the bilinear
    /// sampler never reads outside the image (it also clamps, as a second guard).
    static func line(_ d: Int, offset: Double, width: Int, height: Int, minCount: Int = 2) -> ScanLine? {
        let u = unit(d)
        let nx = -u.y, ny = u.x
        let px = offset * nx, py = offset * ny // the line's point closest to the origin
        var tLow = -Double.greatestFiniteMagnitude, tHigh = Double.greatestFiniteMagnitude
        let xMax = Double(width - 1), yMax = Double(height - 1)
        guard clip(p: px, u: u.x, upper: xMax, tLow: &tLow, tHigh: &tHigh),
              clip(p: py, u: u.y, upper: yMax, tLow: &tLow, tHigh: &tHigh) else { return nil }
        guard tLow.isFinite, tHigh.isFinite, tHigh >= tLow else { return nil }
        let first = (tLow - 1e-9).rounded(.up)
        let last = (tHigh + 1e-9).rounded(.down)
        guard let a = checkedFloor(first), let b = checkedFloor(last), b - a + 1 >= max(2, minCount) else {
            return nil
        }
        return ScanLine(originX: px + first * u.x, originY: py + first * u.y, stepX: u.x, stepY: u.y,
                        count: b - a + 1, direction: d, offset: offset)
    }

    /// Liang–Barsky clipping of `p + t·u` against `0 ... upper` on one axis.
    @inline(__always)
    private static func clip(p: Double, u: Double, upper: Double, tLow: inout Double, tHigh: inout Double) -> Bool {
        if abs(u) < 1e-12 {
            return p >= -1e-9 && p <= upper + 1e-9
        }
        var t0 = (0 - p) / u, t1 = (upper - p) / u
        if t0 > t1 { swap(&t0, &t1) }
        tLow = max(tLow, t0)
        tHigh = min(tHigh, t1)
        return tHigh >= tLow
    }
}
