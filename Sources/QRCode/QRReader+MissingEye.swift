import Imaging
import Symbols

/// Symbols of which the scan found two eyes but not the third: art QR codes put a picture into the
/// stones, and a stone with light holes or a grey fill breaks every line the scan and its cross-checks
/// take through it. Two eyes of one symbol fix where the third can be — beside either of them
/// (they share a side) or across (they are the diagonal) — and `EyeRingSearch` looks there for its rings.
///
/// Runs only in a pass that decoded nothing, for the best `maxPairCompletions` pairs of the frame
/// (ranked by the scan hits of the weaker eye), so frames that read cheaply never pay for it.
extension QRReader {
    /// Decodes symbols from pairs of eyes; returns how many were added.
    func decodeFromEyePairs(into results: ResultSlots) -> Int {
        var added = 0
        var lastKey = Int.max
        while pairCompletionsLeft > 0 {
            guard let (i, j, key) = bestPair(below: lastKey) else { break }
            lastKey = key
            pairCompletionsLeft -= 1
            statistics.eyePairsTried += 1
            if decodeFromPair(finders.candidates[i], finders.candidates[j], into: results) {
                statistics.decoded += 1
                finders.candidates[i].isUsed = true
                finders.candidates[j].isUsed = true
                retireEyes(inside: lastDecodedCorners, module: lastDecodedModule)
                added += 1
            }
        }
        return added
    }

    /// The pair ranked highest below `limit`: key = weaker eye's hits, then candidate order (so each key
    /// is distinct and pairs come out one by one without a list).
    private func bestPair(below limit: Int) -> (Int, Int, Int)? {
        let n = min(finders.count, 1000)
        var best: (Int, Int, Int)?
        for i in 0..<n {
            let a = finders.candidates[i]
            guard !a.isUsed, a.hits >= Self.minimumPairHits else { continue }
            for j in (i + 1)..<n {
                let b = finders.candidates[j]
                guard !b.isUsed, b.hits >= Self.minimumPairHits, b.polarity == a.polarity else { continue }
                let small = min(a.moduleSize, b.moduleSize), large = max(a.moduleSize, b.moduleSize)
                guard small > 0, large <= 1.6 * small else { continue }
                // Eye centres of version 1 are 14 modules apart along a side, of version 40 240 across.
                let distance = a.center.distance(to: b.center)
                guard distance >= 12 * large, distance <= 240 * small else { continue }
                let key = Int(min(a.hits, b.hits, 4095)) << 20 | (1023 - i) << 10 | (1023 - j)
                if limit > key, key > (best?.2 ?? -1) { best = (i, j, key) }
            }
        }
        return best
    }

    static var minimumPairHits: Int32 { 3 }

    /// Tries the six places of the missing eye for eyes `a` and `b`; decodes at the first whose rings
    /// are found.
    private func decodeFromPair(_ a: FinderCandidate, _ b: FinderCandidate, into results: ResultSlots) -> Bool {
        let polarity = a.polarity
        let walker = LineWalker(probe: RunProbe(plane: plane, polarity: polarity))
        let search = EyeRingSearch(probe: walker.probe)
        let d = b.center - a.center
        let r = PointF(-d.y, d.x) // d turned a quarter: the other side of a square
        let guess = (a.moduleSize + b.moduleSize) * 0.5
        for shape in 0..<2 {
            // Shape 0: a and b share a side, the module axes run along d and r. Shape 1: a and b are the
            // diagonal, the axes run along d + r and d − r.
            let u = shape == 0 ? d : d + r, v = shape == 0 ? r : d - r
            let module = measuredModule(walker, a, b, u, v, guess: guess)
            let ex = u * (module / u.length), ey = v * (module / v.length)
            for place in 0..<(shape == 0 ? 4 : 2) {
                let sign = place & 1 == 0 ? 1.0 : -1.0
                let expected: PointF
                if shape == 0 {
                    expected = (place < 2 ? a.center : b.center) + r * sign
                } else {
                    expected = PointF.middle(a.center, b.center) + r * (0.5 * sign)
                }
                guard isInside(expected, margin: 3 * module), !hasCandidate(near: expected, module: module, polarity: polarity),
                      let found = search.locate(near: expected, ex: ex, ey: ey) else { continue }
                statistics.eyesLocated += 1
                trace?(.missingEye(center: found.center, module: module, score: found.score))
                let third = FinderCandidate(center: found.center, moduleSize: module, hits: 0, polarity: polarity)
                // The corner eye is the one at the right angle: the eye the third was placed beside, or
                // the third itself when the pair is a diagonal.
                let corner = shape == 1 ? third : place < 2 ? a : b
                let p = shape == 1 ? a : place < 2 ? b : a
                let q = shape == 1 ? b : third
                // p is the top-right eye when p → q turns clockwise (image y points down).
                let clockwise = (p.center - corner.center).cross(q.center - corner.center) > 0
                if decode(topLeft: corner, topRight: clockwise ? p : q, bottomLeft: clockwise ? q : p,
                          module: module, rescuing: false, into: results) {
                    return true
                }
            }
        }
        return false
    }

    /// Module size across the two eyes along the axes `u` and `v`: the largest measurement within
    /// 0.7–1.6 of `guess`. (A picture in the stone ends a walk early, at a hole, and only ever makes a
    /// measurement too small.)
    private func measuredModule(_ walker: LineWalker, _ a: FinderCandidate, _ b: FinderCandidate,
                                _ u: PointF, _ v: PointF, guess: Double) -> Double {
        var best = 0.0
        for k in 0..<4 {
            let eye = k < 2 ? a.center : b.center
            let axis = k & 1 == 0 ? u : v
            if let m = walker.moduleSizeAcrossEye(center: eye, toward: eye + axis, moduleGuess: guess),
               m >= 0.7 * guess, m <= 1.6 * guess, m > best {
                best = m
            }
        }
        return best > 0 ? best : guess
    }

    private func isInside(_ p: PointF, margin: Double) -> Bool {
        p.x >= margin && p.y >= margin && p.x <= Double(plane.width) - margin && p.y <= Double(plane.height) - margin
    }

    /// Whether the scan found an eye of this polarity there already (its triples were tried).
    private func hasCandidate(near p: PointF, module: Double, polarity: UInt8) -> Bool {
        for i in 0..<finders.count where finders.candidates[i].polarity == polarity {
            if finders.candidates[i].center.distance(to: p) < 2 * module { return true }
        }
        return false
    }
}
