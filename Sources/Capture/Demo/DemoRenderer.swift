import Imaging

/// One code in a demo scene, placed by fractions of the frame so that any frame size works.
struct DemoItem {
    enum Kind {
        /// A QR Code: rows of modules.
        case matrix([StaticString])
        /// A 1D code: one row of modules.
        case linear(StaticString)
    }

    var kind: Kind
    /// Centre, as fractions of the frame's width and height.
    var centerX: Double
    var centerY: Double
    /// Size of the code with its quiet zone, as a fraction of the frame's height (QR) or width (1D).
    var size: Double
}

/// Draws demo scenes into a luma buffer: a soft grey background with a gentle gradient, and each code
/// on a white label with its quiet zone (4 modules for QR Code, 10 for 1D codes), in whole-pixel modules.
enum DemoRenderer {
    static let ink: UInt8 = 30
    static let paper: UInt8 = 232

    static func draw(_ items: [DemoItem], into pixels: UnsafeMutablePointer<UInt8>, width: Int, height: Int) {
        for y in 0..<height {
            let row = pixels + y * width
            for x in 0..<width {
                // Safe: x < width, y < height.
                row[x] = UInt8(truncatingIfNeeded: 150 + (x * 40) / width + (y * 20) / height)
            }
        }
        for item in items {
            switch item.kind {
            case .matrix(let rows): drawMatrix(rows, item, pixels, width, height)
            case .linear(let modules): drawLinear(modules, item, pixels, width, height)
            }
        }
    }

    private static func drawMatrix(_ rows: [StaticString], _ item: DemoItem, _ pixels: UnsafeMutablePointer<UInt8>,
                                   _ width: Int, _ height: Int) {
        let n = rows.count
        let module = max(2, Int(item.size * Double(height)) / (n + 8))
        let side = (n + 8) * module
        let left = Int(item.centerX * Double(width)) - side / 2
        let top = Int(item.centerY * Double(height)) - side / 2
        fill(left, top, side, side, paper, pixels, width, height)
        for (r, row) in rows.enumerated() {
            let bits = UnsafeBufferPointer(start: row.utf8Start, count: row.utf8CodeUnitCount)
            for (c, bit) in bits.enumerated() where bit == UInt8(ascii: "1") {
                fill(left + (c + 4) * module, top + (r + 4) * module, module, module, ink, pixels, width, height)
            }
        }
    }

    private static func drawLinear(_ modules: StaticString, _ item: DemoItem, _ pixels: UnsafeMutablePointer<UInt8>,
                                   _ width: Int, _ height: Int) {
        let bits = UnsafeBufferPointer(start: modules.utf8Start, count: modules.utf8CodeUnitCount)
        let module = max(2, Int(item.size * Double(width)) / (bits.count + 20))
        let labelWidth = (bits.count + 20) * module
        let barHeight = max(24, height * 3 / 10)
        let left = Int(item.centerX * Double(width)) - labelWidth / 2
        let top = Int(item.centerY * Double(height)) - barHeight / 2
        fill(left, top - module * 4, labelWidth, barHeight + module * 8, paper, pixels, width, height)
        for (c, bit) in bits.enumerated() where bit == UInt8(ascii: "1") {
            fill(left + (c + 10) * module, top, module, barHeight, ink, pixels, width, height)
        }
    }

    /// Fills a rectangle, clipped to the frame.
    private static func fill(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ value: UInt8,
                             _ pixels: UnsafeMutablePointer<UInt8>, _ width: Int, _ height: Int) {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x1 > x0, y1 > y0 else { return }
        for yy in y0..<y1 {
            (pixels + yy * width + x0).update(repeating: value, count: x1 - x0) // Safe: clipped to the frame.
        }
    }
}
