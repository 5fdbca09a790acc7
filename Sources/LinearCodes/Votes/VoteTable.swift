import Imaging
import Symbols

/// The reads of one frame, counted across scan lines before any of them becomes a result.
///
/// Each line's read is a vote for its content. A content becomes a result only when enough distinct
/// lines agree (two, or one when the frame is too thin for a second line) and no much better supported
/// read sits on the same spot: a checksum lets about one misread in ten (Code 39 without check
/// character: many more) through, but two independent lines seldom misread the same way.
final class VoteTable {
    let capacity: Int
    private let candidates: UnsafeMutablePointer<Candidate>
    private let payloads: UnsafeMutablePointer<UInt8>
    private let addOns: UnsafeMutablePointer<UInt8>
    private let stride = LinearLimits.maxPayload
    private(set) var count = 0
    /// Reads that found no free entry this frame.
    private(set) var overflowCount = 0

    init(arena: ScanArena, capacity: Int) {
        self.capacity = max(1, capacity)
        candidates = arena.reserve(Candidate.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        candidates.initialize(repeating: Candidate(), count: self.capacity)
        payloads = arena.reserve(UInt8.self, count: self.capacity * LinearLimits.maxPayload)
            .baseAddress.unsafelyUnwrapped
        addOns = arena.reserve(UInt8.self, count: self.capacity * 8).baseAddress.unsafelyUnwrapped
    }

    func reset() {
        count = 0
        overflowCount = 0
    }

    @inline(__always)
    subscript(i: Int) -> Candidate {
        // Safe: callers keep 0 <= i < count <= capacity.
        get { candidates[i] }
    }

    func payload(of i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: payloads + i * stride, count: candidates[i].payloadCount)
    }

    func addOn(of i: Int) -> UnsafeBufferPointer<UInt8> {
        let c = candidates[i]
        guard c.addOnCount > 0, c.addOnLead > 0 else { return UnsafeBufferPointer(start: addOns + i * 8, count: 0) }
        return UnsafeBufferPointer(start: addOns + i * 8, count: c.addOnCount)
    }

    /// Records `sym`, read on line number `serial` between image points `start` and `end` (reading order).
    /// Returns the candidate's index, or -1 when the table is full.
    @discardableResult
    func vote(_ sym: LineSymbol, serial: Int32, line: ScanLine, start: PointF, end: PointF) -> Int {
        let bytes = sym.payload.contents
        var index = -1
        for i in 0..<count where candidates[i].format == sym.format && candidates[i].payloadCount == bytes.count {
            if memoryEqual(payloads + i * stride, bytes) {
                index = i
                break
            }
        }
        if index < 0 {
            guard count < capacity else {
                overflowCount += 1
                return -1
            }
            index = count
            count += 1
            var c = Candidate()
            c.format = sym.format
            c.modifier = sym.modifier
            c.isGS1 = sym.isGS1
            c.isInverted = sym.isInverted
            c.payloadCount = bytes.count
            c.direction = line.direction
            c.lowIntercept = line.intercept
            c.highIntercept = line.intercept
            c.lowStart = start
            c.lowEnd = end
            c.highStart = start
            c.highEnd = end
            c.module = sym.module
            candidates[index] = c
            let dst = payloads + index * stride
            for k in 0..<bytes.count { dst[k] = bytes[k] }
        }
        let p = candidates + index
        if p.pointee.lastLine == serial {
            // The same line read again (the other way, or another look): one vote, but an add-on that
            // only the later look read still counts.
            if !p.pointee.lastLineHadAddOn, sym.addOn.count > 0 {
                p.pointee.lastLineHadAddOn = true
                p.pointee.bareVotes -= 1
                voteAddOn(p, index, sym.addOn.contents)
            }
            return index
        }
        p.pointee.lastLineHadAddOn = sym.addOn.count > 0
        if sym.addOn.count > 0 || sym.addOnSuspected { p.pointee.addOnSeen = true }
        p.pointee.lastLine = serial
        p.pointee.votes += 1
        if line.direction != p.pointee.direction {
            p.pointee.otherDirectionVotes += 1
        } else {
            if line.intercept < p.pointee.lowIntercept {
                p.pointee.lowIntercept = line.intercept
                p.pointee.lowStart = start
                p.pointee.lowEnd = end
            }
            if line.intercept > p.pointee.highIntercept {
                p.pointee.highIntercept = line.intercept
                p.pointee.highStart = start
                p.pointee.highEnd = end
            }
        }
        voteAddOn(p, index, sym.addOn.contents)
        return index
    }

    /// Majority vote over the add-on seen on each line (Boyer–Moore: one leader and its lead).
    private func voteAddOn(_ p: UnsafeMutablePointer<Candidate>, _ index: Int, _ addOn: UnsafeBufferPointer<UInt8>) {
        guard addOn.count > 0 else {
            p.pointee.bareVotes += 1
            return
        }
        p.pointee.addOnVotes += 1
        let slot = addOns + index * 8
        if p.pointee.addOnLead > 0, p.pointee.addOnCount == addOn.count, memoryEqual(slot, addOn) {
            p.pointee.addOnLead += 1
        } else if p.pointee.addOnLead > 0 {
            p.pointee.addOnLead -= 1
        } else {
            p.pointee.addOnCount = min(addOn.count, 8)
            for k in 0..<p.pointee.addOnCount { slot[k] = addOn[k] }
            p.pointee.addOnLead = 1
        }
    }

    @inline(__always)
    private func memoryEqual(_ a: UnsafeMutablePointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<b.count where a[k] != b[k] { return false }
        return true
    }
}

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
    /// Whether any voting line read an add-on or saw what looks like one.
    var addOnSeen = false

    /// Whether more lines can change nothing about this read but its corners: no add-on seen, or one
    /// that `requiredVotes` lines agree on.
    func isSettled(requiredVotes: Int32) -> Bool {
        !addOnSeen || (addOnVotes >= requiredVotes && addOnLead >= requiredVotes)
    }

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

    /// Length of the symbol along its reading direction (pixels), as its widest-apart lines read it.
    var length: Double { max((lowEnd - lowStart).length, (highEnd - highStart).length) }

    /// Whether `p` lies within this candidate's area, grown by `margin` pixels along the reading
    /// direction and by `across` (at least `margin`) pixels across it.
    func covers(_ p: PointF, margin: Double, across: Double = 0) -> Bool {
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
        let grown = max(margin, across)
        return a >= -margin && a <= length + margin && b >= low - grown && b <= high + grown
    }
}
