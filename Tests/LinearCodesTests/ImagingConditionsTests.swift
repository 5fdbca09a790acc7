import Imaging
import LinearCodes
import Symbols
import Testing
import TestSupport

/// Symbols as a camera sees them: any rotation, light on dark, blur, noise, low contrast, perspective,
/// small modules, YUYV frames, several symbols at once.
@Suite struct ImagingConditionsTests {
    let harness = LinearTestHarness()

    /// One symbol of each kind.
    static let symbols: [LinearSymbol] = [
        EANEncoder.ean13("590123412345"), EANEncoder.ean8("9638507"), EANEncoder.upcE(numberSystem: 0, "123456"),
        Code128Encoder.auto("LOT-20240601"), Code39Encoder.symbol("PART-43"), Code93Encoder.symbol("CODE 93"),
        ITFEncoder.symbol("00012345678905"), CodabarEncoder.symbol("A40156B"),
    ]

    func options(_ s: LinearSymbol, module: Double = 2.5) -> LinearRenderOptions {
        var o = LinearRenderOptions()
        o.width = 640
        o.height = 480
        o.module = module * (s.format == "Code39" || s.format == "ITF" || s.format == "Codabar" ? 0.5 : 1)
        o.heightRatio = 0.4
        return o
    }

    @Test(arguments: 0..<12)
    func readsAtAnyRotation(_ step: Int) {
        let angle = Double(step) * 30 + 7
        for s in [ImagingConditionsTests.symbols[0], ImagingConditionsTests.symbols[3]] {
            var o = options(s, module: 2.2)
            o.rotation = angle
            o.heightRatio = 0.5
            let reads = harness.roundTrip(s, o)
            #expect(s.isOnlyRead(in: reads), "\(s.format) at \(angle)°: \(reads)")
        }
    }

    @Test func readsLightOnDarkSymbols() {
        for s in ImagingConditionsTests.symbols {
            var o = options(s)
            o.inverted = true
            let reads = harness.roundTrip(s, o)
            #expect(s.isOnlyRead(in: reads), "\(s.format): \(reads)")
            #expect(reads.first?.isInverted == true)
        }
    }

    @Test func readsBlurredSymbols() {
        for s in ImagingConditionsTests.symbols {
            var o = options(s, module: 3)
            o.blur = 1.2
            let reads = harness.roundTrip(s, o)
            #expect(s.isOnlyRead(in: reads), "\(s.format): \(reads)")
        }
    }

    @Test func readsNoisySymbols() {
        for (i, s) in ImagingConditionsTests.symbols.enumerated() {
            var o = options(s, module: 3)
            o.noise = 14
            o.blur = 0.6
            o.seed = UInt64(i + 1)
            let reads = harness.roundTrip(s, o)
            #expect(s.isOnlyRead(in: reads), "\(s.format): \(reads)")
        }
    }

    @Test func readsLowContrastSymbols() {
        for s in ImagingConditionsTests.symbols {
            var o = options(s)
            o.paper = 150
            o.ink = 122
            o.background = 90
            o.blur = 0.6
            o.noise = 1.5
            let reads = harness.roundTrip(s, o)
            #expect(s.isOnlyRead(in: reads), "\(s.format): \(reads)")
        }
    }

    /// Thin print under blur, as halftone-printed labels show it: bars print half a module or more
    /// narrower than nominal, so a one-module bar is a shallow grey dip that never reaches the ink
    /// level, and wide bars measure narrow at half depth. Read by the binarizer-like looks near the
    /// paper level (none of these frames read without them).
    @Test func readsThinlyPrintedNarrowBarsUnderHalftoneAndBlur() {
        let cases = [(EANEncoder.upcA("03600029145"), -0.7, 0.7), (EANEncoder.ean13("590123412345"), -0.5, 0.8)]
        for (i, (s, growth, blur)) in cases.enumerated() {
            for seed in 1...3 {
                var o = options(s, module: 2)
                o.barGrowth = growth
                o.blur = blur
                o.screen = 20
                o.noise = 3
                o.seed = UInt64(10 * i + seed)
                let reads = harness.roundTrip(s, o)
                #expect(s.isOnlyRead(in: reads), "\(s.format) seed \(seed): \(reads)")
            }
        }
    }

    @Test func readsForeshortenedSymbols() {
        for s in ImagingConditionsTests.symbols {
            var o = options(s, module: 2)
            o.moduleAtEnd = o.module * 1.6
            let reads = harness.roundTrip(s, o)
            #expect(s.isOnlyRead(in: reads), "\(s.format): \(reads)")
        }
    }

