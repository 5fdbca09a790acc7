import Imaging
import Symbols

/// Finds and decodes QR Codes in a luma image. All memory comes from the arena at init; `read`
/// allocates nothing.
///
/// Stages: adaptive binarization → finder candidates of both polarities → eye triples, best first →
/// per triple (`QRReader+Triple`): version information beside the eyes, dimension guesses ranked by their
/// timing patterns, fourth anchors and alignment patterns (`QRReader+Grid`), grid sampling, decoding (and
/// again transposed, for mirrored symbols); when those fail, fitting and searching (`QRReader+Rescue`).
/// Eyes of a decoded symbol are not reused, so several symbols in one frame are all read.
public final class QRReader {
    public let maxWidth: Int
    public let maxHeight: Int
    /// Upper bound on triples tried per frame: bounds the time spent on cluttered frames.
    public var maxTripleAttempts = 24
    /// Upper bound on grid refinements (the costly last resort) per frame.
    public var maxRefinements = 2
    var refinementsLeft = 0
    /// Upper bound on eye-outline fits (for strongly tilted symbols) per frame.
    public var maxOutlineFits = 4
    var outlineFitsLeft = 0
    /// Upper bounds per pass on eye pairs whose missing third eye is looked for (`QRReader+MissingEye`):
    /// pairs of found eyes, and pairs of a found eye and a weak hit.
    public var maxPairCompletions = 2
    public var maxWeakPairCompletions = 2
    /// Judge modules between pixels from the grey image first (then, if that fails, at the nearest
    /// binarized pixel).
    var sampleBetweenPixels = true
    /// Noise (grey levels) from which a frame gets a smoothed pass when the plain one finds nothing.
    /// (Measured: 1.5 and 2.5 read the same corpora; 2.5 spares low-noise frames the second pass.)
    public var smoothingNoise = 2.5
    var anchorForTrace: PointF?
    /// The triple being decoded showed Model 1 format information (`QRModel1`): its rescue fits the grid
    /// to extension patterns instead of an alignment pattern and searches the bottom-right anchor.
    var tripleIsModel1 = false
    var lastDecodedCorners = Quad.zero
    var lastDecodedModule = 1.0
    /// Receives every step of `read` when set (diagnostics only; leave nil on the frame path).
    public var trace: ((QRTraceEvent) -> Void)?
    /// What the last `read` did, stage by stage (for tuning and diagnostics).
    public internal(set) var statistics = QRReaderStatistics()

    /// The plane binarized last (diagnostics).
    public var lastBinarizedPlane: BitPlane { plane }

    /// The grid sampled last (diagnostics): dimension and row-major modules, 1 dark.
    public var lastSampledGrid: (dimension: Int, modules: UnsafeBufferPointer<UInt8>) {
        (matrix.dimension, UnsafeBufferPointer(start: matrix.modules, count: matrix.dimension * matrix.dimension))
    }

    /// Finder candidates of the last frame (diagnostics): centre, module size, hits, polarity.
    public var finderCandidateCount: Int { finders.count }
    public func finderCandidate(_ i: Int) -> FinderCandidate { finders.candidates[i] }

    var plane: BitPlane
    var binarizer: AdaptiveBinarizer
    var finders: FinderPatternScanner
    var triples: TripleSelector
    var matrix: QRModuleMatrix
    let symbolDecoder: QRSymbolDecoder
    let scratch: DetectorScratch

