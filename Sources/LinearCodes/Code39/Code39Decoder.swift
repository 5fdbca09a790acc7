import Imaging
import Symbols

/// Finds Code 39 symbols (ISO/IEC 16388) on one scan line, with the optional modulo-43 check
/// character, full ASCII, and the Italian pharmacode (Code 32) interpretation.
///
/// A symbol is `*`, data, `*`, each character nine elements (three wide) and followed by a narrow
/// inter-character gap. There is no mandatory check character, so Code 39 relies more than the others
/// on the quiet zones (six narrow elements asked, the spec says ten), the consistency of character
/// widths along the symbol, and agreement between scan lines.
final class Code39Decoder {
    let chars: UnsafeMutablePointer<UInt8>
    private let capacity = LinearLimits.maxPayload

    static let quietZone: Float = 6

    init(arena: ScanArena) {
        chars = arena.reserve(UInt8.self, count: LinearLimits.maxPayload).baseAddress.unsafelyUnwrapped
    }

    /// Smallest number of elements from the start bar to the end of the quiet-zone element after the symbol.
    static let minimumElements = 29

    /// Tries to read a symbol whose first bar is element `s` of `e`.
    func decode(_ e: EdgeSequence, at s: Int, into sym: inout LineSymbol) -> Bool {
        guard s >= 0, s + 28 <= e.count else { return false }
        // '*' is n w n n w n w n n: a narrow bar then a wide space.
        guard e.width(s + 1) > 1.4 * e.width(s), e.width(s + 4) > 1.4 * e.width(s),
              e.hasQuietZone(before: s, need: 4 * e.width(s)) else { return false }
        let start = NarrowWide.classify(e, s, 9, wideBars: 2, wideSpaces: 1)
        guard start.bits == Int(Code39Table.patterns[Code39Table.asterisk]) else { return false }
        let narrow = (start.narrowBar + start.narrowSpace) * 0.5
        var charWidth = e.span(s, 9)
        let reference = e.weakestEdge(s - 1, 10)
        guard narrow >= 0.6,
              e.hasQuietZone(before: s, need: Code39Decoder.quietZone * narrow, maxStrength: 0.4 * reference)
        else { return false }
        sym.advance(1, to: s + 8)
        sym.started(module: narrow)
        var count = 0
        var j = s + 9 // the gap after the start character
        while true {
            // The last bar may be the line's last element (a symbol cropped tight at the image border).
            guard j + 9 <= e.count, count < capacity else { return false }
            let gap = e.width(j)
            guard gap < 0.5 * charWidth else { return false }
            let value = character(e, j + 1)
            guard value >= 0 else { return false }
            let width = e.span(j + 1, 9)
            guard width > 0.75 * charWidth, width < 1.33 * charWidth else { return false }
            charWidth = width
            j += 10
            if value == Code39Table.asterisk { break }
            // Safe: count < capacity (checked at the top of the loop).
            chars[count] = UInt8(value)
            count += 1
            sym.advance(count + 1, to: j - 2)
        }
        let last = j - 1
        let endReference = e.weakestEdge(last - 9, 10)
        guard count >= 1,
              e.hasQuietZone(after: last, need: Code39Decoder.quietZone * narrow, maxStrength: 0.4 * endReference)
        else { return false }
        writeText(count, into: &sym)
        sym.format = .code39
        sym.firstElement = s
        sym.lastElement = last
        sym.module = narrow
        return !sym.payload.overflowed
    }

    /// Value of the character at element `j`: two wide bars and one wide space, or (for `$ / + %`)
    /// three wide spaces. -1 when neither reads.
    @inline(__always)
    private func character(_ e: EdgeSequence, _ j: Int) -> Int {
        let usual = NarrowWide.classify(e, j, 9, wideBars: 2, wideSpaces: 1)
        let v = NarrowWide.lookup(usual.bits, Code39Table.patterns)
        if v >= 0 { return v }
        let shifts = NarrowWide.classify(e, j, 9, wideBars: 0, wideSpaces: 3)
        return NarrowWide.lookup(shifts.bits, Code39Table.patterns)
    }
}
