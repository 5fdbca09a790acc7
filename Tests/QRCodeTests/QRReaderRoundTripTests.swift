import Glibc
import Imaging
import QRCode
import Symbols
import Testing
import TestSupport

/// Encoder → camera-like rendering → `QRReader`: every version, level and mask through the whole reader,
/// with the distortions a camera adds.
@Suite struct QRReaderRoundTripTests {
    static let levels: [QRErrorCorrectionLevel] = [.low, .medium, .quartile, .high]

    /// A payload of printable ASCII that fills about half of the symbol's byte capacity.
    static func payload(version: Int, level: QRErrorCorrectionLevel, seed: UInt64) -> String {
        var rng = SeededRandom(seed: seed)
        let capacity = QRBlockLayout(version: version, level: level)!.dataCodewords
        let length = max(1, capacity / 2)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -./:")
        return String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }

    /// Renders `symbol` into a frame, turned by `degrees`, its corners pulled by up to `tilt` of its size.
    static func frame(_ symbol: QRTestSymbol, width: Int = 900, height: Int = 900, modulePixels: Double,
                      degrees: Double, tilt: Double, seed: UInt64, background: UInt8 = 200) -> GrayImage {
        var canvas = GrayImage(width: width, height: height, fill: background)
        let n = symbol.dimension
        let size = Double(n) * modulePixels
        var quad = SceneRenderer.square(center: Double(width) / 2, Double(height) / 2, size: size, degrees: degrees)
        var rng = SeededRandom(seed: seed)
        func pull(_ p: PointF) -> PointF {
            PointF(p.x + (rng.unit() - 0.5) * 2 * tilt * size, p.y + (rng.unit() - 0.5) * 2 * tilt * size)
        }
        quad = Quad(pull(quad.topLeft), pull(quad.topRight), pull(quad.bottomRight), pull(quad.bottomLeft))
        SceneRenderer.draw(modules: symbol.modules, columns: n, rows: n, into: &canvas, corners: quad)
        return canvas
    }

    @Test(arguments: Array(1...40))
    func decodesEveryVersionTurnedTiltedAndBlurred(version: Int) throws {
        // Every level and every mask come round as the version changes (40 versions × 4 levels × 8 masks
        // are covered at matrix level by QRRoundTripTests; here the whole reader sees each version).
        let level = Self.levels[version % 4]
        let mask = (version * 3) % 8
        let text = Self.payload(version: version, level: level, seed: UInt64(version))
        let symbol = try #require(QRTestEncoder.encode([.utf8(text)], level: level, version: version, mask: mask))
        // Small enough that the symbol, turned and tilted, fits the frame with its quiet zone.
        let modulePixels = min(6.0, 860.0 / (Double(symbol.dimension + 8) * 1.5))
        let image = Self.frame(symbol, modulePixels: modulePixels, degrees: Double(version * 37 % 360),
                               tilt: 0.04, seed: UInt64(version))
            .blurred(sigma: 0.6)
            .withNoise(sigma: 4, seed: UInt64(version))
        let read = QRImageReader.texts(in: image)
        #expect(read == [text], "version \(version) \(level) mask \(mask)")
        if read != [text], let dir = getenv("LUMASCAN_FAILED_FRAMES") {
            image.writePGM(String(cString: dir) + "/roundtrip-v\(version).pgm")
        }
    }

    @Test(arguments: [(2, 0), (5, 1), (9, 2), (14, 3), (22, 4)])
    func decodesLightOnDarkAndMirroredSymbols(version: Int, variant: Int) throws {
        let text = Self.payload(version: version, level: .medium, seed: 100 + UInt64(version))
        let symbol = try #require(QRTestEncoder.encode([.utf8(text)], level: .medium, version: version))
        var image = Self.frame(symbol, width: 640, height: 480, modulePixels: min(5, 450.0 / (Double(symbol.dimension + 8) * 1.5)),
                               degrees: Double(variant * 71), tilt: 0.03, seed: UInt64(variant))
        if variant % 2 == 0 { image = image.inverted() }
        if variant >= 2 { image = image.mirrored() }
        let read = QRImageReader.texts(in: image)
        #expect(read == [text], "variant \(variant)")
        if read != [text], let dir = getenv("LUMASCAN_FAILED_FRAMES") {
            image.writePGM(String(cString: dir) + "/mirrored-v\(version)-\(variant).pgm")
        }
    }

