import Imaging

/// Looks for an alignment pattern (5×5: dark ring, light ring, dark centre) near a predicted position.
///
/// Data modules often form a lone dark module in light surroundings, so the search checks the full
/// dark-light-dark-light-dark cross-section (1:1:1:1:1) both horizontally and vertically and prefers the
/// match nearest the prediction.
struct AlignmentPatternFinder {
    let probe: RunProbe

    /// Best centre within `radius` pixels of `predicted`, for a module size of `module` pixels.
    func find(near predicted: PointF, module: Double, radius: Double) -> PointF? {
        guard let px = checkedFloor(predicted.x), let py = checkedFloor(predicted.y),
              module >= 1, radius >= 1, radius < 4096 else { return nil }
        let r = Int(radius)
        let maxRun = Int32(max(3, module * 2.2))
        var best: PointF?
        var bestDistance = Double.infinity
        // Rows nearest the prediction first, so that an early good match can end the search.
        for i in 0...(2 * r) {
            let dy = (i & 1 == 0) ? i / 2 : -(i + 1) / 2
            let y = py + dy
            guard y >= 0, y < probe.height else { continue }
            if Double(abs(dy)) > bestDistance { break }
            var x = max(0, px - r)
            let xEnd = min(probe.width - 1, px + r)
            while x <= xEnd {
                // Centre module candidates: ink pixels whose horizontal cross-section fits.
                guard probe.ink(x, y) == 1 else {
                    x += 1
                    continue
                }
                if let h = probe.crossSection(x: x, y: y, dx: 1, dy: 0, maxRun: maxRun, clampOuter: true),
                   isAlignmentRatio(h.runs, module: module) {
                    let cx = Double(x) + Double(h.centerOffset)
                    let ix = Int(cx)
                    if let v = probe.crossSection(x: ix, y: y, dx: 0, dy: 1, maxRun: maxRun, clampOuter: true),
                       isAlignmentRatio(v.runs, module: module) {
                        let center = PointF(cx + 0.5, Double(y) + Double(v.centerOffset) + 0.5)
                        let d = center.distance(to: predicted)
                        if d < bestDistance && d <= radius {
                            bestDistance = d
                            best = center
                        }
                    }
                    x += max(1, Int(h.runs.r2) + Int(h.runs.r3))
                } else {
                    // Every pixel of this ink run has the same section (the same run boundaries), or one whose
                    // stone walk failed — then the run is longer than maxRun + 1 ≥ 1.7 modules and no section
                    // through it fits: the rest of the run fails alike.
                    x += 1
                    while x <= xEnd, probe.ink(x, y) == 1 { x += 1 }
                }
            }
        }
        return best
    }

    /// Runs D L D L D each about one module (the outer dark runs may be longer: they continue into the
    /// symbol's data, so only their presence is required).
    private func isAlignmentRatio(_ runs: FiveRuns, module: Double) -> Bool {
        let m = Float(module)
        let tol = m * 0.7
        return abs(Float(runs.r1) - m) < tol && abs(Float(runs.r2) - m) < tol && abs(Float(runs.r3) - m) < tol
            && Float(runs.r0) > m * 0.4 && Float(runs.r4) > m * 0.4
    }
}
