import Imaging
import Symbols

/// Finds and decodes linear barcodes (EAN/UPC with add-ons, Code 128, Code 39, Code 93, ITF, Codabar)
/// in a luma image. All memory comes from the arena at init; `read` allocates nothing.
///
/// A frame is read along straight scan lines, each as grey values → sub-pixel edges → bar/space
/// widths → the per-symbology decoders, forwards and backwards, dark-on-light and light-on-dark
/// (`LineReader`). Every read is a vote; a symbol is reported once enough lines, far enough apart,
/// agree (`VoteTable`, `ResultWriter`). The frame is visited coarse to fine:
///
/// 1. Parallel lines in four directions (rows, columns, both diagonals), `spacing` apart. Each covers
///    symbols whose bars are within 22.5° of square to it, when they are tall enough.
/// 2. A line that read something alone gets its neighbours scanned at once, to confirm it (or not).
/// 3. A line where a symbol began and broke off (a start pattern and a few characters: the symbol is
///    slanted too much for the line, or only its corner was crossed) leaves a hint; lines of the same
///    direction between the coarse ones and lines of the two neighbouring directions (22.5° either
///    way) through the spot follow.
///
/// Once a step has produced a confirmed symbol the rest is skipped.
///
/// Not thread-safe: one reader per scanning thread.
public final class LinearReader {
    public let maxWidth: Int
    public let maxHeight: Int
    public let formats: FormatSet
    public let eanAddOns: EANAddOnPolicy
    private let lines: LineReader
    let votes: VoteTable
    private let hints: HintTable
    private let decodedAreas: DecodedAreas
    private var requiredVotes: Int32 = 2
    private var spacing = 16.0
    private let noiseHistogram: UnsafeMutablePointer<Int32>
    private let noisePerRow: UnsafeMutablePointer<Float>

    /// Edge floor in standard deviations of the frame's pixel differences.
    static let noiseFloor = 3.0
    /// Pixel-difference noise (grey levels) from which samples average a band across the line.
    static let bandNoise = 3.0
    /// Candidates kept per frame (distinct contents, including one-line misreads awaiting confirmation).
    static let candidateCapacity = 64
    /// Hints followed per frame. Paper texture and 2D symbols leave hints too, and following one costs
    /// ten lines: 8 (rather than 12) saves 4 % of a frame with every corpus read kept at 0° and 180°
    /// (6 lost a UPC-E at 180°).
    static let hintCapacity = 8

    public init(arena: ScanArena, maxWidth: Int, maxHeight: Int, formats: FormatSet,
                eanAddOns: EANAddOnPolicy = .auto) {
        self.maxWidth = max(1, maxWidth)
        self.maxHeight = max(1, maxHeight)
        self.formats = formats
        self.eanAddOns = eanAddOns
        // The longest line is the frame's diagonal (staircases take two samples per pixel step).
        let w = Double(self.maxWidth), h = Double(self.maxHeight)
        let samples = 2 * (checkedFloor((w * w + h * h).squareRoot()) ?? 1) + 4
        votes = VoteTable(arena: arena, capacity: LinearReader.candidateCapacity)
        hints = HintTable(arena: arena, capacity: LinearReader.hintCapacity)
        decodedAreas = DecodedAreas(arena: arena)
        lines = LineReader(arena: arena, maxSamples: samples, formats: formats, votes: votes, hints: hints,
                           decodedAreas: decodedAreas)
        noiseHistogram = arena.reserve(Int32.self, count: NoiseLevel.bins).baseAddress.unsafelyUnwrapped
        noisePerRow = arena.reserve(Float.self, count: NoiseLevel.rows).baseAddress.unsafelyUnwrapped
    }

    /// Decodes the enabled linear symbols in `image` into `results` (appending). Returns how many.
    @discardableResult
    public func read(_ image: LumaImage, into results: ResultSlots) -> Int {
        guard image.width <= maxWidth, image.height <= maxHeight, lines.isEnabled else { return 0 }
        votes.reset()
        hints.reset()
        decodedAreas.reset()
        for i in 0..<results.count where !results[i].info.format.isLinear {
            decodedAreas.add(results[i].info.corners)
        }
        let w = image.width, h = image.height
        // A frame one or two pixels thin has room for a single line across a symbol.
        requiredVotes = min(w, h) < 3 ? 1 : 2
        spacing = min(16, max(3, Double(min(w, h)) / 32))
        lines.requiredVotes = requiredVotes
        lines.spacing = spacing
        setNoise(image)
        let directions = min(w, h) < 8 ? 2 : 4 // slanted lines need a two-dimensional image
        for d in 0..<directions {
            // Second looks wait until the direction's lines are read: most of them are at symbols
            // that other lines read (`DeferredLines`).
            lines.isDeferring = true
            scanDirection(image, d)
            confirm(image, d)
            lines.isDeferring = false
            if lines.hasDeferred {
                lines.runDeferred(image)
                confirm(image, d)
            }
            if hasAcceptedRead() { return ResultWriter.write(votes, requiredVotes: requiredVotes, addOns: eanAddOns, into: results) }
        }
        if directions == 4 { refine(image) }
        return ResultWriter.write(votes, requiredVotes: requiredVotes, addOns: eanAddOns, into: results)
    }