    @Test func readsSmallModules() {
        for s in [EANEncoder.ean13("400638133393"), Code128Encoder.auto("12345678")] {
            var o = options(s, module: 1.4)
            o.blur = 0.5
            let reads = harness.roundTrip(s, o)
            #expect(s.isOnlyRead(in: reads), "\(s.format): \(reads)")
        }
    }

    /// Modules of 1.3 px under a lens blur of σ 0.8 px: a one-module space between two bars stays
    /// far below the paper level and its edges' steepest slopes push apart, so the plain edges read
    /// EAN 7 as 1 and merge narrow elements. Read by the sharpened look (`Sharpening`).
    @Test func readsSmallModulesUnderBlur() {
        let cases = [EANEncoder.ean13("614141000036"), EANEncoder.upcA("03600029145"), EANEncoder.ean13("401234567890")]
        for (i, s) in cases.enumerated() {
            var o = options(s, module: 1.3)
            o.blur = 0.8
            o.noise = 2
            o.rotation = 3
            o.seed = UInt64(i + 1)
            let reads = harness.roundTrip(s, o)
            #expect(s.isOnlyRead(in: reads), "\(s.format) \(s.text): \(reads)")
        }
    }

    /// A small EAN-8 (1.4 px modules, blurred) beside a large EAN-13 on the same rows: every line through
    /// the EAN-8 reads the EAN-13 first, and a line that read a symbol still gives a start of small
    /// modules beside it the sharpened look.
    @Test func readsASmallSymbolBesideALargeOneOnTheSameLines() {
        let large = EANEncoder.ean13("400638133393"), small = EANEncoder.ean8("9031101")
        var o = LinearRenderOptions()
        o.width = 640
        o.height = 240
        o.heightRatio = 0.5
        o.blur = 0.8
        o.noise = 2
        o.module = 2.2
        o.centerX = 0.33
        var frame = LinearRenderer.render(large, o)
        o.module = 1.4
        o.heightRatio = 0.6
        o.centerX = 0.83
        o.seed = 2
        let right = LinearRenderer.render(small, o)
        // The EAN-13's label ends left of x = 440, the EAN-8's begins right of it.
        for y in 0..<frame.height {
            for x in 440..<frame.width { frame.pixels[y * frame.width + x] = right.pixels[y * right.width + x] }
        }
        let texts = harness.read(frame).map(\.text).sorted()
        #expect(texts == ["4006381333931", small.text].sorted(), "\(texts)")
    }

    @Test func readsUpsideDownAndMirroredPlacement() {
        let s = ImagingConditionsTests.symbols[0]
        let image = LinearRenderer.render(s, options(s))
        #expect(s.isOnlyRead(in: harness.read(image.rotated(quarterTurns: 2))))
        #expect(s.isOnlyRead(in: harness.read(image.rotated(quarterTurns: 1))))
    }

    @Test func readsYUYVFrames() {
        let s = ImagingConditionsTests.symbols[3]
        let grey = LinearRenderer.render(s, options(s))
        // Y U Y V: luma in every other byte.
        var yuyv = [UInt8](repeating: 128, count: grey.width * grey.height * 2)
        for i in 0..<grey.pixels.count { yuyv[2 * i] = grey.pixels[i] }
        let reads = yuyv.withUnsafeBufferPointer { buffer in
            harness.read(LumaImage(pixels: buffer.baseAddress!, width: grey.width, height: grey.height,
                                   stride: grey.width * 2, pixelStep: 2))
        }
        #expect(s.isOnlyRead(in: reads), "\(reads)")
    }

    @Test func readsSeveralSymbolsInOneFrame() {
        let a = EANEncoder.ean8("9638507"), b = Code128Encoder.auto("SECOND-1"), c = EANEncoder.ean8("5512345")
        var frame = GrayImage(width: 640, height: 480, fill: 120)
        for (k, s) in [a, b, c].enumerated() {
            var o = options(s, module: 2)
            o.width = 640
            o.height = 160
            let band = LinearRenderer.render(s, o)
            for y in 0..<160 {
                for x in 0..<640 { frame[x, y + 160 * k] = band[x, y] }
            }
        }
        let reads = harness.read(frame)
        #expect(Set(reads.map(\.text)) == Set([a.text, b.text, c.text]), "\(reads)")
    }

    @Test func reportsCornersAroundTheBars() {
        let s = ImagingConditionsTests.symbols[0]
        var o = options(s)
        o.centerX = 0.4
        o.centerY = 0.6
        let reads = harness.roundTrip(s, o)
        let q = try! #require(reads.first?.corners)
        #expect(abs(q.center.x - 0.4 * 640) < 12 && abs(q.center.y - 0.6 * 480) < 30, "\(q)")
        // Reading order: the first corner pair runs left to right along the bars' top.
        #expect(q.topRight.x > q.topLeft.x)
    }
}
