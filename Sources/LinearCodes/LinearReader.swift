import Imaging
import Symbols

/// Finds and decodes linear barcodes (EAN/UPC with add-ons, Code 128, Code 39, Code 93, ITF, Codabar)
/// in a luma image. All memory comes from the arena at init; `read` allocates nothing.
///
/// A frame is read along straight scan lines in eight directions (rows first, then columns, diagonals
/// and the angles between), each line as grey values → sub-pixel edges → bar/space widths → the
/// per-symbology decoders, forwards and backwards, dark-on-light and light-on-dark. Every read is a
/// vote; a symbol is reported once enough distinct lines agree (see `VoteTable`). A line that reads
/// something alone gets neighbours scanned right away to confirm it, and once a direction has produced
/// a confirmed symbol the remaining directions are skipped.
///
/// Not thread-safe: one reader per scanning thread.
public final class LinearReader {
    public let maxWidth: Int
    public let maxHeight: Int
    public let formats: FormatSet
    private let samples: UnsafeMutablePointer<Int32>
    private let sampleCapacity: Int
    private let edges: EdgeDetector
    private let decoders: SymbolDecoders
    private let starts: StartCandidates
    let votes: VoteTable
    private var symbol: LineSymbol
    private var serial: Int32 = 0
    private var requiredVotes: Int32 = 2
    /// Edge floor for this frame (luma × 16), from its noise level.
    private var edgeFloor: Int32 = EdgeDetector.minimumFloor
    /// Half-width of the band each sample averages across the line (0 on clean frames).
    private var band = 0
    /// Edge floor for lines sampled without the band (the diagonals' staircases).
    private var plainFloor: Int32 = EdgeDetector.minimumFloor
    /// Least strength of a start bar's edges on the current line.
    private var startStrength: Float = 0
    private let noiseScratch: UnsafeMutablePointer<Float>

    /// Edge floor in standard deviations of the frame's pixel differences.
    static let noiseFloor = 2.5

    /// A start bar's edges must be this many times the edge floor.
    static let startContrast: Float = 2

    /// Pixel-difference noise (grey levels) from which samples average a band across the line.
    static let bandNoise = 3.0

    /// Candidates kept per frame (distinct contents, including one-line misreads awaiting confirmation).
    static let candidateCapacity = 64

    public init(arena: ScanArena, maxWidth: Int, maxHeight: Int, formats: FormatSet) {
        self.maxWidth = max(1, maxWidth)
        self.maxHeight = max(1, maxHeight)
        self.formats = formats
        // The longest line is the frame's diagonal.
        let w = Double(self.maxWidth), h = Double(self.maxHeight)
        sampleCapacity = (checkedFloor((w * w + h * h).squareRoot()) ?? 1) + 4
        samples = arena.reserve(Int32.self, count: sampleCapacity).baseAddress.unsafelyUnwrapped
        edges = EdgeDetector(arena: arena, maxSamples: sampleCapacity)
        decoders = SymbolDecoders(arena: arena, formats: formats)
        starts = StartCandidates(arena: arena, capacity: sampleCapacity)
        votes = VoteTable(arena: arena, capacity: LinearReader.candidateCapacity)
        noiseScratch = arena.reserve(Float.self, count: NoiseLevel.bins + NoiseLevel.rows).baseAddress.unsafelyUnwrapped
        let payload = arena.reserve(UInt8.self, count: LinearLimits.maxPayload).baseAddress.unsafelyUnwrapped
        let addOn = arena.reserve(UInt8.self, count: 8).baseAddress.unsafelyUnwrapped
        symbol = LineSymbol(payload: payload, payloadCapacity: LinearLimits.maxPayload, addOn: addOn)
    }

    /// Decodes the enabled linear symbols in `image` into `results` (appending). Returns how many.
    @discardableResult
    public func read(_ image: LumaImage, into results: ResultSlots) -> Int {
        guard image.width <= maxWidth, image.height <= maxHeight, decoders.isEnabled else { return 0 }
        votes.reset()
        let w = image.width, h = image.height
        // A frame one or two pixels thin has room for a single line across a symbol.
        requiredVotes = min(w, h) < 3 ? 1 : 2
        let spacing = min(16, max(3, Double(min(w, h)) / 32))
        // An edge must stand out of the noise (see `noiseFloor`). Noisy frames are sampled with a band
        // average across the line, which lowers the noise that the floor has to clear.
        var sigma = Double(NoiseLevel.differenceSigma(image, scratch: noiseScratch))
        band = sigma < LinearReader.bandNoise ? 0 : sigma < 2 * LinearReader.bandNoise ? 1 : 2
        if min(w, h) < 16 { band = 0 }
        plainFloor = max(EdgeDetector.minimumFloor,
                         Int32(truncatingIfNeeded: checkedFloor(sigma * LinearReader.noiseFloor * 16) ?? 0))
        sigma *= band == 0 ? 1 : band == 1 ? 0.61 : 0.47
        edgeFloor = max(EdgeDetector.minimumFloor,
                        Int32(truncatingIfNeeded: checkedFloor(sigma * LinearReader.noiseFloor * 16) ?? 0))
        for d in 0..<ScanDirections.count {
            if d >= 2, min(w, h) < 8 { break } // slanted lines need a two-dimensional image
            scanDirection(image, d, spacing: spacing)
            confirm(image, d, spacing: spacing)
            if hasAcceptedRead() { break }
        }
        return ResultWriter.write(votes, requiredVotes: requiredVotes, into: results)
    }

