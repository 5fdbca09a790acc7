#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders a `LinearSymbol` into a grey image the way a camera would see a printed label: placed and
/// rotated in the frame, optionally foreshortened (modules shrinking from one end to the other),
/// anti-aliased, blurred, with sensor noise, any contrast, either polarity.
public struct LinearRenderOptions: Sendable {
    public var width = 400
    public var height = 240
    /// Module size in pixels at the symbol's left end, and at its right end (perspective).
    public var module = 2.0
    public var moduleAtEnd: Double? = nil
    /// Rotation of the symbol in degrees, clockwise in image coordinates.
    public var rotation = 0.0
    /// Bar height as a fraction of the symbol's width (quiet zones excluded).
    public var heightRatio = 0.35
    /// Symbol centre as a fraction of the frame.
    public var centerX = 0.5
    public var centerY = 0.5
    /// Grey levels of label paper, ink and the background around the label.
    public var paper = 220.0
    public var ink = 30.0
    public var background = 120.0
    /// Light bars on a dark label.
    public var inverted = false
    /// Ink spread in modules: how much wider than nominal every bar prints (negative: thin print,
    /// narrower bars and wider spaces).
    public var barGrowth = 0.0
    /// Halftone screen over the frame: a dot pattern of this amplitude (grey levels) and period
    /// (pixels), as printed labels and paper texture show it.
    public var screen = 0.0
    public var screenPeriod = 3.0
    /// Gaussian blur (standard deviation in pixels) and sensor noise (standard deviation in levels).
    public var blur = 0.0
    public var noise = 0.0
    public var seed: UInt64 = 1

    public init() {}
}

public enum LinearRenderer {
    /// Renders `symbol` with `options` (quiet zones of `symbol.quietZone` modules are part of the label).
    public static func render(_ symbol: LinearSymbol, _ options: LinearRenderOptions) -> GrayImage {
        let o = options
        // Cumulative module edges: element k covers [edges[k], edges[k + 1]).
        var edges = [0]
        for w in symbol.widths { edges.append(edges.last! + w) }
        let total = Double(edges.last!)
        let quiet = Double(symbol.quietZone)
        let m0 = o.module, m1 = o.moduleAtEnd ?? o.module
        // Width in pixels of modules 0 ... x when the module grows linearly from m0 to m1 over the label.
        let labelModules = total + 2 * quiet
        func pixels(_ x: Double) -> Double { m0 * x + (m1 - m0) * x * x / (2 * labelModules) }
        let labelWidth = pixels(labelModules)
        let barHeight = o.heightRatio * (pixels(quiet + total) - pixels(quiet))
        let labelHeight = barHeight + 2 * max(o.module * 3, 4)
        let angle = o.rotation * Double.pi / 180
        let c = cos(angle), s = sin(angle)
        let cx = o.centerX * Double(o.width), cy = o.centerY * Double(o.height)
        // Inverse of `pixels`: module position of a distance along the label.
        func modules(_ p: Double) -> Double {
            if abs(m1 - m0) < 1e-12 { return p / m0 }
            let a = (m1 - m0) / (2 * labelModules)
            return (-m0 + (m0 * m0 + 4 * a * p).squareRoot()) / (2 * a)
        }
        var image = GrayImage(width: o.width, height: o.height, fill: 0)
        var buffer = [Double](repeating: 0, count: o.width * o.height)
        let sub = 3
        for y in 0..<o.height {
            for x in 0..<o.width {
                var sum = 0.0
                for sy in 0..<sub {
                    for sx in 0..<sub {
                        let px = Double(x) + (Double(sx) + 0.5) / Double(sub) - cx
                        let py = Double(y) + (Double(sy) + 0.5) / Double(sub) - cy
                        // Label coordinates: u along the symbol from the label's left edge, v across.
                        let u = px * c + py * s + labelWidth / 2
                        let v = -px * s + py * c
                        guard u >= 0, u < labelWidth, abs(v) < labelHeight / 2 else {
                            sum += o.background
                            continue
                        }
                        let m = modules(u) - quiet
                        var dark = false
                        if m >= 0, m < total, abs(v) < barHeight / 2 {
                            // Binary search for the element holding module position m.
                            var lo = 0, hi = symbol.widths.count - 1
                            while lo < hi {
                                let mid = (lo + hi + 1) / 2
                                if Double(edges[mid]) <= m { lo = mid } else { hi = mid - 1 }
                            }
                            dark = lo % 2 == 0
                            let g = o.barGrowth / 2
                            if dark, g < 0 {
                                dark = m - Double(edges[lo]) >= -g && Double(edges[lo + 1]) - m > -g
                            } else if !dark, g > 0 {
                                dark = m - Double(edges[lo]) < g || Double(edges[lo + 1]) - m <= g
                            }
                        }
                        if o.inverted { dark.toggle() }
                        sum += dark ? o.ink : o.paper
                    }
                }
                let dots = o.screen == 0 ? 0 : o.screen * cos(2 * Double.pi * Double(x) / o.screenPeriod)
                    * cos(2 * Double.pi * Double(y) / o.screenPeriod)
                buffer[y * o.width + x] = sum / Double(sub * sub) + dots
            }
        }
        if o.blur > 0 { blur(&buffer, o.width, o.height, o.blur) }
        var random = TestRandom(seed: o.seed)
        for i in 0..<buffer.count {
            let v = buffer[i] + (o.noise > 0 ? o.noise * random.gaussian() : 0)
            image.pixels[i] = UInt8(max(0, min(255, v.rounded())))
        }
        return image
    }

    /// Separable Gaussian blur in place.
    static func blur(_ b: inout [Double], _ w: Int, _ h: Int, _ sigma: Double) {
        let r = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-r...r).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let norm = kernel.reduce(0, +)
        kernel = kernel.map { $0 / norm }
        var tmp = b
        for y in 0..<h {
            for x in 0..<w {
                var acc = 0.0
                for k in -r...r { acc += kernel[k + r] * b[y * w + min(w - 1, max(0, x + k))] }
                tmp[y * w + x] = acc
            }
        }
        for y in 0..<h {
            for x in 0..<w {
                var acc = 0.0
                for k in -r...r { acc += kernel[k + r] * tmp[min(h - 1, max(0, y + k)) * w + x] }
                b[y * w + x] = acc
            }
        }
    }

    /// A frame size that fits `symbol` at `module` pixels per module with some margin, for simple tests.
    public static func fittingOptions(_ symbol: LinearSymbol, module: Double = 2) -> LinearRenderOptions {
        var o = LinearRenderOptions()
        o.module = module
        let modules = Double(symbol.moduleCount + 2 * symbol.quietZone)
        o.width = Int((modules * module * 1.15).rounded()) + 16
        o.height = max(60, Int((Double(symbol.moduleCount) * module * o.heightRatio * 1.6).rounded()) + 16)
        return o
    }
}
