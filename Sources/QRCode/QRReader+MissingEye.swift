import Imaging
import Symbols

/// Symbols of which the scan found two eyes but not the third: art QR codes put a picture into the
/// stones, and a stone with light holes or a grey fill breaks every line the scan and its cross-checks
/// take through it. Two eyes of one symbol fix where the third can be — beside either of them
/// (they share a side) or across (they are the diagonal) — and `EyeRingSearch` looks there for its rings.
///
/// When the scan found only one of the eyes, the second can be among its weak hits (rows that looked
/// like an eye but failed a cross-check: a hole in the stone, a ring binarized thin); its rings then
/// confirm it the same way.
///
/// Runs only in a pass that decoded nothing, for the best `maxPairCompletions` pairs of found eyes and
/// then the best `maxWeakPairCompletions` pairs with a weak hit (ranked by the scan hits of the weaker
/// eye), so frames that read cheaply never pay for it.
extension QRReader {
    /// Decodes symbols from pairs of eyes; returns how many were added.
    func decodeFromEyePairs(into results: ResultSlots) -> Int {
        var added = 0
        var lastKey = Int.max
        for _ in 0..<max(0, maxPairCompletions) {
            guard let (i, j, key) = bestPair(below: lastKey) else { break }
            lastKey = key
            statistics.eyePairsTried += 1
            if decodeFromPair(finders.candidates[i], finders.candidates[j], partnerIsWeak: false, into: results) {
                finders.candidates[j].isUsed = true
                added += committed(eye: i)
            }
        }
        lastKey = Int.max
        for _ in 0..<max(0, maxWeakPairCompletions) where added == 0 {
            guard let (i, k, key) = bestWeakPair(below: lastKey) else { break }
            lastKey = key
            statistics.eyePairsTried += 1
            if decodeFromPair(finders.candidates[i], finders.weakHits[k], partnerIsWeak: true, into: results) {
                added += committed(eye: i)
            }
        }
        return added
    }

    private func committed(eye i: Int) -> Int {
        statistics.decoded += 1
        finders.candidates[i].isUsed = true
        retireEyes(inside: lastDecodedCorners, module: lastDecodedModule)
        return 1
    }

    /// The (found eye, weak hit) pair ranked highest below `limit`, as `bestPair` ranks. Weak hits next
    /// to a found eye are that eye's own rows; a weak hit must lie along a side or a diagonal of the found
    /// eye (its rings match the template turned towards the hit), as the eyes of one symbol do.
    private func bestWeakPair(below limit: Int) -> (Int, Int, Int)? {
        let n = min(finders.count, 1000), m = min(finders.weakCount, 1000)
        var best: (Int, Int, Int)?
        for i in 0..<n {
            let a = finders.candidates[i]
            guard !a.isUsed, a.hits >= Self.minimumPairHits else { continue }
            for k in 0..<m {
                let b = finders.weakHits[k]
                guard b.hits >= Self.minimumPairHits, b.polarity == a.polarity else { continue }
                let key = Int(min(a.hits, b.hits, 4095)) << 20 | (1023 - i) << 10 | (1023 - k)
                guard limit > key, key > (best?.2 ?? -1), Self.couldShareSymbol(a, b),
                      !hasCandidate(near: b.center, module: a.moduleSize, polarity: a.polarity),
                      isAligned(a, towards: b.center) else { continue }
                best = (i, k, key)
            }
        }
        return best
    }

    /// Whether the rings of eye `a` match the template with axes along `target − a` (a side) or turned
    /// by 45° (a diagonal).
    private func isAligned(_ a: FinderCandidate, towards target: PointF) -> Bool {
        let d = target - a.center
        let length = d.length
        guard length > 0 else { return false }
        let u = d * (a.moduleSize / length), v = PointF(-u.y, u.x)
        let oriented = EyeRingSearch(probe: RunProbe(plane: plane, polarity: a.polarity))
        return oriented.score(at: a.center, ex: u, ey: v) >= EyeRingSearch.acceptance
            || oriented.score(at: a.center, ex: (u + v) * 0.7071, ey: (u - v) * 0.7071) >= EyeRingSearch.acceptance
    }

