import Glibc
import Imaging

/// Draws a 2-D symbol (a grid of modules) into a camera-like frame under any perspective, with
/// supersampled (anti-aliased) edges, for round-trip tests of detectors.
public enum SceneRenderer {
    /// Renders `modules` (row-major, `columns`×`rows`, 1 dark) with a quiet zone of `quietZone` modules
    /// so that module-grid corner (0,0) … (columns, rows) lands on `corners` (pixels; quiet zone outside).
    /// The rest of the canvas keeps its pixels. `dark`/`light` are the grey levels.
    public static func draw(modules: [UInt8], columns: Int, rows: Int, quietZone: Int = 4,
                            into canvas: inout GrayImage, corners: Quad,
                            dark: UInt8 = 20, light: UInt8 = 235, supersample: Int = 3) {
        let toPixels = PerspectiveTransform.quadToQuad(
            from: Quad(PointF(0, 0), PointF(Double(columns), 0), PointF(Double(columns), Double(rows)), PointF(0, Double(rows))),
            to: corners)
        let toModules = PerspectiveTransform.quadToQuad(
            from: corners,
            to: Quad(PointF(0, 0), PointF(Double(columns), 0), PointF(Double(columns), Double(rows)), PointF(0, Double(rows))))
        // Bounding box of the symbol with its quiet zone.
        let q = Double(quietZone)
        let outer = [toPixels.apply(-q, -q), toPixels.apply(Double(columns) + q, -q),
                     toPixels.apply(Double(columns) + q, Double(rows) + q), toPixels.apply(-q, Double(rows) + q)]
        let x0 = max(0, Int(outer.map(\.x).min()!.rounded(.down)) - 1)
        let x1 = min(canvas.width - 1, Int(outer.map(\.x).max()!.rounded(.up)) + 1)
        let y0 = max(0, Int(outer.map(\.y).min()!.rounded(.down)) - 1)
        let y1 = min(canvas.height - 1, Int(outer.map(\.y).max()!.rounded(.up)) + 1)
        guard x0 <= x1, y0 <= y1 else { return }
        let s = max(1, supersample)
        for y in y0...y1 {
            for x in x0...x1 {
                var sum = 0, inside = 0
                for sy in 0..<s {
                    for sx in 0..<s {
                        let p = toModules.apply(Double(x) + (Double(sx) + 0.5) / Double(s), Double(y) + (Double(sy) + 0.5) / Double(s))
                        guard p.x >= -q, p.y >= -q, p.x < Double(columns) + q, p.y < Double(rows) + q else { continue }
                        inside += 1
                        let mx = Int(p.x.rounded(.down)), my = Int(p.y.rounded(.down))
                        let isDark = mx >= 0 && my >= 0 && mx < columns && my < rows && modules[my * columns + mx] != 0
                        sum += Int(isDark ? dark : light)
                    }
                }
                guard inside > 0 else { continue }
                let background = Int(canvas[x, y]) * (s * s - inside)
                canvas[x, y] = UInt8((sum + background) / (s * s))
            }
        }
    }

    /// Corners of an axis-aligned square symbol of `size` pixels centred at (cx, cy), turned by `degrees`.
    public static func square(center cx: Double, _ cy: Double, size: Double, degrees: Double = 0) -> Quad {
        let r = degrees * .pi / 180
        let c = cos(r), s = sin(r)
        func corner(_ dx: Double, _ dy: Double) -> PointF {
            PointF(cx + (dx * c - dy * s) * size / 2, cy + (dx * s + dy * c) * size / 2)
        }
        return Quad(corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1))
    }
}
