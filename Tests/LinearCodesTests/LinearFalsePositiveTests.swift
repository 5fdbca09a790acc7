import Foundation
import Imaging
import LinearCodes
import Symbols
import Testing
import TestSupport

/// Frames without a symbol must read nothing: clutter, bar-like decoys (random widths, truncated real
/// symbols, checkerboards), noise and texture, as synth.py's `nocode` set has them.
@Suite struct LinearFalsePositiveTests {
    let harness = LinearTestHarness()

    /// A cluttered frame: textured background, rectangles, random bar fields and checkerboards.
    static func clutter(seed: UInt64, width: Int = 640, height: Int = 480) -> GrayImage {
        var r = TestRandom(seed: seed)
        var image = GrayImage(width: width, height: height, fill: 0)
        let base = r.uniform(60, 190)
        for y in 0..<height {
            for x in 0..<width {
                let wave = 18 * sin(Double(x) / r.uniform(30, 31)) * cos(Double(y) / 23)
                image[x, y] = UInt8(max(0, min(255, base + wave)))
            }
        }
        for _ in 0..<r.int(10...30) {
            let x0 = r.int(0...(width - 20)), y0 = r.int(0...(height - 20))
            let w = r.int(20...min(300, width - x0)), h = r.int(20...min(200, height - y0))
            let kind = r.int(0...2)
            let level = UInt8(r.int(20...235))
            // Random bar widths (1–6 px) in either orientation: barcode-like but no symbol.
            var widths: [Int] = []
            var total = 0
            while total < max(w, h) {
                let k = r.int(1...6)
                widths.append(k)
                total += k
            }
            let vertical = r.unit() < 0.5
            for y in y0..<(y0 + h) {
                for x in x0..<(x0 + w) {
                    var v = level
                    if kind == 1 {
                        var p = vertical ? x - x0 : y - y0
                        var k = 0
                        while k < widths.count, p >= widths[k] { p -= widths[k]; k += 1 }
                        v = k % 2 == 0 ? 30 : 220
                    } else if kind == 2 {
                        v = ((x - x0) / 9 + (y - y0) / 9) % 2 == 0 ? 40 : 210
                    }
                    image[x, y] = v
                }
            }
        }
        for i in 0..<image.pixels.count {
            image.pixels[i] = UInt8(max(0, min(255, Double(image.pixels[i]) + 4 * r.gaussian())))
        }
        return image
    }

    @Test(arguments: 0..<24)
    func readsNothingInClutter(_ seed: Int) {
        let reads = harness.read(LinearFalsePositiveTests.clutter(seed: UInt64(seed)))
        #expect(reads.isEmpty, "seed \(seed): \(reads)")
    }

    @Test func readsNothingInSymbolsCutInHalf() {
        // The left half of each symbol (start pattern and half the data) must not read as anything.
        for s in ImagingConditionsTests.symbols {
            var o = LinearRenderer.fittingOptions(s, module: 2)
            o.centerX = 1.0 // the frame ends in the middle of the symbol
            let reads = harness.roundTrip(s, o)
            #expect(reads.isEmpty, "\(s.format): \(reads)")
        }
    }

    @Test func readsNothingInNoise() {
        var r = TestRandom(seed: 99)
        for sigma in [3.0, 20.0, 60.0] {
            var image = GrayImage(width: 320, height: 240, fill: 128)
            for i in 0..<image.pixels.count {
                image.pixels[i] = UInt8(max(0, min(255, 128 + sigma * r.gaussian())))
            }
            #expect(harness.read(image).isEmpty, "noise \(sigma)")
        }
    }
}
