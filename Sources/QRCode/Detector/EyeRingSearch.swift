import Imaging

/// Looks for an eye where one is expected but the finder scan found none, by its rings alone.
///
/// The row scan needs every line through an eye to cross a solid 3-module stone. Art QR codes fill the
/// stone with a picture (light holes, grey texture), and then an eye is not found although its rings
/// are clean. Given where the eye should be and the module axes (from the two eyes that were found),
/// this matches a 9 × 9-module template — the light ring around the eye (separators and quiet zone,
/// 32 modules), the dark outer ring (24) and the light inner ring (16), the stone ignored — at module
/// centres read from the binarized plane, over positions within 1.5 modules of the expected centre.
///
/// Cost: a coarse pass of 7 × 7 positions a half module apart, each rejected after its dark ring when
/// that ring is under two thirds right (most positions), then 5 × 5 positions an eighth of a module
/// apart around the best. At most 74 × 72 samples, usually about 49 × 24.
struct EyeRingSearch {
    let probe: RunProbe

    /// Fraction of the 72 ring modules that must match for an eye. A broken or mistaken position
    /// matches the light rings by chance (about 0.67 off the image, 0.6–0.72 over data modules, measured
    /// on art QR codes); an eye with a textured stone and a grey ring 0.82–0.99.
    static let acceptance = 0.8

    /// The centre of the eye best matching near `expected`, with its score (0…1), when it reaches
    /// `acceptance`. `ex` and `ey` are one module along the symbol's axes, in pixels.
    func locate(near expected: PointF, ex: PointF, ey: PointF) -> (center: PointF, score: Double)? {
        var best = expected, bestScore = -1.0
        for j in -3...3 {
            for i in -3...3 {
                let p = expected + ex * (Double(i) * 0.5) + ey * (Double(j) * 0.5)
                let s = score(at: p, ex: ex, ey: ey, best: bestScore)
                if s > bestScore { bestScore = s; best = p }
            }
        }
        guard bestScore >= Self.acceptance - 0.1 else { return nil }
        let coarse = best
        for j in -2...2 {
            for i in -2...2 where i != 0 || j != 0 {
                let p = coarse + ex * (Double(i) * 0.125) + ey * (Double(j) * 0.125)
                let s = score(at: p, ex: ex, ey: ey, best: bestScore)
                if s > bestScore { bestScore = s; best = p }
            }
        }
        return bestScore >= Self.acceptance ? (best, bestScore) : nil
    }

    /// Fraction of the ring modules around `center` that match. Returns early (a lower bound, under
    /// `best`) once the dark ring shows the position cannot win.
    func score(at center: PointF, ex: PointF, ey: PointF, best: Double = -1) -> Double {
        // Dark outer ring first: modules with max(|i|, |j|) == 3.
        var dark = 0
        for k in -3...2 {
            dark += Int(sample(center, ex, ey, k, -3)) + Int(sample(center, ex, ey, 3, k))
                + Int(sample(center, ex, ey, -k, 3)) + Int(sample(center, ex, ey, -3, -k))
        }
        // Under 16 of 24 right, even a perfect rest stays under the acceptance margin.
        if dark < 16 || Double(dark + 48) / 72 <= best { return Double(dark) / 72 }
        var light = 0
        for k in -2...1 {
            light += 4 - Int(sample(center, ex, ey, k, -2)) - Int(sample(center, ex, ey, 2, k))
                - Int(sample(center, ex, ey, -k, 2)) - Int(sample(center, ex, ey, -2, -k))
        }
        for k in -4...3 {
            light += 4 - Int(sample(center, ex, ey, k, -4)) - Int(sample(center, ex, ey, 4, k))
                - Int(sample(center, ex, ey, -k, 4)) - Int(sample(center, ex, ey, -4, -k))
        }
        return Double(dark + light) / 72
    }

    /// 1 when module (i, j) from `center` is ink; outside the image counts as light (quiet zone).
    @inline(__always)
    private func sample(_ center: PointF, _ ex: PointF, _ ey: PointF, _ i: Int, _ j: Int) -> UInt8 {
        let p = center + ex * Double(i) + ey * Double(j)
        guard let x = checkedFloor(p.x), let y = checkedFloor(p.y) else { return 0 }
        return probe.ink(x, y) ?? 0
    }
}