    public init(arena: ScanArena, maxWidth: Int, maxHeight: Int) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        plane = BitPlane(arena: arena, maxWidth: maxWidth, maxHeight: maxHeight)
        binarizer = AdaptiveBinarizer(arena: arena, maxWidth: maxWidth, maxHeight: maxHeight)
        finders = FinderPatternScanner(arena: arena, maxWidth: maxWidth, maxHeight: maxHeight)
        triples = TripleSelector(arena: arena)
        matrix = QRModuleMatrix(arena: arena)
        symbolDecoder = QRSymbolDecoder(arena: arena)
        scratch = DetectorScratch(arena: arena)
    }

    /// Decodes every QR Code found in `image` into `results` (appending). Returns how many were added.
    ///
    /// One pass finds symbols of both polarities on the frame as it is. When it finds none and the frame
    /// is noisy, a second pass works on the frame smoothed 3×3 (which rescues low light and low contrast
    /// but would blur away the smallest modules, hence second). (A pass on the inverted luma, needed by
    /// the earlier binarizer for light-on-dark symbols on flat ground, no longer reads anything more.)
    @discardableResult
    public func read(_ image: LumaImage, into results: ResultSlots) -> Int {
        guard image.width <= maxWidth, image.height <= maxHeight else { return 0 }
        statistics = QRReaderStatistics()
        refinementsLeft = maxRefinements
        outlineFitsLeft = maxOutlineFits
        binarizer.beginFrame(image)
        var added = readPass(image, smoothing: false, into: results)
        if added == 0 && binarizer.lastNoise >= smoothingNoise {
            statistics.smoothedPass = true
            added = readPass(image, smoothing: true, into: results)
        }
        return added
    }

    private func readPass(_ image: LumaImage, smoothing: Bool, into results: ResultSlots) -> Int {
        guard binarizer.binarize(image, into: &plane, smoothing: smoothing) else { return 0 }
        // Every second row, every third from 600 rows (a stone is 3 modules tall, so eyes of 1–1.5 px
        // modules are still crossed). On frames under 400 rows, eyes span few rows: the rows around
        // each eye are all scanned, so that its hits and centre are those of a scan of every row
        // (measured on the corpus at four rotations: identical reads, −10 % instructions per frame on
        // the images around the median, which are this small). Every third row from 600 rows rather
        // than 900: −11 % instructions on 310 synthetic frames (half of them 1280×720), the same
        // number of reads on 1,240 synthetic frames of seed 11 (two lost, two gained: eye triples in
        // heavy texture) and identical reads on the corpus at four rotations and on seed 23.
        let small = image.height < 400
        finders.scan(plane, rowStep: image.height < 600 ? 2 : 3, denseAroundEyes: small)
        triples.select(finders.candidates, count: finders.count)
        if let trace {
            trace(.pass(smoothed: binarizer.lastSmoothed, noise: binarizer.lastNoise,
                        candidates: finders.count, triples: triples.count))
            for i in 0..<finders.count {
                let c = finders.candidates[i]
                trace(.eye(center: c.center, module: c.moduleSize, hits: Int(c.hits), polarity: c.polarity))
            }
            for i in 0..<finders.weakCount where finders.weakHits[i].hits >= Self.minimumPairHits {
                let c = finders.weakHits[i]
                trace(.weakEye(center: c.center, module: c.moduleSize, hits: Int(c.hits), polarity: c.polarity))
            }
        }
        statistics.finderCandidates += finders.count
        statistics.finderOverflow += finders.overflowCount
        statistics.weakHitOverflow += finders.weakOverflowCount
        statistics.triples += triples.count
        var added = 0
        var attempts = 0
        for t in 0..<triples.count {
            let triple = triples.triples[t]
            let tl = Int(triple.topLeft), tr = Int(triple.topRight), bl = Int(triple.bottomLeft)
            if finders.candidates[tl].isUsed || finders.candidates[tr].isUsed || finders.candidates[bl].isUsed {
                continue
            }
            attempts += 1
            if attempts > maxTripleAttempts { break }
            statistics.triplesTried += 1
            if decode(triple, into: results) {
                statistics.decoded += 1
                finders.candidates[tl].isUsed = true
                finders.candidates[tr].isUsed = true
                finders.candidates[bl].isUsed = true
                retireEyes(inside: lastDecodedCorners, module: lastDecodedModule)
                added += 1
            }
        }
        // Two eyes without a third: a picture in a stone hides it from the scan.
        if added == 0 { added = decodeFromEyePairs(into: results) }
        return added
    }

    /// Eyes inside a decoded symbol with its module size (false eyes in its data, its own eyes) cannot
    /// start another symbol. Eyes of another size stay: a symbol can be printed inside another.
    func retireEyes(inside quad: Quad, module: Double) {
        for i in 0..<finders.count where !finders.candidates[i].isUsed {
            let c = finders.candidates[i]
            let ratio = c.moduleSize / module
            if ratio > 0.7, ratio < 1.4, quad.contains(c.center) { finders.candidates[i].isUsed = true }
        }
    }
}
