import Imaging
import Symbols

/// Finds EAN-13 / UPC-A, EAN-8 and UPC-E symbols (ISO/IEC 15420) and their add-ons on one scan line.
///
/// A symbol starts at a bar preceded by a quiet zone; its guard bars and its element count (59 for
/// EAN-13, 43 for EAN-8, 33 for UPC-E) fix where every digit lies, so that a start is rejected after
/// a handful of comparisons. Digits are read with `EANDigits`; the parity pattern and the check digit
/// must both agree. Quiet zones (GS1 asks 11/7 modules for EAN-13, 7/7 for EAN-8, 9/7 for UPC-E) are
/// checked at 6 modules on the left and 3 (EAN) or 6 (UPC-E) on the right, as real labels are often
/// printed tight.
final class EANDecoder {
    let formats: FormatSet
    private let wantEAN13: Bool, wantEAN8: Bool, wantUPCE: Bool
    private let digits: UnsafeMutablePointer<UInt8>
    private let expanded: UnsafeMutablePointer<UInt8>
    let addOn: EANAddOnDecoder

    static let quietLeft: Float = 6
    static let quietRightEAN: Float = 2.5
    static let quietRightUPCE: Float = 6

    init(arena: ScanArena, formats: FormatSet) {
        self.formats = formats
        wantEAN13 = formats.contains(.ean13) || formats.contains(.upcA)
        wantEAN8 = formats.contains(.ean8)
        wantUPCE = formats.contains(.upcE)
        digits = arena.reserve(UInt8.self, count: 16).baseAddress.unsafelyUnwrapped
        expanded = arena.reserve(UInt8.self, count: 16).baseAddress.unsafelyUnwrapped
        addOn = EANAddOnDecoder(arena: arena)
    }

    var isEnabled: Bool { wantEAN13 || wantEAN8 || wantUPCE }

    /// Tries EAN-13/UPC-A, EAN-8 and UPC-E with their first bar at element `s` of `e`.
    func decode(_ e: EdgeSequence, at s: Int, into sym: inout LineSymbol) -> Bool {
        guard s >= 0 else { return false }
        if wantEAN13, s + 58 <= e.count, ean13(e, s, &sym) { return true }
        if wantEAN8, s + 42 <= e.count, ean8(e, s, &sym) { return true }
        if wantUPCE, s + 32 <= e.count, upcE(e, s, &sym) { return true }
        measureProgress(e, s, &sym)
        return false
    }

    /// For a start that did not read: how many left-hand digits follow a plausible start guard and
    /// quiet zone (the guard's module sizes them).
    private func measureProgress(_ e: EdgeSequence, _ s: Int, _ sym: inout LineSymbol) {
        guard s + 15 <= e.count else { return }
        let g0 = e.width(s), g1 = e.width(s + 1), g2 = e.width(s + 2)
        let module = (g0 + g1 + g2) / 3
        guard max(g0, max(g1, g2)) < 2.5 * min(g0, min(g1, g2)),
              e.hasQuietZone(before: s, need: EANDecoder.quietLeft * module, maxStrength: 0.4 * e.weakestEdge(s - 1, 4))
        else { return }
        sym.advance(1, to: s + 2)
        sym.started(module: module)
        for i in 0..<3 {
            let m = EANDigits.match(e, s + 3 + 4 * i, firstIsBar: false, allowG: true, spread: 0, module: module)
            guard m.code >= 0 else { return }
            sym.advance(2 + i, to: s + 6 + 4 * i)
        }
    }

    /// Checks that elements `s ..< s + n` are each about one module (guard bars and spaces).
    @inline(__always)
    private func isGuard(_ e: EdgeSequence, _ s: Int, _ n: Int, module: Float) -> Bool {
        let low = 0.4 * module, high = 1.9 * module
        var j = s
        while j < s + n {
            let w = e.width(j)
            if w < low || w > high { return false }
            j += 1
        }
        let total = e.span(s, n)
        return total > Float(n) * 0.65 * module && total < Float(n) * 1.45 * module
    }

