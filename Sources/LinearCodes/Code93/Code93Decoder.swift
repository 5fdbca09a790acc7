import Imaging
import Symbols

/// Finds Code 93 symbols (AIM USS-93) on one scan line.
///
/// A symbol is the start character, data, two check characters C and K (modulo 47, weights 1–20 and
/// 1–15 counted from the right), the stop character and a one-module termination bar. Characters are
/// matched like Code 128's (`ModulePatterns`, nine modules in six elements). The text is the data with
/// the full ASCII shift pairs resolved; the check characters are not transmitted (AIM `]G0`).
final class Code93Decoder {
    private let values: UnsafeMutablePointer<UInt8>
    private let capacity = LinearLimits.maxPayload

    static let quietZone: Float = 5
    static let maxError: Float = 1.4
    static let minMargin: Float = 0.25

    init(arena: ScanArena) {
        values = arena.reserve(UInt8.self, count: LinearLimits.maxPayload).baseAddress.unsafelyUnwrapped
    }

    @inline(__always)
    private func match(_ e: EdgeSequence, _ j: Int, first: Int, entries: Int) -> ModulePatterns.Match {
        Code93Table.widths.withUnsafeBufferPointer { table in
            // Safe: rows first ..< first + entries exist (callers pass 0 ..< 48 or 47 ..< 48).
            ModulePatterns.match(e, j, k: 6, modules: 9, table: table.baseAddress.unsafelyUnwrapped + 6 * first,
                                 entries: entries, maxError: Code93Decoder.maxError,
                                 minMargin: Code93Decoder.minMargin)
        }
    }

    /// Smallest number of elements from the start bar to the end of the quiet-zone element after the symbol.
    static let minimumElements = 31

    /// Tries to read a symbol whose first bar is element `s` of `e`.
    func decode(_ e: EdgeSequence, at s: Int, into sym: inout LineSymbol) -> Bool {
        guard s >= 0, s + 30 <= e.count else { return false }
        // Start character 1 1 1 1 4 1: its fifth element (a bar) is four times its sixth.
        guard e.width(s + 4) > 2.2 * e.width(s + 5), e.width(s + 4) > 2.2 * e.width(s),
              e.hasQuietZone(before: s, need: 4 * e.width(s)) else { return false }
        let start = match(e, s, first: Code93Table.startStop, entries: 1)
        guard start.value == 0, start.error < 1.0 else { return false }
        var module = start.module
        let reference = e.weakestEdge(s - 1, 6)
        guard module >= 0.6,
              e.hasQuietZone(before: s, need: Code93Decoder.quietZone * module, maxStrength: 0.4 * reference)
        else { return false }
        sym.advance(1, to: s + 5)
        sym.started(module: module)
        var count = 0
        var j = s + 6
        while true {
            guard j + 6 <= e.count, count < capacity else { return false }
            let m = match(e, j, first: 0, entries: Code93Table.entries)
            guard m.value >= 0, m.module > 0.7 * module, m.module < 1.4 * module else { return false }
            module = m.module
            if m.value == Code93Table.startStop {
                let bar = e.width(j + 6) / module
                guard bar > 0.4, bar < 2.2 else { return false }
                j += 6
                break
            }
            // Safe: count < capacity (checked at the top of the loop).
            values[count] = UInt8(m.value)
            count += 1
            j += 6
            sym.advance(count + 1, to: j - 1)
        }
        guard count >= 3, checksum(count - 2, weightLimit: 20) == Int(values[count - 2]),
              checksum(count - 1, weightLimit: 15) == Int(values[count - 1]) else { return false }
        let endReference = e.weakestEdge(j - 6, 7)
        guard e.hasQuietZone(after: j, need: Code93Decoder.quietZone * module, maxStrength: 0.4 * endReference),
              writeText(count - 2, into: &sym.payload) else { return false }
        sym.format = .code93
        sym.modifier = UInt8(ascii: "0")
        sym.firstElement = s
        sym.lastElement = j
        sym.module = module
        return true
    }

    /// Check value over `values[0 ..< n]`: weights 1, 2, … from the right, restarting after `weightLimit`.
    private func checksum(_ n: Int, weightLimit: Int) -> Int {
        var sum = 0, weight = 1
        var i = n - 1
        while i >= 0 {
            sum += weight * Int(values[i])
            weight = weight == weightLimit ? 1 : weight + 1
            i -= 1
        }
        return sum % 47
    }

    /// Data characters with the shift pairs resolved. False for a shift without a valid letter after it.
    private func writeText(_ n: Int, into payload: inout PayloadBuffer) -> Bool {
        var i = 0
        while i < n {
            let v = Int(values[i])
            if v >= Code93Table.firstShift {
                // ($) (%) (/) (+) are values 43–46, in FullASCII's order.
                guard i + 1 < n, Int(values[i + 1]) < 43,
                      let c = FullASCII.decode(shift: v - 43, letter: Code93Table.alphabet[Int(values[i + 1])])
                else { return false }
                payload.append(c)
                i += 2
            } else {
                payload.append(Code93Table.alphabet[v])
                i += 1
            }
        }
        return !payload.overflowed
    }
}
