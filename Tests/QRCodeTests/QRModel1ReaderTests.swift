import Glibc
import Imaging
import QRCode
import Symbols
import Testing
import TestSupport

/// QR Code Model 1 through the whole `QRReader`: rendered, turned, tilted, mirrored and inverted frames of
/// every version and level, and the two Model 1 symbols of the benchmark corpus.
@Suite struct QRModel1ReaderTests {
    /// Printable ASCII filling about half of the symbol's data codewords.
    static func payload(version: Int, level: QRErrorCorrectionLevel, seed: UInt64) -> String {
        var rng = SeededRandom(seed: seed)
        let length = max(1, QRBlockLayout(model1Version: version, level: level)!.dataCodewords / 2)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -./:")
        return String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }

    /// Texts and AIM identifiers `QRReader` finds in `image`.
    static func read(_ image: GrayImage) -> [(text: String, aim: AIMIdentifier)] {
        let arena = ScanArena()
        let reader = QRReader(arena: arena, maxWidth: image.width, maxHeight: image.height)
        let results = ResultSlots(arena: arena)
        results.reset()
        let n = image.withLumaImage { reader.read($0, into: results) }
        return (0..<n).map { (results[$0].textString, results[$0].info.aim) }
    }

    @Test(arguments: Array(1...QRModel1.maximumVersion))
    func readsEveryLevelOfTheVersionTurnedTiltedAndBlurred(version: Int) throws {
        var failures: [String] = []
        for (index, level) in QRErrorCorrectionLevel.allCases.enumerated() {
            let mask = (version + 2 * index) % 8
            let seed = UInt64(version * 4 + index)
            let text = Self.payload(version: version, level: level, seed: seed)
            let symbol = try #require(QRTestEncoder.encodeModel1([.utf8(text)], level: level, version: version, mask: mask))
            let modulePixels = min(5.0, 560.0 / (Double(symbol.dimension + 8) * 1.5))
            var image = QRReaderRoundTripTests.frame(symbol, width: 640, height: 640, modulePixels: modulePixels,
                                                     degrees: Double((version * 37 + index * 90) % 360), tilt: 0.03,
                                                     seed: seed)
                .blurred(sigma: 0.6)
                .withNoise(sigma: 4, seed: seed)
            // Every fourth frame mirrored, every third light on dark.
            if (version + index) % 4 == 0 { image = image.mirrored() }
            if (version + index) % 3 == 0 { image = image.inverted() }
            let read = Self.read(image)
            if read.map({ $0.text }) != [text] || read.first?.aim != AIMIdentifier("Q", "0") {
                failures.append("\(level) mask \(mask): \(read.map({ $0.text }).map { $0.prefix(12) })")
                if let dir = getenv("LUMASCAN_FAILED_FRAMES") {
                    image.writePGM(String(cString: dir) + "/model1-v\(version)-\(level).pgm")
                }
            }
        }
        #expect(failures.isEmpty, "version \(version): \(failures)")
    }

    @Test(arguments: [
        ("qrcode-2/#940.pgm", "N023X-3431800-V034PG03X-3436010-A1125032918310706"),
        ("qrcode-2/qr-model-1.pgm", "QR Code Model 1 "),
    ])
    func readsTheCorpusModel1SymbolsAtEveryQuarterTurn(image name: String, text: String) throws {
        let corpus = try #require(Corpus.shared, "corpus not found at \(Corpus.defaultRoot()) (set LUMASCAN_CORPUS)")
        let entry = try #require(corpus.entries.first { $0.image == name })
        for turn in 0..<4 {
            let read = Self.read(try corpus.load(entry).rotated(quarterTurns: turn))
            #expect(read.map({ $0.text }) == [text], "\(name) at \(turn * 90)°")
            #expect(read.first?.aim == AIMIdentifier("Q", "0"))
        }
    }
}
