import Imaging
import Symbols

/// Reads one scan line: grey samples → sub-pixel edges → the decoders at every possible start, both
/// ways along the line and in both polarities. What it reads goes to the vote table; where a symbol
/// began and broke off it leaves a hint.
final class LineReader {
    private let samples: UnsafeMutablePointer<Int32>
    let sampleCapacity: Int
    private let edges: EdgeDetector
    private let decoders: SymbolDecoders
    private let starts: StartCandidates
    let votes: VoteTable
    let hints: HintTable
    private var symbol: LineSymbol
    private var serial: Int32 = 0

    /// Frame settings (see `LinearReader.read`): band half-width, and the edge floors (luma × 16) for
    /// band-averaged lines and for the diagonals' staircases, which are not averaged.
    var band = 0
    var floor: Int32 = EdgeDetector.minimumFloor
    var plainFloor: Int32 = EdgeDetector.minimumFloor

    /// A start bar's edges must be this many times the edge floor.
    static let startContrast: Float = 2
    /// Characters a decoder must have matched on a failed line for the second looks (start + two), and
    /// for a hint (start + three).
    static let retryProgress = 2
    static let hintProgress = 4
    /// Band half-width for the second sampling of a promising line.
    static let retryBand = 2

    init(arena: ScanArena, maxSamples: Int, formats: FormatSet, votes: VoteTable, hints: HintTable) {
        sampleCapacity = max(16, maxSamples)
        samples = arena.reserve(Int32.self, count: sampleCapacity).baseAddress.unsafelyUnwrapped
        edges = EdgeDetector(arena: arena, maxSamples: sampleCapacity)
        decoders = SymbolDecoders(arena: arena, formats: formats)
        starts = StartCandidates(arena: arena, capacity: sampleCapacity)
        self.votes = votes
        self.hints = hints
        let payload = arena.reserve(UInt8.self, count: LinearLimits.maxPayload).baseAddress.unsafelyUnwrapped
        let addOn = arena.reserve(UInt8.self, count: 8).baseAddress.unsafelyUnwrapped
        symbol = LineSymbol(payload: payload, payloadCapacity: LinearLimits.maxPayload, addOn: addOn)
    }

    var isEnabled: Bool { decoders.isEnabled }

    /// Scans the line of direction `d` through `intercept` (nothing when it misses the frame).
    func scan(_ image: LumaImage, _ d: Int, intercept: Double) {
        guard let line = ScanDirections.line(d, intercept: intercept, width: image.width, height: image.height,
                                             band: band, minCount: 16) else { return }
        let n = LineSampler.sample(image, line, band: band, into: samples, capacity: sampleCapacity)
        guard n >= 16 else { return }
        serial &+= 1
        let lineFloor = line.halfSteps ? plainFloor : floor
        let startStrength = Float(lineFloor) * LineReader.startContrast
        edges.detect(samples, n, floor: lineFloor)
        guard edges.count >= SymbolDecoders.minimumEdges else { return }
        var best = Progress()
        var read = decode(edges.forward, line, startStrength, &best)
        read = decode(edges.reversed, line, startStrength, &best) || read
        if read, best.addOnSuspected {
            // The symbol read, its add-on did not: another look at the add-on.
            _ = retry(line, startStrength, forAddOn: true)
            return
        }
        guard !read, best.characters >= LineReader.retryProgress else { return }
        // A start that led a few characters and broke off. Weak edges (texture, print voids) may have
        // split an element, or blur may have shifted the edges of narrow ones: try the strong edges
        // only, then the other two edge placements.
        if retry(line, startStrength) { return }
        // Ragged bar edges (halftone print, a rough surface) jitter from row to row: average a wider
        // band across the line and look again.
        if band < LineReader.retryBand, !line.halfSteps,
           let wide = ScanDirections.line(d, intercept: intercept, width: image.width, height: image.height,
                                          band: LineReader.retryBand, minCount: 16) {
            let m = LineSampler.sample(image, wide, band: LineReader.retryBand, into: samples, capacity: sampleCapacity)
            if m >= 16, edges.detect(samples, m, floor: lineFloor) >= SymbolDecoders.minimumEdges {
                var again = Progress()
                read = decode(edges.forward, wide, startStrength, &again)
                read = decode(edges.reversed, wide, startStrength, &again) || read
                if read || retry(wide, startStrength) { return }
            }
        }
        // Still nothing: note the spot for lines of the neighbouring directions.
        if best.characters >= LineReader.hintProgress {
            hints.add(Hint(direction: d, intercept: intercept, point: line.point(at: Double(best.middle))))
        }
    }

    /// Decodes the current line's edges again, strict and with the other two placements. True on a read.
    /// With `forAddOn`, keeps looking while the symbol reads without its suspected add-on.
    private func retry(_ line: ScanLine, _ startStrength: Float, forAddOn: Bool = false) -> Bool {
        for attempt in 0..<3 {
            let kept = attempt == 0 ? edges.refilter(relative: EdgeDetector.strictRelative)
                : edges.refilter(relative: EdgeDetector.relative, placement: attempt == 1 ? .halfStep : .envelope)
            guard kept >= SymbolDecoders.minimumEdges else { continue }
            var again = Progress()
            var read = decode(edges.forward, line, startStrength, &again)
            read = decode(edges.reversed, line, startStrength, &again) || read
            if read, !(forAddOn && again.addOnSuspected) { return true }
        }
        return false
    }

    /// The furthest a failed decode got on this line, and where (sample position, forward).
    private struct Progress {
        var characters = 0
        var middle: Float = 0
        var addOnSuspected = false
    }

    /// Runs the decoders over one sequence in both polarities; true when something was read.
    private func decode(_ seq: EdgeSequence, _ line: ScanLine, _ startStrength: Float, _ best: inout Progress) -> Bool {
        var read = false
        for polarity in 0..<2 {
            let dark = polarity == 0
            starts.collect(seq, dark: dark, minStrength: startStrength)
            var next = 0 // the first element a new symbol may start at
            for i in 0..<starts.count {
                let s = starts[i]
                guard s >= next else { continue }
                if decoders.decode(seq, at: s, into: &symbol) {
                    symbol.isInverted = !dark
                    best.addOnSuspected = best.addOnSuspected || symbol.addOnSuspected
                    record(seq, line)
                    read = true
                    next = symbol.lastElement + 1
                } else if symbol.progress > best.characters {
                    best.characters = symbol.progress
                    let a = seq.start(of: s), b = seq.position[min(symbol.progressElement, seq.count)]
                    let middle = (a + b) * 0.5
                    best.middle = seq.isReversed ? seq.length - middle : middle
                }
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