    /// Module sizes alike and centres as far apart as eyes of one symbol can be: version 1's are 14
    /// modules apart along a side, version 40's 240 across.
    private static func couldShareSymbol(_ a: FinderCandidate, _ b: FinderCandidate) -> Bool {
        let small = min(a.moduleSize, b.moduleSize), large = max(a.moduleSize, b.moduleSize)
        guard small > 0, large <= 1.6 * small else { return false }
        let distance = a.center.distance(to: b.center)
        return distance >= 12 * large && distance <= 240 * small
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
                guard !b.isUsed, b.hits >= Self.minimumPairHits, b.polarity == a.polarity,
                      Self.couldShareSymbol(a, b) else { continue }
                let key = Int(min(a.hits, b.hits, 4095)) << 20 | (1023 - i) << 10 | (1023 - j)
                if limit > key, key > (best?.2 ?? -1) { best = (i, j, key) }
            }
        }
        return best
    }

    static var minimumPairHits: Int32 { 3 }

    /// Tries the six places of the missing eye for eyes `a` and `partner`; decodes at the first whose
    /// rings are found. A weak partner must first show its own rings.
    private func decodeFromPair(_ a: FinderCandidate, _ partner: FinderCandidate, partnerIsWeak: Bool,
                                into results: ResultSlots) -> Bool {
        let polarity = a.polarity
        let walker = LineWalker(probe: RunProbe(plane: plane, polarity: polarity))
        let search = EyeRingSearch(probe: walker.probe)
        let guess = partnerIsWeak ? a.moduleSize : (a.moduleSize + partner.moduleSize) * 0.5
        for shape in 0..<2 {
            var b = partner
            var d = b.center - a.center
            var r = PointF(-d.y, d.x) // d turned a quarter: the other side of a square
            // Shape 0: a and b share a side, the module axes run along d and r. Shape 1: a and b are the
            // diagonal, the axes run along d + r and d − r.
            var u = shape == 0 ? d : d + r, v = shape == 0 ? r : d - r
            let module = measuredModule(walker, a, partnerIsWeak ? nil : b, u, v, guess: guess)
            // The eyes' own rings tell the shape: they match the template only with the symbol's axes.
            // (Across the wrong axes the walks measure diagonals, 1.4 times too long, which fails it too.)
            guard search.score(at: a.center, ex: u * (module / u.length), ey: v * (module / v.length)) >= EyeRingSearch.acceptance
                || (!partnerIsWeak
                    && search.score(at: b.center, ex: u * (module / u.length), ey: v * (module / v.length)) >= EyeRingSearch.acceptance)
            else { continue }
            if partnerIsWeak {
                guard let found = search.locate(near: b.center, ex: u * (module / u.length), ey: v * (module / v.length))
                else { continue }
                statistics.eyesLocated += 1
                trace?(.missingEye(center: found.center, module: module, score: found.score))
                b = FinderCandidate(center: found.center, moduleSize: module, hits: 0, polarity: polarity)
                d = b.center - a.center
                r = PointF(-d.y, d.x)
                u = shape == 0 ? d : d + r
                v = shape == 0 ? r : d - r
            }
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

    /// Module size across the eyes (the weak one left out) along the axes `u` and `v`: the largest measurement within
    /// 0.7–1.6 of `guess`. (A picture in the stone ends a walk early, at a hole, and only ever makes a
    /// measurement too small.)
    private func measuredModule(_ walker: LineWalker, _ a: FinderCandidate, _ b: FinderCandidate?,
                                _ u: PointF, _ v: PointF, guess: Double) -> Double {
        var best = 0.0
        for k in 0..<(b == nil ? 2 : 4) {
            let eye = k < 2 ? a.center : b?.center ?? a.center
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
