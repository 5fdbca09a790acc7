import Imaging
import Symbols

/// Decides which candidates of a frame are results and writes them into the caller's `ResultSlots`.
enum ResultWriter {
    /// On one spot, a read must have at least this many times the votes of any different read there;
    /// otherwise the spot is ambiguous and reports nothing (a miss is better than a misread).
    static let majority: Int32 = 2
    /// Smallest distance, in pixels across the lines, between the outermost agreeing lines of one
    /// direction. Neighbouring lines see nearly the same pixels (and blur couples them further), so two
    /// adjacent lines that misread alike are one piece of evidence, not two.
    static let minSpread = 3.0

    /// Whether candidate `c` has enough votes from lines far enough apart.
    static func hasIndependentVotes(_ c: Candidate, requiredVotes: Int32) -> Bool {
        guard c.votes >= requiredVotes else { return false }
        if requiredVotes > 1, c.otherDirectionVotes == 0 {
            let perPixel = ScanDirections.interceptRange(c.direction, width: 1, height: 1).perPixel
            return (c.highIntercept - c.lowIntercept) / perPixel >= minSpread
        }
        return true
    }

    /// Whether candidate `i` has enough independent votes and no serious rival on its spot.
    static func isAccepted(_ table: VoteTable, _ i: Int, requiredVotes: Int32) -> Bool {
        let c = table[i]
        guard hasIndependentVotes(c, requiredVotes: requiredVotes) else { return false }
        let center = c.corners.center
        for k in 0..<table.count where k != i {
            let other = table[k]
            guard c.votes < majority * other.votes else { continue }
            if other.covers(center, margin: 4 * Double(max(other.module, 1)))
                || c.covers(other.corners.center, margin: 4 * Double(max(c.module, 1))) { return false }
        }
        return true
    }

    /// Whether an accepted candidate is reported under the add-on policy: with `require`, an EAN/UPC
    /// symbol only with an add-on that `requiredVotes` lines read.
    static func isReported(_ c: Candidate, requiredVotes: Int32, addOns: EANAddOnPolicy) -> Bool {
        guard addOns == .require, c.format.takesAddOn else { return true }
        return c.addOnLead > 0 && c.addOnVotes >= requiredVotes
    }

    /// Writes the accepted candidates, in the order they were first read. Returns how many were added.
    static func write(_ table: VoteTable, requiredVotes: Int32, addOns policy: EANAddOnPolicy = .auto,
                      into results: ResultSlots) -> Int {
        var added = 0
        for i in 0..<table.count where isAccepted(table, i, requiredVotes: requiredVotes)
            && isReported(table[i], requiredVotes: requiredVotes, addOns: policy) {
            let c = table[i]
            results.beginPending()
            var info = SymbolInfo()
            info.format = c.format
            info.corners = c.corners
            info.isGS1 = c.isGS1
            info.isInverted = c.isInverted
            var modifier = c.modifier
            let payload = table.payload(of: i)
            for k in 0..<payload.count { results.pendingBytes.append(payload[k]) }
            // The add-on joins the text once two lines agree on it (the majority of the lines that read
            // one). Lines without it do not outvote it: an add-on's short bars are missed more easily
            // than they are invented (GS1 § 5.2.2.6: the add-on is part of the data). Unconfirmed, the
            // symbol is reported without it, as zxing-cpp does.
            let addOn = table.addOn(of: i)
            if addOn.count > 0, c.addOnVotes >= requiredVotes, policy != .ignore {
                for k in 0..<addOn.count { results.pendingBytes.append(addOn[k]) }
                if c.format != .ean8 { modifier = UInt8(ascii: "3") }
            }
            info.aim = AIMIdentifier(code: aimCode(c.format), modifier: modifier)
            let bytes = results.pendingBytes.contents
            for k in 0..<bytes.count { results.pendingText.appendUTF8(UInt32(bytes[k])) } // Latin-1 → UTF-8
            results.pendingInfo = info
            if results.containsPending(format: c.format) { continue }
            if results.commit() { added += 1 }
        }
        results.beginPending()
        return added
    }

    /// AIM symbology identifier code character (ISO/IEC 15424 Table 1).
    static func aimCode(_ format: SymbolFormat) -> UInt8 {
        switch format {
        case .ean13, .ean8, .upcA, .upcE: UInt8(ascii: "E")
        case .code128: UInt8(ascii: "C")
        case .code39: UInt8(ascii: "A")
        case .code93: UInt8(ascii: "G")
        case .itf: UInt8(ascii: "I")
        case .codabar: UInt8(ascii: "F")
        default: 0
        }
    }
}
