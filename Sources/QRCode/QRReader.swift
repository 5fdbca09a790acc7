import Imaging
import Symbols

/// Finds and decodes QR Codes in a luma image. All memory comes from the arena at init; `read`
/// allocates nothing.
///
/// Stages: local-average binarization → finder candidates of both polarities → eye triples, best first →
/// per triple: module size and dimension, alignment pattern, perspective transform, version information
/// (v7+) → grid sampling → decoding (and again transposed, for mirrored symbols). Eyes of a decoded
/// symbol are not reused, so several symbols in one frame are all read.
public final class QRReader {
    public let maxWidth: Int
    public let maxHeight: Int
    /// Upper bound on triples tried per frame: bounds the time spent on cluttered frames.
    public var maxTripleAttempts = 24
    /// Upper bound on grid refinements (the costly last resort) per frame.
    public var maxRefinements = 2
    private var refinementsLeft = 0
    /// Upper bound on eye-outline fits (for strongly tilted symbols) per frame.
    public var maxOutlineFits = 4
    private var outlineFitsLeft = 0
    /// Judge modules between pixels from the grey image first (then, if that fails, at the nearest
    /// binarized pixel).
    private var sampleBetweenPixels = true
    /// Noise (grey levels) from which a frame gets a smoothed pass when the plain one finds nothing.
    /// (Measured: 1.5 and 2.5 read the same corpora; 2.5 spares low-noise frames the second pass.)
    public var smoothingNoise = 2.5
    private var anchorForTrace: PointF?
    private var lastDecodedCorners = Quad.zero
    private var lastDecodedModule = 1.0
    /// Receives every step of `read` when set (diagnostics only; leave nil on the frame path).
    public var trace: ((QRTraceEvent) -> Void)?
    /// What the last `read` did, stage by stage (for tuning and diagnostics).
    public private(set) var statistics = QRReaderStatistics()

    /// The plane binarized last (diagnostics).
    public var lastBinarizedPlane: BitPlane { plane }

    /// The grid sampled last (diagnostics): dimension and row-major modules, 1 dark.
    public var lastSampledGrid: (dimension: Int, modules: UnsafeBufferPointer<UInt8>) {
        (matrix.dimension, UnsafeBufferPointer(start: matrix.modules, count: matrix.dimension * matrix.dimension))
    }

    /// Finder candidates of the last frame (diagnostics): centre, module size, hits, polarity.
    public var finderCandidateCount: Int { finders.count }
    public func finderCandidate(_ i: Int) -> FinderCandidate { finders.candidates[i] }

    private var plane: BitPlane
    private var binarizer: AdaptiveBinarizer
    private var finders: FinderPatternScanner
    private var triples: TripleSelector
    private var matrix: QRModuleMatrix
    private let symbolDecoder: QRSymbolDecoder
    private let scratch: DetectorScratch

