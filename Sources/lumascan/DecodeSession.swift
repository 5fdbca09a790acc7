import Decoding
import Glibc
import ImageFiles
import Imaging
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
    private let eanAddOns: EANAddOnPolicy
    private let trace: Bool
    /// Whether outcomes carry the QR diagnostics (finder candidates, last grid): `--verbose` only,
    /// since building them (strings, arrays) costs more than decoding a small image.
    private let diagnostics: Bool
    private var decoder: Decoder?

    init(formats: FormatSet, eanAddOns: EANAddOnPolicy = .auto, trace: Bool = false, diagnostics: Bool = false) {
        self.formats = formats
        self.eanAddOns = eanAddOns
        self.trace = trace
        self.diagnostics = diagnostics
    }

    /// Decodes `image` `repeat` times (the same results each time: decoding is deterministic) and reports
    /// the fastest time, which is what a warm, undisturbed scan loop takes.
    mutating func decode(_ image: LoadedImage, repeat repeats: Int = 1) -> DecodeOutcome {
        if decoder == nil || !decoder!.accepts(width: image.width, height: image.height) {
            let w = max(image.width, decoder?.configuration.maxWidth ?? 1280)
            let h = max(image.height, decoder?.configuration.maxHeight ?? 720)
            decoder = Decoder(configuration: DecoderConfiguration(maxWidth: w, maxHeight: h, formats: formats,
                                                                    eanAddOns: eanAddOns))
            if trace { decoder?.qrTrace = { printError("  qr " + describe($0)) } }
        }
        let decoder = self.decoder!
        var ms = Double.infinity
        let count = image.withLumaImage { luma in
            var n = 0
            for _ in 0..<max(1, repeats) {
                var start = timespec(), end = timespec()
                clock_gettime(CLOCK_MONOTONIC, &start)
                n = decoder.decode(luma)
                clock_gettime(CLOCK_MONOTONIC, &end)
                ms = min(ms, Double(end.tv_sec - start.tv_sec) * 1000 + Double(end.tv_nsec - start.tv_nsec) / 1_000_000)
            }
            return n
        }
        var symbols: [SymbolRecord] = []
        for i in 0..<count {
            let s = decoder.results[i]
            symbols.append(SymbolRecord(format: s.format, text: Array(s.text), bytes: Array(s.bytes),
                                        isText: JSONText.isValidUTF8(s.text), info: s.info))
        }
        return DecodeOutcome(symbols: symbols, milliseconds: ms, qrStatistics: decoder.qrStatistics,
                             finderCandidates: diagnostics ? decoder.qrFinderCandidates : [],
                             lastGrid: diagnostics ? decoder.qrLastGrid : [])
    }
}

/// One line per QR trace event.
func describe(_ event: QRTraceEvent) -> String {
    func p(_ q: PointF?) -> String { q.map { "(\(Int($0.x.rounded())),\(Int($0.y.rounded())))" } ?? "-" }
    func f(_ v: Double) -> String { String(Double(Int(v * 100)) / 100) }
    switch event {
    case let .pass(smoothed, noise, candidates, triples):
        return "pass smoothed=\(smoothed) noise=\(f(noise)) eyes=\(candidates) triples=\(triples)"
    case let .triple(tl, tr, bl, module, n, score):
        return "triple tl=\(p(tl)) tr=\(p(tr)) bl=\(p(bl)) module=\(f(module)) n=\(n) score=\(f(score))"
    case let .eye(center, module, hits, polarity):
        return "eye \(p(center)) module=\(f(module)) hits=\(hits) polarity=\(polarity)"
    case let .outlineFit(traced, n, error):
        return "outline fit eyes traced=\(traced) n=\(n) error=\(f(error))"
    case let .weakEye(center, module, hits, polarity):
        return "weak eye \(p(center)) module=\(f(module)) hits=\(hits) polarity=\(polarity)"
    case let .missingEye(center, module, score):
        return "missing eye located \(p(center)) module=\(f(module)) score=\(f(score))"
    case let .versionRead(v):
        return "version \(v)"
    case let .decode(n, anchor, status):
        return "decode n=\(n) anchor=\(anchor.map { p($0) } ?? "grid") -> \(status)"
    }
}
