import Imaging

/// Cheap plausibility check of a geometry guess, used to rank dimension guesses before the (more
/// expensive) alignment search, full sampling and decode: a wrong module count shows at once as a broken
/// timing pattern, a wrong position as broken eyes.
enum GridQuality {
    /// Sum of two fractions (so 0…2): timing-pattern modules (row 6 and column 6 between the separators)
    /// that alternate as they should, and modules of the three eyes that match. Read straight from the
    /// plane through `transform`, without sampling the whole grid. Noise scores about 1.
    /// With `early`, a timing pattern under 60 % right ends the check there (cheap rejection of false
    /// triples); without, the eyes are always read too.
    static func score(_ plane: BitPlane, polarity: UInt8, transform t: PerspectiveTransform, dimension n: Int,
                      early: Bool = true) -> Double {
        guard n >= 21, t.isUsable else { return 0 }
        @inline(__always) func ink(_ x: Int, _ y: Int) -> UInt8 {
            let p = t.apply(Double(x) + 0.5, Double(y) + 0.5)
            guard let px = checkedFloor(p.x), let py = checkedFloor(p.y) else { return 2 }
            return plane.sample(px, py) ^ polarity
        }
        var rowGood = 0, columnGood = 0, timingTotal = 0
        for i in 8..<(n - 8) {
            let expected: UInt8 = i & 1 == 0 ? 1 : 0
            if ink(i, 6) == expected { rowGood += 1 }
            if ink(6, i) == expected { columnGood += 1 }
            timingTotal += 2
        }
        let timingGood = rowGood + columnGood
        // Eyes of a false triple are real eyes too: the timing patterns tell, and cost less to read.
        // Under 60 % right there, the grid cannot reach the 1.3 a decode needs (noise gives about half).
        if early, timingGood * 10 < timingTotal * 6 { return Double(timingGood) / Double(timingTotal) }
        if early, liesOnStripes(n: n, rowTiming: rowGood, columnTiming: columnGood, ink) {
            return 0.5 * Double(timingGood) / Double(timingTotal)
        }
        var eyeGood = 0
        for eye in 0..<3 {
            let ox = eye == 1 ? n - 7 : 0, oy = eye == 2 ? n - 7 : 0
            for dy in 0..<7 {
                for dx in 0..<7 {
                    let expected: UInt8 = max(abs(dx - 3), abs(dy - 3)) == 2 ? 0 : 1
                    if ink(ox + dx, oy + dy) == expected { eyeGood += 1 }
                }
            }
        }
        return Double(timingGood) / Double(timingTotal) + Double(eyeGood) / Double(3 * 49)
    }

    /// Whether the grid lies on the parallel bars of a 1D code (whose cross-sections pass as eyes: three
    /// of them make a triple) rather than on a symbol. Bars along the grid's columns make every row the
    /// same: row 7 repeats row 6, and the column timing pattern is constant (half right); bars along its
    /// rows the other way round. Data modules beside a timing pattern agree with it about half the time,
    /// and a symbol's timing patterns are nearly all right.
    @inline(__always)
    private static func liesOnStripes(n: Int, rowTiming: Int, columnTiming: Int, _ ink: (Int, Int) -> UInt8) -> Bool {
        let span = n - 16
        @inline(__always) func repeats(rows: Bool) -> Bool {
            var same = 0
            for i in 8..<(n - 8) where rows ? ink(i, 6) == ink(i, 7) : ink(6, i) == ink(7, i) { same += 1 }
            return same * 10 >= span * 9
        }
        return (columnTiming * 4 < span * 3 && repeats(rows: true))
            || (rowTiming * 4 < span * 3 && repeats(rows: false))
    }
}
