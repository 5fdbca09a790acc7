import Imaging
import Symbols

/// One distinct read collected during a frame: a symbol's content and facts, how many scan lines
/// agreed on it, and the outermost of those lines (for its corners). Plain value, stored in a fixed
/// table; the payload lives in the table's byte pool.
struct Candidate {
    var format: SymbolFormat = .ean13
    var modifier: UInt8 = 0
    var isGS1 = false
    var isInverted = false
    var payloadCount = 0
    /// Distinct scan lines that read this content.
    var votes: Int32 = 0
    /// Serial number of the last line that voted (one vote per line, whichever way it was read).
    var lastLine: Int32 = -1
    /// Scan direction of the first vote; geometry is kept for that direction only.
    var direction = 0
    /// Votes from lines of other directions (independent of the first direction's lines).
    var otherDirectionVotes: Int32 = 0
    /// Intercepts of the outermost voting lines of `direction`, and their symbol ends in reading order.
    var lowIntercept = 0.0
    var highIntercept = 0.0
    var lowStart = PointF.zero
    var lowEnd = PointF.zero
    var highStart = PointF.zero
    var highEnd = PointF.zero
    /// Module (or narrow element) in pixels, for spacing the confirmation lines.
    var module: Float = 0
    /// EAN/UPC add-on, by majority (Boyer–Moore): the current leader, its lead, and how many lines saw
    /// an add-on at all versus read the main symbol without one.
    var addOnCount = 0
    var addOnLead: Int32 = 0
    var addOnVotes: Int32 = 0
    var bareVotes: Int32 = 0
    /// Whether the line that voted last had an add-on.
    var lastLineHadAddOn = false

    /// Corners in reading order: the voting line on the left of the reading direction is the top edge.
    var corners: Quad {
        let r = lowEnd - lowStart
        let normal = PointF(-r.y, r.x) // points to the right of the reading direction (y down)
        let lowSide = PointF.middle(lowStart, lowEnd).dot(normal)
        let highSide = PointF.middle(highStart, highEnd).dot(normal)
        if lowSide <= highSide {
            return Quad(lowStart, lowEnd, highEnd, highStart)
        }
        return Quad(highStart, highEnd, lowEnd, lowStart)
    }

    /// Whether `p` lies within this candidate's area, grown by `margin` pixels on every side.
    func covers(_ p: PointF, margin: Double) -> Bool {
        let q = corners
        let along = q.topRight - q.topLeft
        let length = along.length
        guard length > 0 else { return false }
        let u = along * (1 / length)
        let n = PointF(-u.y, u.x)
        let d = p - q.topLeft
        let a = d.dot(u), b = d.dot(n)
        let depth = (q.bottomLeft - q.topLeft).dot(n)
        let low = min(0, depth), high = max(0, depth)
        return a >= -margin && a <= length + margin && b >= low - margin && b <= high + margin
    }
}
