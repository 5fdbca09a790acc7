import Imaging
import Symbols

/// Finds Codabar symbols (AIM BC3, "NW-7") on one scan line.
///
/// Characters are seven elements (four bars, three spaces) with two or three wide, separated by a
/// narrow gap; a symbol starts and ends with one of `A B C D`. The text keeps the start and stop
/// characters (zxing-cpp's convention). Codabar has no check character, so a read needs at least two
/// data characters, quiet zones, a narrow gap after every character and character widths that agree.
final class CodabarDecoder {
    private let chars: UnsafeMutablePointer<UInt8>
    private let capacity = LinearLimits.maxPayload

    /// Characters: digits, `- $ : / . +`, then the start/stop characters A–D (values 16–19).
    static let alphabet: [UInt8] = Array("0123456789-$:/.+ABCD".utf8)
    /// Seven elements, first in bit 6, 1 = wide (AIM BC3 Table 1).
    static let patterns: [UInt16] = [
        0x03, 0x06, 0x09, 0x60, 0x12, 0x42, 0x21, 0x24, 0x30, 0x48, // 0–9
        0x0C, 0x18, 0x45, 0x51, 0x54, 0x15, 0x1A, 0x29, 0x0B, 0x0E, // - $ : / . + A B C D
    ]
    static let quietZone: Float = 6
    static let minCharacters = 4 // start, two data characters, stop

    init(arena: ScanArena) {
        chars = arena.reserve(UInt8.self, count: LinearLimits.maxPayload).baseAddress.unsafelyUnwrapped
    }

    /// Reads the character at element `j`: it has one wide bar and one wide space (digits, `-`, `$`),
    /// one wide bar and two wide spaces (A–D) or three wide bars (`: / . +`); the reading with the
    /// clearest separation that is a character wins.
    private func character(_ e: EdgeSequence, _ j: Int, startStop: Bool = false) -> (value: Int, pattern: NarrowWide.Pattern) {
        var best = (value: -1, pattern: NarrowWide.unreadable)
        for config in (startStop ? 1 : 0)..<(startStop ? 2 : 3) {
            let bars = config == 2 ? 3 : 1, spaces = config == 2 ? 0 : config + 1
            let p = NarrowWide.classify(e, j, 7, wideBars: bars, wideSpaces: spaces)
            let v = NarrowWide.lookup(p.bits, CodabarDecoder.patterns)
            if v >= 0, best.value < 0 || p.separation > best.pattern.separation { best = (v, p) }
        }
        return best
    }

    /// Tries to read a symbol whose first bar is element `s` of `e`.
    func decode(_ e: EdgeSequence, at s: Int, into sym: inout LineSymbol) -> Bool {
        guard s >= 0, s + 8 * CodabarDecoder.minCharacters - 2 <= e.count else { return false }
        // A–D all have one wide bar and two wide spaces, and start with a narrow bar.
        // All four have their fourth element (a space) wide.
        guard e.width(s + 3) > 1.15 * e.width(s), e.hasQuietZone(before: s, need: 3.5 * e.width(s)) else { return false }
        let start = character(e, s, startStop: true)
        guard start.value >= 16 else { return false }
        var narrow = (start.pattern.narrowBar + start.pattern.narrowSpace) * 0.5
        var charWidth = e.span(s, 7)
        let reference = e.weakestEdge(s - 1, 8)
        guard narrow >= 0.6,
              e.hasQuietZone(before: s, need: CodabarDecoder.quietZone * narrow, maxStrength: 0.4 * reference)
        else { return false }
        sym.advance(1, to: s + 6)
        sym.started(module: narrow)
        // Safe: the buffer holds `capacity` (at least 1) characters.
        chars[0] = UInt8(start.value)
        var count = 1
        var j = s + 7 // gap after the start character
        while true {
            guard j + 7 <= e.count, count < capacity else { return false }
            let gap = e.width(j)
            guard gap < 0.5 * charWidth, gap < 3 * narrow else { return false }
            let c = character(e, j + 1)
            guard c.value >= 0 else { return false }
            let width = e.span(j + 1, 7)
            guard width > 0.75 * charWidth, width < 1.33 * charWidth else { return false }
            let n = (c.pattern.narrowBar + c.pattern.narrowSpace) * 0.5
            guard n > 0.65 * narrow, n < 1.5 * narrow else { return false }
            narrow = n
            charWidth = width
            // Safe: count < capacity (checked at the top of the loop).
            chars[count] = UInt8(c.value)
            count += 1
            j += 8
            sym.advance(count, to: j - 2)
            if c.value >= 16 { break }
        }
        let last = j - 1
        let endReference = e.weakestEdge(last - 7, 8)
        guard count >= CodabarDecoder.minCharacters,
              e.hasQuietZone(after: last, need: CodabarDecoder.quietZone * narrow, maxStrength: 0.4 * endReference)
        else { return false }
        sym.payload.removeAll()
        for i in 0..<count { sym.payload.append(CodabarDecoder.alphabet[Int(chars[i])]) }
        sym.format = .codabar
        sym.modifier = UInt8(ascii: "0")
        sym.firstElement = s
        sym.lastElement = last
        sym.module = narrow
        return !sym.payload.overflowed
    }
}
