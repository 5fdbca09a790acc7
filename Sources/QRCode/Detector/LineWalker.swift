import Imaging

/// Measurements taken by walking a straight line across the binarized plane, sub-pixel positions
/// rounded to the nearest pixel at each unit step.
struct LineWalker {
    let probe: RunProbe

    /// Distance from `center` (inside a finder's stone) along `direction` (unit vector) to the outer edge
    /// of the eye: ink → light → ink → light. Ideally 3.5 modules. Stops after `limit` pixels; an eye cut by
    /// the image border counts up to the border. Nil when the pattern is not seen.
    func distanceToEyeEdge(from center: PointF, direction: PointF, limit: Double) -> Double? {
        var state = 0 // 0 stone, 1 light ring, 2 outer ring
        var t = 0.0
        while t < limit {
            t += 1
            guard let xi = checkedFloor(center.x + direction.x * t), let yi = checkedFloor(center.y + direction.y * t)
            else { return nil }
            guard let v = probe.ink(xi, yi) else { return state == 2 ? t : nil }
            switch state {
            case 0: if v == 0 { state = 1 }
            case 1: if v == 1 { state = 2 }
            default: if v == 0 { return t }
            }
        }
        return nil
    }

    /// Module size measured across an eye along a line (through its centre both ways): 7 modules.
    func moduleSizeAcrossEye(center: PointF, toward other: PointF, moduleGuess: Double) -> Double? {
        let d = other - center
        let len = d.length
        guard len > 0 else { return nil }
        let dir = d * (1 / len)
        let limit = moduleGuess * 7 + 4
        guard let forward = distanceToEyeEdge(from: center, direction: dir, limit: limit),
              let backward = distanceToEyeEdge(from: center, direction: dir * -1, limit: limit) else { return nil }
        return (forward + backward - 1) / 7
    }
}
