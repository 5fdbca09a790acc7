import Imaging

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
