import Imaging
import Symbols

/// Finds Code 128 / GS1-128 symbols (ISO/IEC 15417) on one scan line.
///
/// A symbol is a start character (A, B or C) after a quiet zone, data characters, a modulo-103 check
/// character and the 13-module stop pattern (stop character + 2-module termination bar), then a quiet
/// zone. Each character is six elements and eleven modules; its own width gives the local module, so
/// perspective (modules shrinking along the symbol) is followed character by character.
final class Code128Decoder {
    private let values: UnsafeMutablePointer<UInt8>
    private let capacity = LinearLimits.maxPayload

    /// Quiet zone asked on each side, in modules (spec: 10; labels are often printed tighter).
    static let quietZone: Float = 5
    static let maxError: Float = 1.5
    static let minMargin: Float = 0.25

    init(arena: ScanArena) {
        values = arena.reserve(UInt8.self, count: LinearLimits.maxPayload).baseAddress.unsafelyUnwrapped
    }

    /// Smallest number of elements from the start bar to the end of the quiet-zone element after the symbol.
    static let minimumElements = 25

    /// Tries to read a symbol whose first bar is element `s` of `e`.
    func decode(_ e: EdgeSequence, at s: Int, into sym: inout LineSymbol) -> Bool {
        guard s >= 0, s + 24 <= e.count else { return false }
        // Cheap pre-check: the start characters all begin with a 2-module bar, a 1-module space and a
        // 1-module bar. Thin print can shrink the bar to the space's width; the bar+space and
        // space+bar sums (3 and 2 modules) keep their ratio whatever the ink does.
        let w0 = e.width(s), w1 = e.width(s + 1), w2 = e.width(s + 2)
        guard (w0 > 1.2 * w1 && w0 < 3.5 * w1) || (w0 + w1 > 1.2 * (w1 + w2) && w0 + w1 < 2 * (w1 + w2)),
              e.hasQuietZone(before: s, need: (w0 + w1 + w2) /* 4 modules */) else { return false }
        let start = Code128Table.widths.withUnsafeBufferPointer { table in
            // Safe: the table has 107 rows; rows 103–105 are the start characters.
            ModulePatterns.match(e, s, k: 6, modules: 11, table: table.baseAddress.unsafelyUnwrapped + 6 * 103,
                                 entries: 3, maxError: Code128Decoder.maxError, minMargin: Code128Decoder.minMargin)
        }
        guard start.value >= 0 else { return false }
        var module = start.module
        let reference = e.weakestEdge(s - 1, 6)
        guard module >= 0.6,
              e.hasQuietZone(before: s, need: Code128Decoder.quietZone * module, maxStrength: 0.4 * reference)
        else { return false }
        sym.advance(1, to: s + 5)
        sym.code128Started = true
        sym.started(module: module)
        // Safe: the buffer holds `capacity` (at least 1) values.
        values[0] = UInt8(103 + start.value)
        var count = 1
        var j = s + 6
        var firstModule = module
        while true {
            guard j + 6 <= e.count, count < capacity else { return false }
            let m = Code128Table.widths.withUnsafeBufferPointer { table in
                ModulePatterns.match(e, j, k: 6, modules: 11, table: table.baseAddress.unsafelyUnwrapped,
                                     entries: Code128Table.entries, maxError: Code128Decoder.maxError,
                                     minMargin: Code128Decoder.minMargin)
            }
            guard m.value >= 0, m.value < 103 || m.value == Code128Table.stop else { return false }
            // Neighbouring characters have about the same module (perspective changes it slowly).
            guard m.module > 0.7 * module, m.module < 1.4 * module else { return false }
            module = m.module
            if m.value == Code128Table.stop {
                // Termination bar: 2 modules.
                let bar = e.width(j + 6) / module
                guard bar > 1.2, bar < 3.2 else { return false }
                j += 6
                break
            }
            // Safe: count < capacity (checked at the top of the loop).
            values[count] = UInt8(m.value)
            count += 1
            j += 6
            sym.advance(count, to: j - 1)
        }
        // Start, at least one data character, check.
        guard count >= 3 else { return false }
        var sum = Int(values[0])
        for i in 1..<(count - 1) { sum += i * Int(values[i]) }
        guard sum % 103 == Int(values[count - 1]) else { return false }
        let endReference = e.weakestEdge(j - 6, 7)
        guard e.hasQuietZone(after: j, need: Code128Decoder.quietZone * module, maxStrength: 0.4 * endReference)
        else { return false }
        firstModule = min(firstModule, module)
        sym.payload.removeAll()
        guard Code128Text.decode(values, count: count - 1, into: &sym) else { return false }
        sym.format = .code128
        sym.firstElement = s
        sym.lastElement = j
        sym.module = firstModule
        return true
    }
}
