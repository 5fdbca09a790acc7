import Imaging

/// The pixel positions of four anchor modules that define a symbol's perspective transform:
/// eye centres (3.5, 3.5), (N-3.5, 3.5), (3.5, N-3.5) and the bottom-right alignment centre (N-6.5, N-6.5).
struct GridAnchors {
    var topLeft: PointF
    var topRight: PointF
    var bottomRight: PointF
    var bottomLeft: PointF

    func transform(dimension n: Int) -> PerspectiveTransform {
        let nd = Double(n)
        return PerspectiveTransform.quadToQuad(
            from: Quad(PointF(3.5, 3.5), PointF(nd - 3.5, 3.5), PointF(nd - 6.5, nd - 6.5), PointF(3.5, nd - 3.5)),
            to: Quad(topLeft, topRight, bottomRight, bottomLeft))
    }

    /// Coordinate `i` (0…7: x then y of each anchor).
    subscript(i: Int) -> Double {
        get {
            switch i {
            case 0: topLeft.x
            case 1: topLeft.y
            case 2: topRight.x
            case 3: topRight.y
            case 4: bottomRight.x
            case 5: bottomRight.y
            case 6: bottomLeft.x
            default: bottomLeft.y
            }
        }
        set {
            switch i {
            case 0: topLeft.x = newValue
            case 1: topLeft.y = newValue
            case 2: topRight.x = newValue
            case 3: topRight.y = newValue
            case 4: bottomRight.x = newValue
            case 5: bottomRight.y = newValue
            case 6: bottomLeft.x = newValue
            default: bottomLeft.y = newValue
            }
        }
    }
}

/// Refines a grid's anchors so that the modules whose colour the standard fixes — eyes, separators,
/// timing patterns, the dark module, the bottom-right alignment pattern (in a Model 1 symbol, the
/// extension patterns on the right and bottom edges instead) — come out as they must.
///
/// Each such module is sampled at 2×2 points spread over its middle, so the score changes smoothly as the
/// grid slides and a coordinate-wise hill climb (halving steps from half a module) converges on the
/// best-aligned grid. This rescues symbols whose anchors are off by a pixel or two — small modules, blur,
/// a traced corner estimate on version 1 — at the cost of about a thousand samples per step (at most
/// 96 steps), so it runs only after a decode of a grid that looked right failed.
struct GridFitter {
    let plane: BitPlane
    let polarity: UInt8
    let dimension: Int
    var model1 = false

    func refine(_ start: GridAnchors, module: Double) -> GridAnchors {
        var best = start
        var bestScore = fitness(best)
        var step = max(0.25, module * 0.5)
        for _ in 0..<3 {
            var improved = true
            var passes = 0
            while improved && passes < 2 {
                improved = false
                passes += 1
                for i in 0..<8 {
                    for sign in 0..<2 {
                        var trial = best
                        trial[i] += sign == 0 ? step : -step
                        let score = fitness(trial)
                        if score > bestScore {
                            bestScore = score
                            best = trial
                            improved = true
                        }
                    }
                }
            }
            step *= 0.5
        }
        return best
    }

    /// Number of sub-samples of fixed modules that have the colour the standard gives them.
    func fitness(_ anchors: GridAnchors) -> Int {
        let t = anchors.transform(dimension: dimension)
        guard t.isUsable else { return 0 }
        let n = dimension
        var score = 0
        @inline(__always) func cell(_ x: Int, _ y: Int, _ dark: Bool) {
            let expected: UInt8 = dark ? 1 : 0
            for sy in 0..<2 {
                for sx in 0..<2 {
                    let p = t.apply(Double(x) + 0.25 + 0.5 * Double(sx), Double(y) + 0.25 + 0.5 * Double(sy))
                    guard let px = checkedFloor(p.x), let py = checkedFloor(p.y) else { continue }
                    if plane.sample(px, py) ^ polarity == expected { score += 1 }
                }
            }
        }
        // Eyes with their separators (8×8 corners, the separator row/column light).
        for eye in 0..<3 {
            let ox = eye == 1 ? n - 7 : 0, oy = eye == 2 ? n - 7 : 0
            for dy in -1...7 {
                for dx in -1...7 {
                    let x = ox + dx, y = oy + dy
                    guard x >= 0, y >= 0, x < n, y < n else { continue }
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    cell(x, y, ring != 2 && ring != 4)
                }
            }
        }
        // Timing patterns.
        for i in 8..<(n - 8) {
            cell(i, 6, i & 1 == 0)
            cell(6, i, i & 1 == 0)
        }
        // The dark module beside the bottom-left eye.
        cell(8, n - 8, true)
        if model1 {
            // Extension patterns (`QRModel1`): 4-module bars every 8 modules up the right edge and along
            // the bottom edge, dark on the edge, light inside.
            var edge = n - 9
            while edge - 3 > 12 {
                for k in 0..<4 {
                    cell(n - 1, edge - k, true)
                    cell(n - 2, edge - k, false)
                    cell(edge - k, n - 1, true)
                    cell(edge - k, n - 2, false)
                }
                edge -= 8
            }
        } else if n >= 25 {
            // Bottom-right alignment pattern (versions 2 and up).
            for dy in -2...2 {
                for dx in -2...2 {
                    cell(n - 7 + dx, n - 7 + dy, max(abs(dx), abs(dy)) != 1)
                }
            }
        }
        return score
    }
}
