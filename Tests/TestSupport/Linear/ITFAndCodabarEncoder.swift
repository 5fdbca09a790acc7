/// Test encoders for Interleaved 2 of 5 (ISO/IEC 16390) and Codabar (AIM BC3).
public enum ITFEncoder {
    /// Narrow/wide patterns of digits 0–9 (five elements each).
    static let digits = ["nnwwn", "wnnnw", "nwnnw", "wwnnn", "nnwnw", "wnwnn", "nwwnn", "nnnww", "wnnwn", "nwnwn"]

    /// ITF of an even number of digits; wide elements are `wide` units, narrow `narrow`.
    public static func symbol(_ text: String, narrow: Int = 2, wide: Int = 5) -> LinearSymbol {
        let d = text.compactMap { $0.wholeNumberValue }
        precondition(d.count % 2 == 0)
        var widths = [narrow, narrow, narrow, narrow] // start: bar space bar space
        for pair in stride(from: 0, to: d.count, by: 2) {
            let bars = Array(digits[d[pair]]), spaces = Array(digits[d[pair + 1]])
            for k in 0..<5 {
                widths.append(bars[k] == "w" ? wide : narrow)
                widths.append(spaces[k] == "w" ? wide : narrow)
            }
        }
        widths += [wide, narrow, narrow] // stop: wide bar, narrow space, narrow bar
        var sum = 0
        for (i, x) in d.dropLast().reversed().enumerated() { sum += x * (i % 2 == 0 ? 3 : 1) }
        let valid = d.count >= 2 && (10 - sum % 10) % 10 == d.last!
        return LinearSymbol(widths: widths, format: "ITF", text: text, aim: valid ? "]I1" : "]I0",
                            quietZone: 10 * narrow)
    }
}

public enum CodabarEncoder {
    static let alphabet = Array("0123456789-$:/.+ABCD")
    /// Narrow/wide patterns (seven elements, bar first).
    static let patterns = [
        "nnnnnww", "nnnnwwn", "nnnwnnw", "wwnnnnn", "nnwnnwn", "wnnnnwn", "nwnnnnw", "nwnnwnn", "nwwnnnn", "wnnwnnn",
        "nnnwwnn", "nnwwnnn", "wnnnwnw", "wnwnnnw", "wnwnwnn", "nnwnwnw", "nnwwnwn", "nwnwnnw", "nnnwnww", "nnnwwwn",
    ]

    /// Codabar of `text`, which includes its start and stop characters (A–D).
    public static func symbol(_ text: String, narrow: Int = 2, wide: Int = 5) -> LinearSymbol {
        let elements = text.map { patterns[alphabet.firstIndex(of: $0)!] }
        let widths = LinearSymbol.widths(fromNarrowWide: elements, narrow: narrow, wide: wide, gap: narrow)
        return LinearSymbol(widths: widths, format: "Codabar", text: text, aim: "]F0", quietZone: 10 * narrow)
    }
}