    @Test(arguments: [(3, 1.2, 0.0), (6, 0.0, 14.0), (10, 1.0, 8.0), (4, 0.0, 0.0)])
    func decodesUnderBlurNoiseAndLowContrast(version: Int, blur: Double, noise: Double) throws {
        let text = Self.payload(version: version, level: .quartile, seed: 7 + UInt64(version))
        let symbol = try #require(QRTestEncoder.encode([.utf8(text)], level: .quartile, version: version))
        var image = Self.frame(symbol, width: 640, height: 480, modulePixels: 4.5, degrees: 12, tilt: 0.02, seed: 9)
        if blur == 0 && noise == 0 {
            image = image.withContrast(low: 120, high: 150).withIlluminationRamp(left: 0.6, right: 1.0)
        } else {
            image = image.blurred(sigma: blur).withNoise(sigma: noise, seed: UInt64(version))
        }
        #expect(QRImageReader.texts(in: image) == [text])
    }

    @Test(arguments: [2, 5, 7, 12])
    func decodesWithDamageWithinTheCorrectionCapacity(version: Int) throws {
        let text = Self.payload(version: version, level: .high, seed: 50 + UInt64(version))
        var symbol = try #require(QRTestEncoder.encode([.utf8(text)], level: .high, version: version))
        // Blot out a square of data modules in the lower right quarter (away from the eyes): about 9 % of
        // the symbol, a third of what level H can restore.
        let n = symbol.dimension
        let side = max(3, Int((0.09 * Double(n * n)).squareRoot()))
        var modules = symbol.modules
        for y in (n - 9 - side)..<(n - 9) {
            for x in (n / 2)..<(n / 2 + side) where x < n { modules[y * n + x] = UInt8((x * 7 + y * 3) % 5 == 0 ? 1 : 0) }
        }
        symbol = symbol.replacingModules(modules)
        let image = Self.frame(symbol, width: 640, height: 640, modulePixels: 5, degrees: 8, tilt: 0.02, seed: 3)
        #expect(QRImageReader.texts(in: image) == [text])
    }

    @Test func readsEverySymbolOfAFrameWithSeveral() throws {
        var canvas = GrayImage(width: 1280, height: 720, fill: 190)
        var expected: Set<String> = []
        for (i, version) in [1, 4, 8, 3].enumerated() {
            let text = "symbol \(i) " + Self.payload(version: version, level: .medium, seed: UInt64(i))
            guard let symbol = QRTestEncoder.encode([.utf8(text)], level: .medium) else { continue }
            expected.insert(text)
            let cx = 200.0 + Double(i) * 290, cy = i % 2 == 0 ? 230.0 : 480.0
            SceneRenderer.draw(modules: symbol.modules, columns: symbol.dimension, rows: symbol.dimension, into: &canvas,
                               corners: SceneRenderer.square(center: cx, cy, size: Double(symbol.dimension) * 4,
                                                             degrees: Double(i * 25)))
        }
        #expect(Set(QRImageReader.texts(in: canvas.blurred(sigma: 0.5))) == expected)
    }

    @Test func reportsVersionLevelStructuredAppendAndCorners() throws {
        let parts = ["first half, ", "second half"]
        let parity = QRTestSegment.parity(of: Array(parts.joined().utf8))
        let symbol = try #require(QRTestEncoder.encode(
            [.structuredAppend(index: 1, count: 2, parity: parity), .utf8(parts[1])], level: .quartile, version: 3))
        let image = Self.frame(symbol, width: 400, height: 400, modulePixels: 6, degrees: 0, tilt: 0, seed: 1)
        let arena = ScanArena()
        let reader = QRReader(arena: arena, maxWidth: 400, maxHeight: 400)
        let results = ResultSlots(arena: arena)
        results.reset()
        let n = image.withLumaImage { reader.read($0, into: results) }
        try #require(n == 1)
        let info = results[0].info
        #expect(results[0].textString == parts[1])
        #expect(info.version == 3 && info.ecLevel == UInt8(ascii: "Q"))
        #expect(info.structuredAppend == StructuredAppend(index: 1, count: 2, parity: UInt8(parity)))
        #expect(info.aim.description == "]Q1")
        // Symbol of 29 modules × 6 px centred in 400×400: corners at 113 and 287.
        #expect(info.corners.topLeft.distance(to: PointF(113, 113)) < 3)
        #expect(info.corners.bottomRight.distance(to: PointF(287, 287)) < 3)
    }
}