    /// Quiet zone checks on both sides; noise edges weaker than 40 % of the guard edges are stepped over.
    @inline(__always)
    /// `leftModule` and `rightModule` are the modules at either end (they differ under perspective).
    private func hasQuietZones(_ e: EdgeSequence, first: Int, last: Int, leftModule: Float, rightModule: Float,
                               right: Float) -> Bool {
        let reference = min(e.weakestEdge(first - 1, 4), e.weakestEdge(last - 3, 4))
        let limit = 0.4 * reference
        return e.hasQuietZone(before: first, need: EANDecoder.quietLeft * leftModule, maxStrength: limit)
            && e.hasQuietZone(after: last, need: right * rightModule, maxStrength: limit)
    }

    /// Reads `count` digits starting at element `j`, appending a parity bit (1 = G) per digit.
    /// Left-hand digits start with a space and may be G (EAN-13, UPC-E) or only L (EAN-8); right-hand
    /// digits start with a bar.
    @inline(__always)
    private func readDigits(_ e: EdgeSequence, _ j: Int, count: Int, left: Bool, allowG: Bool = true,
                            spread: Float, module: Float, into out: UnsafeMutablePointer<UInt8>,
                            parity: inout Int) -> Bool {
        for i in 0..<count {
            let m = EANDigits.match(e, j + 4 * i, firstIsBar: !left, allowG: left && allowG, spread: spread,
                                    module: module)
            if m.code < 0 { return false }
            out[i] = UInt8(m.code % 10)
            parity = parity << 1 | (m.code >= 10 ? 1 : 0)
        }
        return true
    }

    private func ean13(_ e: EdgeSequence, _ s: Int, _ sym: inout LineSymbol) -> Bool {
        let module = e.span(s, 59) / 95
        guard module >= 0.6,
              isGuard(e, s, 3, module: module), isGuard(e, s + 27, 5, module: module),
              isGuard(e, s + 56, 3, module: module) else { return false }
        let leftModule = e.span(s, 27) / 45, rightModule = e.span(s + 32, 27) / 45
        guard leftModule < 1.5 * rightModule, rightModule < 1.5 * leftModule,
              hasQuietZones(e, first: s, last: s + 58, leftModule: e.span(s, 15) / 24,
                            rightModule: e.span(s + 44, 15) / 24, right: EANDecoder.quietRightEAN)
        else { return false }
        let spread = EANDigits.spread(bars: e.width(s) + e.width(s + 2) + e.width(s + 28) + e.width(s + 30),
                                      barCount: 4,
                                      spaces: e.width(s + 1) + e.width(s + 27) + e.width(s + 29) + e.width(s + 31),
                                      spaceCount: 4, module: module)
        var parity = 0
        guard readDigits(e, s + 3, count: 6, left: true, spread: spread, module: leftModule,
                         into: digits + 1, parity: &parity),
              readDigits(e, s + 32, count: 6, left: false, spread: spread, module: rightModule,
                         into: digits + 7, parity: &parity) else { return false }
        let leading = firstIndex(of: UInt8(parity >> 6), in: EANTables.leadingDigitParity)
        guard leading >= 0 else { return false }
        // Safe: `digits` and `expanded` hold 16 values; EAN/UPC use at most 13.
        digits[0] = UInt8(leading)
        guard EANTables.isCheckDigitValid(digits, count: 13) else { return false }
        let isUPCA = leading == 0 && formats.contains(.upcA)
        guard isUPCA || formats.contains(.ean13) else { return false }
        emit(&sym, format: isUPCA ? .upcA : .ean13, modifier: "0", digits: digits, count: 13,
             first: s, last: s + 58, module: module)
        addOn.read(e, after: s + 58, module: module, into: &sym)
        return true
    }