    /// Scans the parallel lines of direction `d`, `spacing` pixels apart.
    private func scanDirection(_ image: LumaImage, _ d: Int, spacing: Double) {
        let range = ScanDirections.interceptRange(d, width: image.width, height: image.height)
        let extent = range.high - range.low
        // Thin frames get every row (or column): a symbol there may be only a few pixels tall.
        let step = (extent < 4 * spacing * range.perPixel ? 1.0 : spacing) * range.perPixel
        let lines = (checkedFloor(extent / step) ?? 0) + 1
        let first = range.low + (extent - Double(lines - 1) * step) * 0.5
        for k in 0..<lines {
            scan(image, d, intercept: first + Double(k) * step)
        }
    }

    /// Scans the neighbours of every line that was alone in reading its symbol, to confirm it (or not).
    private func confirm(_ image: LumaImage, _ d: Int, spacing: Double) {
        let n = votes.count
        let delta = max(1, (spacing / 4).rounded()) * ScanDirections.interceptRange(d, width: 1, height: 1).perPixel
        for i in 0..<n {
            for k in 1...3 {
                let c = votes[i]
                guard !ResultWriter.hasIndependentVotes(c, requiredVotes: requiredVotes), c.direction == d else { break }
                scan(image, d, intercept: c.lowIntercept + Double(k) * delta)
                scan(image, d, intercept: c.lowIntercept - Double(k) * delta)
            }
        }
    }

    private func hasAcceptedRead() -> Bool {
        for i in 0..<votes.count where ResultWriter.isAccepted(votes, i, requiredVotes: requiredVotes) {
            return true
        }
        return false
    }

    /// Samples one line, finds its edges and runs the decoders over them both ways and both polarities.
    private func scan(_ image: LumaImage, _ d: Int, intercept: Double) {
        guard let line = ScanDirections.line(d, intercept: intercept, width: image.width, height: image.height,
                                             band: band, minCount: 16) else { return }
        let n = LineSampler.sample(image, line, band: band, into: samples, capacity: sampleCapacity)
        guard n >= 16 else { return }
        serial &+= 1
        let floor = line.halfSteps ? plainFloor : edgeFloor
        startStrength = Float(floor) * LinearReader.startContrast
        edges.detect(samples, n, floor: floor)
        guard edges.count >= SymbolDecoders.minimumEdges else { return }
        var sawStart = false
        var read = decode(edges.forward, line, sawStart: &sawStart)
        read = decode(edges.reversed, line, sawStart: &sawStart) || read
        // A start pattern that led nowhere: weak edges (texture, voids) may have split an element.
        // Try again with only the clearly strong edges.
        if !read, sawStart, edges.refilter(relative: EdgeDetector.strictRelative) >= SymbolDecoders.minimumEdges {
            _ = decode(edges.forward, line, sawStart: &sawStart)
            _ = decode(edges.reversed, line, sawStart: &sawStart)
        }
    }

    /// Runs the decoders over one sequence in both polarities; true when something was read.
    private func decode(_ seq: EdgeSequence, _ line: ScanLine, sawStart: inout Bool) -> Bool {
        var read = false
        for polarity in 0..<2 {
            let dark = polarity == 0
            starts.collect(seq, dark: dark, minStrength: startStrength)
            var next = 0 // the first element a new symbol may start at
            for i in 0..<starts.count {
                let s = starts[i]
                guard s >= next, decoders.decode(seq, at: s, into: &symbol, sawStart: &sawStart) else { continue }
                symbol.isInverted = !dark
                record(seq, line)
                read = true
                next = symbol.lastElement + 1
            }
        }
        return read
    }

    private func record(_ seq: EdgeSequence, _ line: ScanLine) {
        var t0 = seq.start(of: symbol.firstElement)
        var t1 = seq.position[symbol.lastElement]
        if seq.isReversed {
            t0 = seq.length - t0
            t1 = seq.length - t1
        }
        votes.vote(symbol, serial: serial, line: line, start: line.point(at: Double(t0)),
                   end: line.point(at: Double(t1)))
    }
}