    public init(arena: ScanArena, maxWidth: Int, maxHeight: Int) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        plane = BitPlane(arena: arena, maxWidth: maxWidth, maxHeight: maxHeight)
        binarizer = AdaptiveBinarizer(arena: arena, maxWidth: maxWidth, maxHeight: maxHeight)
        finders = FinderPatternScanner(arena: arena, maxWidth: maxWidth)
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
        // Every row on small frames; on larger ones every second or third (a stone is 3 modules tall, so
        // eyes of 1–1.5 px modules are still crossed).
        finders.scan(plane, rowStep: image.height < 400 ? 1 : image.height < 900 ? 2 : 3)
        triples.select(finders.candidates, count: finders.count)
        if let trace {
            trace(.pass(smoothed: binarizer.lastSmoothed, noise: binarizer.lastNoise,
                        candidates: finders.count, triples: triples.count))
            for i in 0..<finders.count {
                let c = finders.candidates[i]
                trace(.eye(center: c.center, module: c.moduleSize, hits: Int(c.hits), polarity: c.polarity))
            }
        }
        statistics.finderCandidates += finders.count
        statistics.finderOverflow += finders.overflowCount
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
        return added
    }

    /// Eyes inside a decoded symbol with its module size (false eyes in its data, its own eyes) cannot
    /// start another symbol. Eyes of another size stay: a symbol can be printed inside another.
    private func retireEyes(inside quad: Quad, module: Double) {
        for i in 0..<finders.count where !finders.candidates[i].isUsed {
            let c = finders.candidates[i]
            let ratio = c.moduleSize / module
            if ratio > 0.7, ratio < 1.4, quad.contains(c.center) { finders.candidates[i].isUsed = true }
        }
    }

    private func decode(_ triple: FinderTriple, into results: ResultSlots) -> Bool {
        let a = finders.candidates[Int(triple.topLeft)]
        let b = finders.candidates[Int(triple.topRight)]
        let c = finders.candidates[Int(triple.bottomLeft)]
        let polarity = a.polarity
        let probe = RunProbe(plane: plane, polarity: polarity)
        let geometry = SymbolGeometry(topLeft: a.center, topRight: b.center, bottomLeft: c.center,
                                      walker: LineWalker(probe: probe),
                                      fallbackModule: (a.moduleSize + b.moduleSize + c.moduleSize) / 3,
                                      scratch: scratch)
        guard let estimate = geometry.estimatedDimension else { return false }
        // Version 7 and up carry their version beside two eyes: when it reads, the dimension is known.
        if estimate >= 41, case let frames = geometry.versionFrames(),
           let version = VersionBlocks.read(plane, polarity: polarity, topRightFrame: frames.topRight,
                                            bottomLeftFrame: frames.bottomLeft) {
            statistics.versionsRead += 1
            trace?(.versionRead(version))
            // A garbage read rarely passes the version check (~0.3 %); the grid it implies must still look
            // somewhat like a symbol. Loosely: large tilted symbols need the alignment grid to sample well.
            let n = version * 4 + 17
            let transform = geometry.transform(dimension: n, anchor: geometry.bottomRightEstimate
                                                   ?? geometry.parallelogramAnchor(dimension: n))
            let score = GridQuality.score(plane, polarity: polarity, transform: transform, dimension: n, early: false)
            if score >= 1.15, decode(geometry, dimension: n, polarity: polarity, gridScore: score, into: results) {
                return true
            }
        }
        // Rank the estimate and its neighbours (perspective and blur bias the module size) by how well their
        // timing patterns and eyes come out, then decode in that order; hopeless guesses are not decoded.
        var dims = (estimate, estimate + 4, estimate - 4)
        var scores = (-1.0, -1.0, -1.0)
        for i in 0..<3 {
            let n = i == 0 ? dims.0 : i == 1 ? dims.1 : dims.2
            guard n >= 21, n <= 177 else { continue }
            let transform = geometry.transform(dimension: n, anchor: geometry.bottomRightEstimate
                                                   ?? geometry.parallelogramAnchor(dimension: n))
            let score = GridQuality.score(plane, polarity: polarity, transform: transform, dimension: n)
            if i == 0 { scores.0 = score } else if i == 1 { scores.1 = score } else { scores.2 = score }
        }
        statistics.gridsScored += 3
        // Sort the three (dimension, score) pairs by score, best first.
        if scores.1 > scores.0 { swap(&scores.0, &scores.1); swap(&dims.0, &dims.1) }
        if scores.2 > scores.0 { swap(&scores.0, &scores.2); swap(&dims.0, &dims.2) }
        if scores.2 > scores.1 { swap(&scores.1, &scores.2); swap(&dims.1, &dims.2) }
        if scores.0 < 1.3, outlineFitsLeft > 0 {
            // No guess looks like a symbol: perspective too strong for eye centres and a fourth point.
            outlineFitsLeft -= 1
            if decodeFromEyeOutlines(geometry, a, b, c, estimate: estimate, polarity: polarity, into: results) {
                return true
            }
        }
        for i in 0..<3 {
            let (n, score) = i == 0 ? (dims.0, scores.0) : i == 1 ? (dims.1, scores.1) : (dims.2, scores.2)
            // A perfect grid scores 2.0, noise about 1.0.
            trace?(.triple(topLeft: geometry.topLeft, topRight: geometry.topRight, bottomLeft: geometry.bottomLeft,
                           module: geometry.module, dimension: n, score: score))
            guard score >= 1.3 else { continue }
            statistics.lastAttempt = QRAttemptTrace()
            statistics.lastAttempt.topLeft = geometry.topLeft
            statistics.lastAttempt.topRight = geometry.topRight
            statistics.lastAttempt.bottomLeft = geometry.bottomLeft
            statistics.lastAttempt.module = geometry.module
            statistics.lastAttempt.bottomRightEstimate = geometry.bottomRightEstimate
            statistics.lastAttempt.score = score
            if decode(geometry, dimension: n, polarity: polarity, gridScore: score, into: results) { return true }
        }
        return false
    }

    /// Fits the grid to the traced outlines of the three eyes (`EyeQuadFit`) and decodes with it.
    private func decodeFromEyeOutlines(_ geometry: SymbolGeometry, _ a: FinderCandidate, _ b: FinderCandidate,
                                       _ c: FinderCandidate, estimate: Int, polarity: UInt8,
                                       into results: ResultSlots) -> Bool {
        statistics.outlineFits += 1
        let fitter = EyeQuadFit(outline: EyeOutline(walker: LineWalker(probe: RunProbe(plane: plane, polarity: polarity)),
                                                    points: scratch.outlinePoints),
                                source: scratch.fitSource, target: scratch.fitTarget)
        guard let fit = fitter.fit(topLeft: a.center, topRight: b.center, bottomLeft: c.center, module: geometry.module,
                                   moduleTopLeft: a.moduleSize, moduleTopRight: b.moduleSize,
                                   moduleBottomLeft: c.moduleSize,
                                   dimensions: max(21, estimate - 16)...min(177, estimate + 16), trace: trace)
        else { return false }
        let score = GridQuality.score(plane, polarity: polarity, transform: fit.transform, dimension: fit.dimension)
        trace?(.triple(topLeft: a.center, topRight: b.center, bottomLeft: c.center, module: geometry.module,
                       dimension: fit.dimension, score: score))
        guard score >= 1.3 else { return false }
        anchorForTrace = fit.transform.apply(Double(fit.dimension) - 6.5, Double(fit.dimension) - 6.5)
        return decodeSampled(fit.transform, dimension: fit.dimension, polarity: polarity, into: results)
    }

    /// Tries the fourth anchor points for module (N-6.5, N-6.5) in order of trust — an alignment pattern
    /// found near the traced estimate, the traced estimate itself, one found near the affine guess, the
    /// parallelogram — and decodes with each distinct one until one decodes.
    private func decode(_ geometry: SymbolGeometry, dimension initial: Int, polarity: UInt8, gridScore: Double,
                        into results: ResultSlots) -> Bool {
        let n = initial
        let module = geometry.module
        let finder = AlignmentPatternFinder(probe: RunProbe(plane: plane, polarity: polarity))
        var tried = (PointF?.none, PointF?.none, PointF?.none)
        for step in 0..<4 {
            var anchor: PointF?
            switch step {
            case 0:
                if n >= 25, let estimate = geometry.bottomRightEstimate {
                    anchor = finder.find(near: estimate, module: module, radius: 3 * module)
                }
            case 1:
                anchor = geometry.bottomRightEstimate
            case 2:
                if n >= 25 {
                    anchor = finder.find(near: geometry.parallelogramAnchor(dimension: n), module: module, radius: 5 * module)
                }
            default:
                anchor = geometry.parallelogramAnchor(dimension: n)
            }
            guard let point = anchor else { continue }
            // Skip anchors within a module of one already tried: they sample the same grid.
            if let t = tried.0, t.distance(to: point) < module { continue }
            if let t = tried.1, t.distance(to: point) < module { continue }
            if let t = tried.2, t.distance(to: point) < module { continue }
            if tried.0 == nil { tried.0 = point } else if tried.1 == nil { tried.1 = point } else { tried.2 = point }
            statistics.lastAttempt.alignment = point
            anchorForTrace = point
            let transform = geometry.transform(dimension: n, anchor: point)
            if decodeSampled(transform, dimension: n, polarity: polarity, into: results) { return true }
        }
        // Last resort: fit the grid to the fixed patterns, starting from the most trusted anchor — when the
        // grid looked nearly right (timing and eyes mostly in place), which is when it pays.
        guard let first = tried.0, refinementsLeft > 0, gridScore >= 1.6 else { return false }
        refinementsLeft -= 1
        statistics.refinements += 1
        let fitter = GridFitter(plane: plane, polarity: polarity, dimension: n)
        let start = GridAnchors(topLeft: geometry.topLeft, topRight: geometry.topRight, bottomRight: first,
                                bottomLeft: geometry.bottomLeft)
        let fitted = fitter.refine(start, module: module)
        statistics.lastAttempt.alignment = fitted.bottomRight
        anchorForTrace = fitted.bottomRight
        if decodeSampled(fitted.transform(dimension: n), dimension: n, polarity: polarity, into: results) { return true }
        return n <= 41 && searchBottomRight(around: fitted, dimension: n, module: module, polarity: polarity, into: results)
    }

    /// Small symbols (versions 1–6) have nothing near their bottom-right corner that the fitter can hold on
    /// to, so the anchor there is searched: a spiral of third-of-a-module steps out to 2 modules, each
    /// position decoded (Reed-Solomon success is a strong check of the whole grid). At most 168 decodes of
    /// at most 41×41 modules, and only for grids that already looked right.
    private func searchBottomRight(around anchors: GridAnchors, dimension n: Int, module: Double, polarity: UInt8,
                                   into results: ResultSlots) -> Bool {
        statistics.anchorSearches += 1
        let step = module / 3
        for ring in 1...6 {
            for dy in -ring...ring {
                for dx in -ring...ring where max(abs(dx), abs(dy)) == ring {
                    var trial = anchors
                    trial.bottomRight = anchors.bottomRight + PointF(Double(dx) * step, Double(dy) * step)
                    anchorForTrace = trial.bottomRight
                    if decodeSampled(trial.transform(dimension: n), dimension: n, polarity: polarity, into: results) {
                        return true
                    }
                }
            }
        }
        return false
    }

    /// Samples with `transform` and decodes, also as a mirrored symbol; commits on success. Symbols of
    /// version 7 and up are first sampled cell by cell between their alignment patterns.
    private func decodeSampled(_ transform: PerspectiveTransform, dimension n: Int, polarity: UInt8,
                               into results: ResultSlots) -> Bool {
        // Judged between pixels from the grey image first (sub-pixel: small and warped modules), then at
        // the nearest binarized pixel (which keeps blotches and damage from bending the threshold).
        sampleBetweenPixels = true
        if decodeSampledOnce(transform, dimension: n, polarity: polarity, into: results) { return true }
        sampleBetweenPixels = false
        return decodeSampledOnce(transform, dimension: n, polarity: polarity, into: results)
    }

    private func decodeSampledOnce(_ transform: PerspectiveTransform, dimension n: Int, polarity: UInt8,
                                   into results: ResultSlots) -> Bool {
        statistics.lastAttempt.dimension = n
        if n >= 45, let version = QRVersion.version(forDimension: n), matrix.reset(dimension: n) {
            var located = 0
            statistics.gridsSampled += 1
            let anchor = anchorForTrace
            anchorForTrace = nil
            defer { anchorForTrace = anchor }
            if AlignmentGrid(plane: plane, polarity: polarity, scratch: scratch, grey: sampleBetweenPixels ? binarizer.greyView : nil)
                .sample(version: version, global: transform, into: matrix, located: &located),
               decodeMatrix(transform, dimension: n, polarity: polarity, into: results) {
                return true
            }
        }
        guard sample(transform, dimension: n, polarity: polarity) else { return false }
        return decodeMatrix(transform, dimension: n, polarity: polarity, into: results)
    }

    /// Decodes the sampled matrix, also transposed (a mirrored symbol); commits on success.
    private func decodeMatrix(_ transform: PerspectiveTransform, dimension n: Int, polarity: UInt8,
                              into results: ResultSlots) -> Bool {
        results.beginPending()
        statistics.decodeAttempts += 1
        var mirrored = false
        var status = symbolDecoder.decode(matrix, into: results)
        if status == .payloadTooLarge { statistics.oversized += 1 }
        if status != .decoded && status != .payloadTooLarge { // a payload too large did read: not mirrored
            matrix.transpose()
            results.beginPending()
            status = symbolDecoder.decode(matrix, into: results)
            mirrored = true
        }
        statistics.lastAttempt.status = status
        statistics.lastAttempt.dimension = n
        trace?(.decode(dimension: n, anchor: anchorForTrace, status: status))
        guard status == .decoded else { return false }
        let nd = Double(n)
        let p00 = transform.apply(0, 0), pn0 = transform.apply(nd, 0)
        let pnn = transform.apply(nd, nd), p0n = transform.apply(0, nd)
        results.pendingInfo.corners = mirrored ? Quad(p00, p0n, pnn, pn0) : Quad(p00, pn0, pnn, p0n)
        lastDecodedCorners = Quad(p00, pn0, pnn, p0n)
        lastDecodedModule = (p00.distance(to: pn0) + p00.distance(to: p0n)) / (2 * nd)
        results.pendingInfo.isMirrored = mirrored
        results.pendingInfo.isInverted = polarity == 1
        if results.containsPending(format: .qrCode) { return true } // same symbol found twice
        results.commit()
        return true
    }

    private func sample(_ transform: PerspectiveTransform, dimension n: Int, polarity: UInt8) -> Bool {
        guard transform.isUsable, matrix.reset(dimension: n) else { return false }
        statistics.gridsSampled += 1
        return GridSampler.sample(plane, polarity: polarity, transform: transform, into: matrix,
                                  grey: sampleBetweenPixels ? binarizer.greyView : nil)
    }
}

/// Geometry and outcome of one decode attempt (diagnostics).
public struct QRAttemptTrace: Sendable {
    public var topLeft = PointF.zero, topRight = PointF.zero, bottomLeft = PointF.zero
    public var module = 0.0
    public var dimension = 0
    public var alignment: PointF?
    public var bottomRightEstimate: PointF?
    public var status: QRDecodeStatus = .badFormatInformation
    public var score = 0.0

    public init() {}
}

/// Per-frame counters of the QR reader's stages.
public struct QRReaderStatistics: Sendable {
    /// The last attempt that reached the decoder.
    public var lastAttempt = QRAttemptTrace()
    public var finderCandidates = 0
    /// Finder hits dropped because the candidate table was full.
    public var finderOverflow = 0
    public var triples = 0
    public var triplesTried = 0
    public var gridsScored = 0
    public var gridsSampled = 0
    public var decodeAttempts = 0
    public var refinements = 0
    /// Symbols that decoded but did not fit a result slot.
    public var oversized = 0
    public var versionsRead = 0
    public var outlineFits = 0
    public var anchorSearches = 0
    /// The smoothed pass ran.
    public var smoothedPass = false
    public var decoded = 0

    public init() {}
}