    private func ean8(_ e: EdgeSequence, _ s: Int, _ sym: inout LineSymbol) -> Bool {
        let module = e.span(s, 43) / 67
        guard module >= 0.6,
              isGuard(e, s, 3, module: module), isGuard(e, s + 19, 5, module: module),
              isGuard(e, s + 40, 3, module: module),
              hasQuietZones(e, first: s, last: s + 42, leftModule: e.span(s, 11) / 17,
                            rightModule: e.span(s + 32, 11) / 17, right: EANDecoder.quietRightEAN)
        else { return false }
        let spread = EANDigits.spread(bars: e.width(s) + e.width(s + 2) + e.width(s + 20) + e.width(s + 22),
                                      barCount: 4,
                                      spaces: e.width(s + 1) + e.width(s + 19) + e.width(s + 21) + e.width(s + 23),
                                      spaceCount: 4, module: module)
        var parity = 0
        guard readDigits(e, s + 3, count: 4, left: true, allowG: false, spread: spread, module: module,
                         into: digits, parity: &parity),
              readDigits(e, s + 24, count: 4, left: false, spread: spread, module: module,
                         into: digits + 4, parity: &parity),
              EANTables.isCheckDigitValid(digits, count: 8) else { return false }
        emit(&sym, format: .ean8, modifier: "4", digits: digits, count: 8, first: s, last: s + 42, module: module)
        addOn.read(e, after: s + 42, module: module, into: &sym)
        return true
    }

    private func upcE(_ e: EdgeSequence, _ s: Int, _ sym: inout LineSymbol) -> Bool {
        let module = e.span(s, 33) / 51
        guard module >= 0.6,
              isGuard(e, s, 3, module: module), isGuard(e, s + 27, 6, module: module),
              hasQuietZones(e, first: s, last: s + 32, leftModule: e.span(s, 15) / 24,
                            rightModule: e.span(s + 15, 18) / 27, right: EANDecoder.quietRightUPCE)
        else { return false }
        let spread = EANDigits.spread(bars: e.width(s) + e.width(s + 2) + e.width(s + 28) + e.width(s + 30)
                                        + e.width(s + 32), barCount: 5,
                                      spaces: e.width(s + 1) + e.width(s + 27) + e.width(s + 29) + e.width(s + 31),
                                      spaceCount: 4, module: module)
        var parity = 0
        guard readDigits(e, s + 3, count: 6, left: true, spread: spread, module: module,
                         into: digits, parity: &parity) else { return false }
        // The parity pattern carries the number system (0 or 1) and the check digit.
        var ns = 0
        var check = firstIndex(of: UInt8(parity), in: EANTables.upcEParity)
        if check < 0 {
            check = firstIndex(of: UInt8(parity ^ 0x3F), in: EANTables.upcEParity)
            ns = 1
        }
        guard check >= 0 else { return false }
        EANTables.expandUPCE(numberSystem: UInt8(ns), digits, check: UInt8(check), into: expanded + 1)
        expanded[0] = 0
        guard EANTables.isCheckDigitValid(expanded, count: 13) else { return false }
        emit(&sym, format: .upcE, modifier: "0", digits: expanded, count: 13, first: s, last: s + 32, module: module)
        addOn.read(e, after: s + 32, module: module, into: &sym)
        return true
    }

    private func emit(_ sym: inout LineSymbol, format: SymbolFormat, modifier: Unicode.Scalar,
                      digits d: UnsafeMutablePointer<UInt8>, count: Int, first: Int, last: Int, module: Float) {
        sym.format = format
        sym.modifier = UInt8(ascii: modifier)
        sym.payload.removeAll()
        for i in 0..<count { sym.payload.append(UInt8(ascii: "0") + d[i]) }
        sym.firstElement = first
        sym.lastElement = last
        sym.module = module
    }

    @inline(__always)
    private func firstIndex(of v: UInt8, in table: [UInt8]) -> Int {
        for i in 0..<table.count where table[i] == v { return i }
        return -1
    }
}

