import Decoding
import Glibc
import ImageFiles
import QRCode
import Symbols

/// A decoded symbol copied out of the result slots for printing.
struct SymbolRecord {
    let format: SymbolFormat
    let text: [UInt8]
    let bytes: [UInt8]
    let isText: Bool
    let info: SymbolInfo
}

struct DecodeOutcome {
    let symbols: [SymbolRecord]
    let milliseconds: Double
    let qrStatistics: QRReaderStatistics?
    let finderCandidates: [FinderCandidate]
    let lastGrid: [String]
}

/// Keeps one `Decoder` across images, rebuilding it (outside the timed part) when an image is larger
/// than its buffers.
struct DecodeSession {
    private let formats: FormatSet
    private var decoder: Decoder?

    init(formats: FormatSet) {
        self.formats = formats
    }

    mutating func decode(_ image: LoadedImage) -> DecodeOutcome {
        if decoder == nil || !decoder!.accepts(width: image.width, height: image.height) {
            let w = max(image.width, decoder?.configuration.maxWidth ?? 1280)
            let h = max(image.height, decoder?.configuration.maxHeight ?? 720)
            decoder = Decoder(configuration: DecoderConfiguration(maxWidth: w, maxHeight: h, formats: formats))
        }
        let decoder = self.decoder!
        var start = timespec(), end = timespec()
        let count = image.withLumaImage { luma in
            clock_gettime(CLOCK_MONOTONIC, &start)
            let n = decoder.decode(luma)
            clock_gettime(CLOCK_MONOTONIC, &end)
            return n
        }
        let ms = Double(end.tv_sec - start.tv_sec) * 1000 + Double(end.tv_nsec - start.tv_nsec) / 1_000_000
        var symbols: [SymbolRecord] = []
        for i in 0..<count {
            let s = decoder.results[i]
            symbols.append(SymbolRecord(format: s.format, text: Array(s.text), bytes: Array(s.bytes),
                                        isText: JSONText.isValidUTF8(s.text), info: s.info))
        }
        return DecodeOutcome(symbols: symbols, milliseconds: ms, qrStatistics: decoder.qrStatistics,
                             finderCandidates: decoder.qrFinderCandidates, lastGrid: decoder.qrLastGrid)
    }
}
