import Imaging

/// Three finder candidates that could be the eyes of one symbol, named by their role in it.
struct FinderTriple {
    var topLeft: Int16
    var topRight: Int16
    var bottomLeft: Int16
    /// Lower is better: how far the eyes are from a right isosceles corner with equal module sizes.
    var score: Float
}

/// Picks plausible eye triples from the candidates and orders them best first (fixed capacity).
///
/// The corner eye is the one opposite the longest side. Perspective bends the right angle and the equal
/// legs, so the limits are generous (37°–143°, legs within 2.5×, module sizes within 2.5×) and the score
/// ranks what passes: squareness, and legs equally long when each is measured in its eyes' module size. Which of the other two is top-right follows from the turn direction (image y points
/// down): a mirrored symbol gets them swapped and is recognised later, when decoding fails until the
/// sampled grid is transposed.
struct TripleSelector {
    static let maxCandidatesConsidered = 24

    let triples: UnsafeMutableBufferPointer<FinderTriple>
    private let order: UnsafeMutableBufferPointer<Int16>
    private(set) var count = 0

    init(arena: ScanArena, capacity: Int = 64) {
        triples = arena.reserve(FinderTriple.self, count: capacity)
        order = arena.reserve(Int16.self, count: FinderPatternScanner.defaultCapacity)
    }

    mutating func select(_ candidates: UnsafeMutableBufferPointer<FinderCandidate>, count candidateCount: Int) {
        count = 0
        // Consider the candidates with the most hits first (stable insertion sort into `order`).
        let n = min(candidateCount, order.count, candidates.count)
        var m = 0
        for i in 0..<n where !candidates[i].isUsed {
            var j = m
            while j > 0 && Self.ranksBefore(candidates[i], candidates[Int(order[j - 1])]) {
                order[j] = order[j - 1]
                j -= 1
            }
            order[j] = Int16(i)
            m += 1
        }
        m = min(m, Self.maxCandidatesConsidered)
        guard m >= 3 else { return }
        for a in 0..<(m - 2) {
            for b in (a + 1)..<(m - 1) {
                for c in (b + 1)..<m {
                    consider(candidates, Int(order[a]), Int(order[b]), Int(order[c]))
                }
            }
        }
    }

    /// More hits first; among equal hits, the larger eye (texture passes as eyes of one or two pixels).
    @inline(__always)
    static func ranksBefore(_ a: FinderCandidate, _ b: FinderCandidate) -> Bool {
        a.hits > b.hits || (a.hits == b.hits && a.moduleSize > b.moduleSize)
    }

    private mutating func consider(_ cands: UnsafeMutableBufferPointer<FinderCandidate>, _ i: Int, _ j: Int, _ k: Int) {
        let ci = cands[i], cj = cands[j], ck = cands[k]
        guard ci.polarity == cj.polarity, cj.polarity == ck.polarity else { return }
        let minModule = min(ci.moduleSize, cj.moduleSize, ck.moduleSize)
        let maxModule = max(ci.moduleSize, cj.moduleSize, ck.moduleSize)
        guard minModule > 0, maxModule <= 2.5 * minModule else { return }
        // Distances in modules (each pair in its own module size): under perspective the far eyes look
        // smaller and closer, and raw pixel distances can pick the wrong corner.
        let dij = ci.center.distance(to: cj.center) / (ci.moduleSize + cj.moduleSize)
        let dik = ci.center.distance(to: ck.center) / (ci.moduleSize + ck.moduleSize)
        let djk = cj.center.distance(to: ck.center) / (cj.moduleSize + ck.moduleSize)
        // Corner opposite the longest side.
        var corner = i, p = j, q = k
        if dij >= dik && dij >= djk {
            corner = k; p = i; q = j
        } else if dik >= dij && dik >= djk {
            corner = j; p = i; q = k
        }
        let c0 = cands[corner].center
        let u = cands[p].center - c0, v = cands[q].center - c0
        let a = u.length, b = v.length
        guard a > 0, b > 0 else { return }
        let module = (ci.moduleSize + cj.moduleSize + ck.moduleSize) / 3
        // Eye centres of a version 1 symbol are 14 modules apart, of version 40 170. Perspective shrinks the
        // far side, so measure each leg in the module size of its own eyes.
        let moduleP = (cands[corner].moduleSize + cands[p].moduleSize) / 2
        let moduleQ = (cands[corner].moduleSize + cands[q].moduleSize) / 2
        guard a >= 10 * moduleP, b >= 10 * moduleQ, max(a, b) <= 190 * module else { return }
        let legRatio = max(a, b) / min(a, b)
        guard legRatio <= 2.5 else { return }
        let cosine = u.dot(v) / (a * b)
        guard abs(cosine) <= 0.8 else { return } // within 53° of a right angle (strong shear)
        // Legs measured in modules should be equal whatever the perspective.
        let modulesA = a / moduleP, modulesB = b / moduleQ
        let moduleLegRatio = max(modulesA, modulesB) / min(modulesA, modulesB)
        var score = Float(abs(cosine) * 2 + (moduleLegRatio - 1) * 2 + (maxModule / minModule - 1) * 0.5)
        if min(ci.hits, cj.hits, ck.hits) < 2 { score += 0.5 }
        let turnsClockwise = u.cross(v) > 0 // p is top-right when p → q turns clockwise (y down)
        let triple = FinderTriple(topLeft: Int16(corner), topRight: Int16(turnsClockwise ? p : q),
                                  bottomLeft: Int16(turnsClockwise ? q : p), score: score)
        insert(triple)
    }

    /// Keeps the best `capacity` triples, sorted by score.
    private mutating func insert(_ t: FinderTriple) {
        if count == triples.count {
            guard t.score < triples[count - 1].score else { return }
            count -= 1
        }
        var j = count
        while j > 0 && triples[j - 1].score > t.score {
            triples[j] = triples[j - 1]
            j -= 1
        }
        triples[j] = t
        count += 1
    }
}