    /// Sets the edge floor from the frame's noise (see `noiseFloor`). Noisy frames are sampled with a
    /// band average across the line, which lowers the noise that the floor has to clear.
    private func setNoise(_ image: LumaImage) {
        var sigma = Double(NoiseLevel.differenceSigma(image, histogram: noiseHistogram, perRow: noisePerRow))
        var band = sigma < LinearReader.bandNoise ? 0 : sigma < 2 * LinearReader.bandNoise ? 1 : 2
        if min(image.width, image.height) < 16 { band = 0 }
        lines.band = band
        lines.plainFloor = floor(sigma)
        sigma *= band == 0 ? 1 : band == 1 ? 0.61 : 0.47
        lines.floor = floor(sigma)
    }

    private func floor(_ sigma: Double) -> Int32 {
        max(EdgeDetector.minimumFloor, Int32(truncatingIfNeeded: checkedFloor(sigma * LinearReader.noiseFloor * 16) ?? 0))
    }

    /// Scans the parallel lines of direction `d`, `spacing` pixels apart (further on an oblong frame's
    /// long side, and on the diagonals).
    private func scanDirection(_ image: LumaImage, _ d: Int) {
        let range = ScanDirections.interceptRange(d, width: image.width, height: image.height)
        let extent = range.high - range.low
        // Thin frames get every row (or column): a symbol there may be only a few pixels tall.
        // Diagonals take two samples per pixel step (staircases) and cover only symbols tilted near 45°,
        // which lines of the other directions leave hints for: 2.5 spacings apart (measured at 2
        // against 1: −11 % instructions per frame, no read lost on the corpus, one of 720 synthetic
        // frames; at 2.5 against 2: −1.6 %, identical reads on 1,960 synthetic frames of two seeds and
        // the corpus at four rotations but one more read, ean13-1/37 at 270°; at 3 two reads lost).
        // Rows and columns get 32 lines across whichever side they cross, like the short side's: on an
        // oblong frame the `spacing` of its short side put two to three times as many short lines
        // across its long side (measured: identical reads at four rotations and on 1,240 synthetic
        // frames, −0.8 % instructions per frame around the corpus median; the diagonals spread the same
        // way lose reads).
        let coarse = ScanDirections.isDiagonal(d) ? spacing * 2.5 : max(spacing, min(16, extent / range.perPixel / 32))
        let step = (extent < 4 * spacing * range.perPixel ? 1.0 : coarse) * range.perPixel
        let count = (checkedFloor(extent / step) ?? 0) + 1
        let first = range.low + (extent - Double(count - 1) * step) * 0.5
        for k in 0..<count {
            lines.scan(image, d, intercept: first + Double(k) * step)
        }
    }

    /// Scans the neighbours of every line of direction `d` that was alone (or too close to its only
    /// partner) in reading its symbol, to confirm it or not.
    private func confirm(_ image: LumaImage, _ d: Int) {
        let n = votes.count
        let delta = max(1, (spacing / 4).rounded()) * ScanDirections.interceptRange(d, width: 1, height: 1).perPixel
        for i in 0..<n {
            for k in 1...3 {
                let c = votes[i]
                guard c.direction == d, !ResultWriter.hasIndependentVotes(c, requiredVotes: requiredVotes) else { break }
                lines.scan(image, d, intercept: c.lowIntercept + Double(k) * delta)
                lines.scan(image, d, intercept: c.lowIntercept - Double(k) * delta)
            }
        }
    }

    /// Follows the hints: lines of the hint's direction between the coarse ones, and lines of the two
    /// neighbouring directions through the spot. Hints found on the way are followed too, up to the
    /// table's capacity.
    private func refine(_ image: LumaImage) {
        var i = 0
        var touched: UInt8 = 0 // directions scanned here, to confirm afterwards
        while i < hints.count {
            let hint = hints[i]
            i += 1
            let perPixel = ScanDirections.interceptRange(hint.direction, width: 1, height: 1).perPixel
            for k in -2...2 where k != 0 {
                lines.scan(image, hint.direction, intercept: hint.intercept + Double(k) * spacing / 3 * perPixel)
            }
            let neighbours = ScanDirections.neighbours(hint.direction)
            for side in 0..<2 {
                let d = side == 0 ? neighbours.0 : neighbours.1
                touched |= 1 << UInt8(d)
                let through = ScanDirections.intercept(d, through: hint.point)
                let step = spacing / 3 * ScanDirections.interceptRange(d, width: 1, height: 1).perPixel
                for k in -1...1 {
                    lines.scan(image, d, intercept: through + Double(k) * step)
                }
            }
            if hasAcceptedRead() { return }
        }
        for d in 0..<ScanDirections.count where touched & (1 << UInt8(d)) != 0 {
            confirm(image, d)
        }
    }

    private func hasAcceptedRead() -> Bool {
        for i in 0..<votes.count where ResultWriter.isAccepted(votes, i, requiredVotes: requiredVotes)
            && ResultWriter.isReported(votes[i], requiredVotes: requiredVotes, addOns: eanAddOns) {
            return true
        }
        return false
    }
}
