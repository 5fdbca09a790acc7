import Imaging

/// Where a line that broke off lies relative to the symbols the frame has already read, and so
/// whether its second looks can still find anything.
extension LineReader {
    /// What a spot where a line broke off leaves to look for, given the symbols accepted so far.
    enum SpotOnSymbol {
        /// On no accepted symbol.
        case none
        /// On an accepted and settled symbol: nothing left to find there.
        case done
        /// Beside the rows that read accepted EAN/UPC symbol `i`, which showed no add-on yet.
        case addOnOpen(Int)
    }

    /// Whether `spot` lies on a symbol already accepted and settled in this frame: its area grown by a
    /// line spacing along, and across by half its length. The lines that read a symbol seldom reach
    /// its bars' ends, and the lines through the rest of its bars (print voids, glare, text over
    /// them) have nothing left to find; a second symbol that close above or below is read by the
    /// coarse lines, or not at all. Only an add-on may still be found there: an EAN/UPC symbol whose
    /// lines showed none leaves the spots beyond a line spacing of its reading rows `addOnOpen`
    /// (an add-on's bars may start below those rows, and lines through it need their second looks).
    func acceptedSymbol(at spot: PointF) -> SpotOnSymbol {
        var open = -1
        for i in 0..<votes.count {
            let c = votes[i]
            guard c.votes >= requiredVotes, c.isSettled(requiredVotes: requiredVotes),
                  c.covers(spot, margin: spacing, across: 0.5 * c.length),
                  ResultWriter.isAccepted(votes, i, requiredVotes: requiredVotes) else { continue }
            if !c.format.takesAddOn || c.addOnSeen || c.covers(spot, margin: spacing) { return .done }
            if open < 0 { open = i }
        }
        return open < 0 ? .none : .addOnOpen(open)
    }

    /// Whether the current line has an edge where an add-on of accepted symbol `i` would begin: 7 to
    /// 12 modules past the symbol's end (4 to 15 here, for tilt and for the end being estimated from
    /// the symbol's reading rows). A line with nothing there cannot read an add-on. Lines of another
    /// direction than the symbol's are not judged (true).
    func addOnZoneHasEdges(of i: Int, _ line: ScanLine) -> Bool {
        let c = votes[i]
        guard c.direction == line.direction else { return true }
        // The symbol's start and end on this line, from its lowest and highest reading lines.
        let span = c.highIntercept - c.lowIntercept
        let f = span > 0 ? (line.intercept - c.lowIntercept) / span : 0
        let start = line.position(of: c.lowStart + (c.highStart - c.lowStart) * f)
        let end = line.position(of: c.lowEnd + (c.highEnd - c.lowEnd) * f)
        let module = Double(max(c.module, 0.5))
        let low = end >= start ? end + 4 * module : end - 15 * module
        let high = end >= start ? end + 15 * module : end - 4 * module
        let seq = edges.forward
        guard seq.count > 0 else { return false }
        // The first edge at or after `low` (element j starts at edge j - 1; element 0 at the line start).
        let k = max(0, seq.firstElement(startingAtOrAfter: Float(low)) - 1)
        // Safe: 0 <= k, and k < count is checked first.
        return k < seq.count && Double(seq.position[k]) <= high
    }
}
