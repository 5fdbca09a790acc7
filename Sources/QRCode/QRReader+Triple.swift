import Imaging
import Symbols

/// One eye triple: from three eyes to a decoded symbol or a clean refusal.
extension QRReader {
    /// Decodes the symbol the triple's eyes belong to, if any.
    ///
    /// Cheap attempts come first for every plausible dimension — the version read beside the eyes, then
    /// the size estimate and its neighbours ranked by how well their timing patterns come out — each with
    /// the fourth anchors of `decodeWithAnchors`. Only when all of those fail does the best-looking guess
    /// get the costly rescue (`refineAndSearch`), so a symbol whose second guess is right never pays it.
    func decode(_ triple: FinderTriple, into results: ResultSlots) -> Bool {
        decode(topLeft: finders.candidates[Int(triple.topLeft)], topRight: finders.candidates[Int(triple.topRight)],
               bottomLeft: finders.candidates[Int(triple.bottomLeft)], into: results)
    }

    /// Decodes the symbol with these eyes (found by the scan, or located from two of them:
    /// `QRReader+MissingEye`, which also knows the module size and forgoes the costly rescues: outline fit, refinement).
    func decode(topLeft a: FinderCandidate, topRight b: FinderCandidate, bottomLeft c: FinderCandidate,
                module: Double? = nil, rescuing: Bool = true, into results: ResultSlots) -> Bool {
        let polarity = a.polarity
        tripleIsModel1 = false
        let geometry = SymbolGeometry(topLeft: a.center, topRight: b.center, bottomLeft: c.center,
                                      walker: LineWalker(probe: RunProbe(plane: plane, polarity: polarity)),
                                      fallbackModule: (a.moduleSize + b.moduleSize + c.moduleSize) / 3,
                                      scratch: scratch, knownModule: module)
        guard let estimate = geometry.estimatedDimension else { return false }
        // The guess the rescue works on: dimension, how right its grid looked, its first anchor.
        var rescue: (dimension: Int, score: Double, anchor: PointF)?

        // Version 7 and up carry their version beside two eyes: when it reads, the dimension is known.
        if estimate >= 41, case let frames = geometry.versionFrames(),
           let version = VersionBlocks.read(plane, polarity: polarity, topRightFrame: frames.topRight,
                                            bottomLeftFrame: frames.bottomLeft) {
            statistics.versionsRead += 1
            trace?(.versionRead(version))
            // A garbage read rarely passes the version check (~0.3 %); the grid it implies must still look
            // somewhat like a symbol. Loosely: large tilted symbols need the alignment grid to sample well.
            let n = version * 4 + 17
            let score = GridQuality.score(plane, polarity: polarity, transform: initialTransform(geometry, n),
                                          dimension: n, early: false)
            if score >= 1.15 {
                let attempt = decodeWithAnchors(geometry, dimension: n, polarity: polarity, into: results)
                if attempt.decoded { return true }
                if let anchor = attempt.firstAnchor { rescue = (n, 2, anchor) } // a read version is trusted
            }
        }

        // Rank the estimate and its neighbours (perspective and blur bias the module size) by how well
        // their timing patterns and eyes come out; hopeless guesses are not decoded.
        var dims = (estimate, estimate + 4, estimate - 4)
        var scores = (-1.0, -1.0, -1.0)
        for i in 0..<3 {
            let n = i == 0 ? dims.0 : i == 1 ? dims.1 : dims.2
            guard n >= 21, n <= 177 else { continue }
            let score = GridQuality.score(plane, polarity: polarity, transform: initialTransform(geometry, n), dimension: n)
            if i == 0 { scores.0 = score } else if i == 1 { scores.1 = score } else { scores.2 = score }
        }
        statistics.gridsScored += 3
        if scores.1 > scores.0 { swap(&scores.0, &scores.1); swap(&dims.0, &dims.1) }
        if scores.2 > scores.0 { swap(&scores.0, &scores.2); swap(&dims.0, &dims.2) }
        if scores.2 > scores.1 { swap(&scores.1, &scores.2); swap(&dims.1, &dims.2) }

        if rescuing, scores.0 < 1.3, outlineFitsLeft > 0 {
            // No guess looks like a symbol: perspective too strong for eye centres and a fourth point.
            outlineFitsLeft -= 1
            if decodeFromEyeOutlines(geometry, a, b, c, estimate: estimate, polarity: polarity, into: results) {
                return true
            }
        }
        for i in 0..<3 {
            let (n, score) = i == 0 ? (dims.0, scores.0) : i == 1 ? (dims.1, scores.1) : (dims.2, scores.2)
            trace?(.triple(topLeft: geometry.topLeft, topRight: geometry.topRight, bottomLeft: geometry.bottomLeft,
                           module: geometry.module, dimension: n, score: score))
            // A perfect grid scores 2.0, noise about 1.0.
            guard score >= 1.3 else { continue }
            noteAttempt(geometry, score: score)
            let attempt = decodeWithAnchors(geometry, dimension: n, polarity: polarity, into: results)
            if attempt.decoded { return true }
            if let anchor = attempt.firstAnchor, score > (rescue?.score ?? 0) { rescue = (n, score, anchor) }
        }

        // The rescue pays only for a grid that looked nearly right (timing and eyes mostly in place).
        guard rescuing, let r = rescue, r.score >= 1.6 else { return false }
        return refineAndSearch(geometry, dimension: r.dimension, anchor: r.anchor, polarity: polarity, into: results)
    }

    /// Eye centres plus the traced (or parallelogram) estimate of the bottom-right alignment centre.
    func initialTransform(_ geometry: SymbolGeometry, _ n: Int) -> PerspectiveTransform {
        geometry.transform(dimension: n, anchor: geometry.bottomRightEstimate ?? geometry.parallelogramAnchor(dimension: n))
    }

    private func noteAttempt(_ geometry: SymbolGeometry, score: Double) {
        statistics.lastAttempt = QRAttemptTrace()
        statistics.lastAttempt.topLeft = geometry.topLeft
        statistics.lastAttempt.topRight = geometry.topRight
        statistics.lastAttempt.bottomLeft = geometry.bottomLeft
        statistics.lastAttempt.module = geometry.module
        statistics.lastAttempt.bottomRightEstimate = geometry.bottomRightEstimate
        statistics.lastAttempt.score = score
    }
}
