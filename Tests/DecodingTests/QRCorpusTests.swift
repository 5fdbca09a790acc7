import Decoding
import Symbols
import Testing
import TestSupport

/// The QR sets of the benchmark corpus (`../shared/corpus`), each image also turned 90°, 180° and 270°.
///
/// Minimums only ratchet up. `zxing` records zxing-cpp's own blackbox expectation for the set (rotation
/// 0), the bar the product aims at; where Lumascan is below it, the gap is listed in the README.
@Suite struct QRCorpusTests {
    struct SetMinimum: Sendable, CustomStringConvertible {
        let name: String
        /// Minimum passes at rotation 0, 90, 180, 270.
        let minimum: (Int, Int, Int, Int)
        let zxing: Int
        var description: String { name }
    }

    static let minimums: [SetMinimum] = [
        SetMinimum(name: "qrcode-1", minimum: (8, 8, 8, 8), zxing: 8),
        SetMinimum(name: "qrcode-2", minimum: (54, 51, 51, 52), zxing: 53),
        SetMinimum(name: "qrcode-3", minimum: (18, 18, 18, 18), zxing: 18),
        SetMinimum(name: "qrcode-4", minimum: (20, 18, 18, 18), zxing: 15),
        SetMinimum(name: "qrcode-5", minimum: (16, 16, 16, 16), zxing: 16),
        SetMinimum(name: "qrcode-6", minimum: (15, 15, 15, 15), zxing: 15),
        SetMinimum(name: "qrcode-7", minimum: (4, 4, 4, 4), zxing: 4),
    ]

    static func decoder() -> Decoder {
        Decoder(configuration: DecoderConfiguration(maxWidth: 1024, maxHeight: 1024, formats: FormatSet(.qrCode)))
    }

    /// Whether every expected QR text of `entry` is among the decoded texts.
    static func passes(_ entry: Corpus.Entry, _ decoder: Decoder) -> Bool {
        let texts = (0..<decoder.results.count).map { decoder.results[$0].textString }
        return entry.expect.filter { $0.format == "QRCode" }.allSatisfy { e in e.text.map(texts.contains) ?? false }
    }

    @Test(arguments: minimums)
    func readsAtLeastTheSetMinimumAtEveryQuarterTurn(_ expectation: SetMinimum) throws {
        let corpus = try #require(Corpus.shared, "corpus not found at \(Corpus.defaultRoot()) (set LUMASCAN_CORPUS)")
        let entries = corpus.entries(inSet: expectation.name)
        try #require(!entries.isEmpty, "set \(expectation.name) is missing from the corpus")
        let decoder = Self.decoder()
        let wanted = [expectation.minimum.0, expectation.minimum.1, expectation.minimum.2, expectation.minimum.3]
        for turn in 0..<4 {
            var passed = 0
            var failed: [String] = []
            for entry in entries {
                let image = try corpus.load(entry).rotated(quarterTurns: turn)
                image.withLumaImage { _ = decoder.decode($0) }
                if Self.passes(entry, decoder) { passed += 1 } else { failed.append(entry.image) }
            }
            #expect(passed >= wanted[turn],
                    "\(expectation.name) at \(turn * 90)°: \(passed)/\(entries.count), minimum \(wanted[turn]); failed: \(failed)")
        }
    }

    @Test(arguments: ["falsepositives-1", "falsepositives-2"])
    func findsNothingInImagesWithoutACode(_ set: String) throws {
        let corpus = try #require(Corpus.shared, "corpus not found at \(Corpus.defaultRoot())")
        let decoder = Self.decoder()
        for entry in corpus.entries(inSet: set) {
            for turn in 0..<4 {
                let image = try corpus.load(entry).rotated(quarterTurns: turn)
                let n = image.withLumaImage { decoder.decode($0) }
                #expect(n == 0, "\(entry.image) at \(turn * 90)°: \(n) false reads")
            }
        }
    }
}