/// Reads the EAN-2 / EAN-5 add-on (ISO/IEC 15420 Annex, GS1 § 5.2.2.6) to the right of a main symbol.
///
/// The add-on starts 7–12 modules after the main symbol's end guard with the guard `1 0 1 1` (bar 1,
/// space 1, bar 2), then L/G digits separated by `0 1`. It carries no check digit of its own in the
/// data: EAN-2's parity pattern is its value modulo 4, EAN-5's encodes a weighted check (3, 9, 3, 9, 3).
final class EANAddOnDecoder {
    private let digits: UnsafeMutablePointer<UInt8>

    init(arena: ScanArena) {
        digits = arena.reserve(UInt8.self, count: 8).baseAddress.unsafelyUnwrapped
    }

    /// Looks for an add-on after element `last` (the main symbol's last bar); fills `sym.addOn` on success.
    /// When none reads but an add-on guard (bar 1, space 1, bar 2) follows at an add-on's distance,
    /// sets `sym.addOnSuspected`, so that the line gets another look with other edge placements.
    func read(_ e: EdgeSequence, after last: Int, module: Float, into sym: inout LineSymbol) {
        sym.addOn.removeAll()
        sym.addOnSuspected = false
        let gap = last + 1, a = last + 2
        guard a + 13 <= e.count else { return }
        let g = e.width(gap)
        // Spec gap 7–12 modules; allow some slack for perspective and for cropped labels.
        guard g >= 4 * module, g <= 14 * module else { return }
        if a + 31 <= e.count, read(e, a, digitCount: 5, mainModule: module, into: &sym) { return }
        if read(e, a, digitCount: 2, mainModule: module, into: &sym) { return }
        let g0 = e.width(a) / module, g1 = e.width(a + 1) / module, g2 = e.width(a + 2) / module
        sym.addOnSuspected = g0 > 0.5 && g0 < 1.8 && g1 > 0.5 && g1 < 1.8 && g2 > 1.3 && g2 < 2.8
    }

    private func read(_ e: EdgeSequence, _ a: Int, digitCount: Int, mainModule: Float,
                      into sym: inout LineSymbol) -> Bool {
        let elements = 3 + digitCount * 4 + (digitCount - 1) * 2
        let modules: Float = digitCount == 5 ? 47 : 20
        let module = e.span(a, elements) / modules
        guard module > 0.7 * mainModule, module < 1.4 * mainModule else { return false }
        // Guard 1 0 1 1.
        let g0 = e.width(a) / module, g1 = e.width(a + 1) / module, g2 = e.width(a + 2) / module
        guard g0 > 0.4, g0 < 1.9, g1 > 0.4, g1 < 1.9, g2 > 1.2, g2 < 3.0 else { return false }
        let last = a + elements - 1
        let reference = e.weakestEdge(a - 1, 4)
        guard e.hasQuietZone(after: last, need: 3 * module, maxStrength: 0.4 * reference) else { return false }
        let spread = (e.width(a) - e.width(a + 1)) * 0.5
        var parity = 0
        for i in 0..<digitCount {
            let j = a + 3 + 6 * i
            let m = EANDigits.match(e, j, firstIsBar: false, allowG: true,
                                    spread: min(max(spread, -0.4 * module), 0.4 * module), module: module)
            if m.code < 0 { return false }
            digits[i] = UInt8(m.code % 10)
            parity = parity << 1 | (m.code >= 10 ? 1 : 0)
            if i < digitCount - 1 {
                // Separator: space 1, bar 1.
                let s0 = e.width(j + 4) / module, s1 = e.width(j + 5) / module
                guard s0 > 0.4, s0 < 1.9, s1 > 0.4, s1 < 1.9 else { return false }
            }
        }
        if digitCount == 2 {
            guard (Int(digits[0]) * 10 + Int(digits[1])) % 4 == parity else { return false }
        } else {
            let check = (3 * (Int(digits[0]) + Int(digits[2]) + Int(digits[4])) + 9 * (Int(digits[1]) + Int(digits[3])))
                % 10
            guard Int(EANTables.ean5Parity[check]) == parity else { return false }
        }
        for i in 0..<digitCount { sym.addOn.append(UInt8(ascii: "0") + digits[i]) }
        return true
    }
}
