import Imaging
import QRCode
import Symbols
import Testing
import TestSupport

/// Art QR codes put a picture into the stones of their eyes: the scan then finds two eyes, and the third
/// is looked for by its rings where the two put it (`QRReader+MissingEye`, `EyeRingSearch`); with one
/// eye found, the second comes from the scan's weak hits.
@Suite struct QRMissingEyeTests {
    static let text = "PICTURE IN THE STONE 0123456789"

    /// A version 6 symbol, 6 px modules, with the stone of eye `eye` (0 top-left, 1 top-right, 2
    /// bottom-left) painted with light grey speckles, as an art QR's photo fills it.
    /// With `holeInEye`, that eye's stone gets a light hole in its top-left module (its rows still look
    /// like an eye's, its diagonal does not: a weak hit).
    static func symbolWithPictureInStone(eye: Int, seed: UInt64, holeInEye: Int? = nil) throws -> GrayImage {
        let symbol = try #require(QRTestEncoder.encode([.utf8(text)], level: .medium, version: 6, mask: 2))
        let modulePixels = 6, quietZone = 4
        var image = symbol.render(moduleSize: modulePixels, quietZone: quietZone)
        let n = symbol.dimension
        func stoneOrigin(_ eye: Int) -> (Int, Int) {
            let column = eye == 1 ? n - 5 : 2, row = eye == 2 ? n - 5 : 2
            return ((column + quietZone) * modulePixels, (row + quietZone) * modulePixels)
        }
        let (x0, y0) = stoneOrigin(eye)
        var rng = SeededRandom(seed: seed)
        for y in y0..<(y0 + 3 * modulePixels) {
            for x in x0..<(x0 + 3 * modulePixels) { image[x, y] = UInt8(150 + rng.below(106)) }
        }
        if let hole = holeInEye {
            let (hx, hy) = stoneOrigin(hole)
            for y in hy..<(hy + modulePixels) {
                for x in hx..<(hx + modulePixels) { image[x, y] = 255 }
            }
        }
        return image
    }

    @Test(arguments: [0, 1, 2])
    func readsASymbolWhoseEyeHasAPictureInItsStoneAtEveryQuarterTurn(eye: Int) throws {
        let image = try Self.symbolWithPictureInStone(eye: eye, seed: UInt64(eye + 1))
        for turn in 0..<4 {
            #expect(QRImageReader.texts(in: image.rotated(quarterTurns: turn)) == [Self.text], "eye \(eye) at \(turn * 90)°")
        }
    }

    @Test func readsASymbolWithPicturesInTwoStonesAtEveryQuarterTurn() throws {
        // Only the top-left eye passes the scan's cross-checks; the bottom-left one is a weak hit.
        let image = try Self.symbolWithPictureInStone(eye: 1, seed: 5, holeInEye: 2)
        for turn in 0..<4 {
            #expect(QRImageReader.texts(in: image.rotated(quarterTurns: turn)) == [Self.text], "at \(turn * 90)°")
        }
    }

    @Test func readsAMirroredSymbolWhoseEyeHasAPictureInItsStone() throws {
        let image = try Self.symbolWithPictureInStone(eye: 1, seed: 7).mirrored()
        #expect(QRImageReader.texts(in: image) == [Self.text])
    }

    @Test func findsNothingBesideTwoLoneEyes() throws {
        // Two eyes of a symbol with everything else blanked: no third eye's rings, nothing to read.
        var image = try Self.symbolWithPictureInStone(eye: 1, seed: 3)
        let modulePixels = 6, quietZone = 4, n = 41
        for y in 0..<image.height {
            for x in 0..<image.width {
                let col = x / modulePixels - quietZone, row = y / modulePixels - quietZone
                let inLeftEyes = col >= 0 && col < 8 && ((row >= 0 && row < 8) || (row >= n - 8 && row < n))
                if !inLeftEyes { image[x, y] = 255 }
            }
        }
        #expect(QRImageReader.texts(in: image).isEmpty)
    }

    @Test func aThirdEyeFoundByItsRingsCannotMakeARandomGridRead() throws {
        // Eyes and timing patterns in place, every other module random: the grid is found, but no
        // Reed-Solomon block can come out right, so nothing is reported.
        let symbol = try #require(QRTestEncoder.encode([.utf8(Self.text)], level: .medium, version: 6, mask: 2))
        var rng = SeededRandom(seed: 11)
        let n = symbol.dimension
        var modules = symbol.modules
        for row in 0..<n {
            for col in 0..<n {
                let inEye = (col < 8 && row < 8) || (col >= n - 8 && row < 8) || (col < 8 && row >= n - 8)
                if !inEye && row != 6 && col != 6 { modules[row * n + col] = UInt8(rng.below(2)) }
            }
        }
        var image = symbol.replacingModules(modules).render(moduleSize: 6, quietZone: 4)
        for y in 36..<54 {
            for x in (n - 1) * 6..<(n + 2) * 6 { image[x, y] = UInt8(150 + rng.below(106)) }
        }
        for turn in 0..<4 {
            #expect(QRImageReader.texts(in: image.rotated(quarterTurns: turn)).isEmpty, "at \(turn * 90)°")
        }
    }
}
