import Imaging
import Symbols

/// Finds Interleaved 2 of 5 symbols (ISO/IEC 16390), ITF-14 included, on one scan line.
///
/// Start `n n n n` (bar, space, bar, space), then digit pairs: five bars carry the first digit and the
/// five spaces between them the second, two of each five wide; stop `w n n` (bar, space, bar). Digits
/// use the weights 1, 2, 4, 7, 0 of their wide elements (11 stands for 0).
///
/// ITF has no mandatory check digit and its start pattern is just four narrow elements, so it is the
/// symbology most prone to false reads (inside other symbols, on textures). The defences: quiet zones
/// of six narrow widths on both sides, a stop pattern followed by a quiet zone, every pair's narrow
/// widths close to the start's, and at least six digits — four only when the symbol fills the line
/// from border to border (a tightly cropped image), as zxing-cpp allows.
final class ITFDecoder {
    static let quietZone: Float = 6
    static let minDigits = 6

    init() {}

    /// Smallest number of elements from the start bar to the end of the quiet-zone element after the symbol.
    static let minimumElements = 27

    /// Tries to read a symbol whose first bar is element `s` of `e`.
    func decode(_ e: EdgeSequence, at s: Int, into sym: inout LineSymbol) -> Bool {
        guard s >= 0, s + 26 <= e.count else { return false }
        // Start: four narrow elements. Their scale comes from the first pair, which has wide elements
        // to compare with (the start alone cannot tell a narrow element from a wide one). First a
        // cheap look: four similar elements, and a wide one among the next five of each colour.
        let a = e.width(s), b = e.width(s + 1), c = e.width(s + 2), d = e.width(s + 3)
        let lo = min(min(a, b), min(c, d)), hi = max(max(a, b), max(c, d))
        guard hi < 3 * lo, e.hasQuietZone(before: s, need: 3.5 * lo) else { return false }
        let first = NarrowWide.classify(e, s + 4, 10, wideBars: 2, wideSpaces: 2)
        guard first.bits >= 0, first.narrowBar >= 0.6, first.narrowSpace >= 0.6 else { return false }
        for k in 0..<4 {
            let w = e.width(s + k), n = k & 1 == 0 ? first.narrowBar : first.narrowSpace
            guard w > 0.4 * n, w < 1.5 * n else { return false }
        }
        var narrow = (first.narrowBar + first.narrowSpace) * 0.5
        let reference = e.weakestEdge(s - 1, 5)
        let atStartBorder = e.hasQuietZone(before: s, need: .greatestFiniteMagnitude, maxStrength: 0.4 * reference)
        guard e.hasQuietZone(before: s, need: ITFDecoder.quietZone * narrow, maxStrength: 0.4 * reference) else {
            return false
        }
        sym.advance(1, to: s + 3)
        sym.started(module: narrow)
        sym.payload.removeAll()
        var j = s + 4
        while true {
            guard j + 2 <= e.count else { return false }
            // The stop pattern looks like the start of many pairs; only a quiet zone after it tells.
            if isStop(e, j, narrow: narrow),
               e.hasQuietZone(after: j + 2, need: ITFDecoder.quietZone * narrow,
                              maxStrength: 0.4 * e.weakestEdge(j - 1, 4)) { break }
            guard j + 9 <= e.count else { return false }
            let p = NarrowWide.classify(e, j, 10, wideBars: 2, wideSpaces: 2)
            guard p.bits >= 0 else { return false }
            // Bars are the even elements, spaces the odd: split the interleaved bits.
            guard let first = digit(bits: p.bits, offset: 1), let second = digit(bits: p.bits, offset: 0) else {
                return false
            }
            let pairNarrow = (p.narrowBar + p.narrowSpace) * 0.5
            guard pairNarrow > 0.65 * narrow, pairNarrow < 1.5 * narrow else { return false }
            narrow = pairNarrow
            sym.payload.append(UInt8(ascii: "0") + first)
            sym.payload.append(UInt8(ascii: "0") + second)
            j += 10
            sym.advance(1 + sym.payload.count / 2, to: j - 1)
        }
        let last = j + 2
        let endReference = e.weakestEdge(j - 1, 4)
        let atEndBorder = e.hasQuietZone(after: last, need: .greatestFiniteMagnitude, maxStrength: 0.4 * endReference)
        let digits = sym.payload.count
        // (Border to border only where the edges show texture: the ink-area look keeps bars alone.)
        guard digits >= ITFDecoder.minDigits || (digits >= 4 && atStartBorder && atEndBorder && e.showsTexture) else {
            return false
        }
        sym.format = .itf
        // AIM ]I1 when the last digit is a valid GS1 check digit (ISO/IEC 16390 Annex C).
        sym.modifier = UInt8(ascii: isCheckValid(sym.payload.contents) ? "1" : "0")
        sym.firstElement = s
        sym.lastElement = last
        sym.module = narrow
        return !sym.payload.overflowed
    }

    /// Stop pattern: wide bar, narrow space, narrow bar.
    @inline(__always)
    private func isStop(_ e: EdgeSequence, _ j: Int, narrow: Float) -> Bool {
        let w = e.width(j), n1 = e.width(j + 1), n2 = e.width(j + 2)
        return w > 1.6 * narrow && w < 4 * narrow && n1 < 1.5 * narrow && n2 < 1.5 * narrow
            && w > 1.5 * max(n1, n2)
    }

    /// Digit from the five elements of one colour in an interleaved 10-bit pattern (`offset` 1 picks
    /// the bars, bits 9, 7, 5, 3, 1; 0 the spaces, bits 8, 6, 4, 2, 0).
    @inline(__always)
    private func digit(bits: Int, offset: Int) -> UInt8? {
        var value = 0, wide = 0
        let weights = (1, 2, 4, 7, 0)
        for k in 0..<5 {
            if bits >> (9 - 2 * k - (1 - offset)) & 1 == 1 {
                wide += 1
                switch k {
                case 0: value += weights.0
                case 1: value += weights.1
                case 2: value += weights.2
                case 3: value += weights.3
                default: value += weights.4
                }
            }
        }
        guard wide == 2 else { return nil }
        if value == 11 { return 0 }
        return value <= 9 ? UInt8(value) : nil
    }

    private func isCheckValid(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard digits.count >= 2 else { return false }
        var sum = 0, weight = 3
        for i in stride(from: digits.count - 2, through: 0, by: -1) {
            sum += Int(digits[i] &- UInt8(ascii: "0")) * weight
            weight = 4 - weight
        }
        return (10 - sum % 10) % 10 == Int(digits[digits.count - 1] &- UInt8(ascii: "0"))
    }
}
