/// Test encoders for Code 39 (ISO/IEC 16388) and Code 93 (AIM USS-93), with full ASCII.
public enum Code39Encoder {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%")
    /// Narrow/wide patterns, bar first (ISO/IEC 16388 Table 1); the last entry is '*'.
    static let patterns = [
        "nnnwwnwnn", "wnnwnnnnw", "nnwwnnnnw", "wnwwnnnnn", "nnnwwnnnw", "wnnwwnnnn", "nnwwwnnnn", "nnnwnnwnw",
        "wnnwnnwnn", "nnwwnnwnn", "wnnnnwnnw", "nnwnnwnnw", "wnwnnwnnn", "nnnnwwnnw", "wnnnwwnnn", "nnwnwwnnn",
        "nnnnnwwnw", "wnnnnwwnn", "nnwnnwwnn", "nnnnwwwnn", "wnnnnnnww", "nnwnnnnww", "wnwnnnnwn", "nnnnwnnww",
        "wnnnwnnwn", "nnwnwnnwn", "nnnnnnwww", "wnnnnnwwn", "nnwnnnwwn", "nnnnwnwwn", "wwnnnnnnw", "nwwnnnnnw",
        "wwwnnnnnn", "nwnnwnnnw", "wwnnwnnnn", "nwwnwnnnn", "nwnnnnwnw", "wwnnnnwnn", "nwwnnnwnn", "nwnwnwnnn",
        "nwnwnnnwn", "nwnnnwnwn", "nnnwnwnwn", "nwnnwnwnn",
    ]

    /// Full ASCII: the Code 39 characters for each ASCII code 0–127 (ISO/IEC 16388 Annex A).
    static func fullASCII(_ c: UInt8) -> String {
        switch c {
        case 0: return "%U"
        case 1...26: return "$" + String(UnicodeScalar(c + 64))
        case 27...31: return "%" + String(UnicodeScalar(c - 27 + 65))
        case 32: return " "
        case 33...44: return "/" + String(UnicodeScalar(c - 33 + 65))
        case 45, 46: return String(UnicodeScalar(c))
        case 47: return "/O"
        case 48...57: return String(UnicodeScalar(c))
        case 58: return "/Z"
        case 59...63: return "%" + String(UnicodeScalar(c - 59 + 70))
        case 64: return "%V"
        case 65...90: return String(UnicodeScalar(c))
        case 91...95: return "%" + String(UnicodeScalar(c - 91 + 75))
        case 96: return "%W"
        case 97...122: return "+" + String(UnicodeScalar(c - 32))
        case 123...127: return "%" + String(UnicodeScalar(c - 123 + 80))
        default: return ""
        }
    }

    /// Code 39 of `data` (characters of the basic set), with an optional modulo-43 check character.
    /// Wide elements are `ratio` times the narrow ones (in units of `narrow` modules).
    public static func symbol(_ data: String, check: Bool = false, narrow: Int = 2, wide: Int = 5) -> LinearSymbol {
        var chars = Array(data)
        if check {
            let sum = chars.reduce(0) { $0 + alphabet.firstIndex(of: $1)! }
            chars.append(alphabet[sum % 43])
        }
        let elements = ["nwnnwnwnn"] + chars.map { patterns[alphabet.firstIndex(of: $0)!] } + ["nwnnwnwnn"]
        let widths = LinearSymbol.widths(fromNarrowWide: elements, narrow: narrow, wide: wide, gap: narrow)
        return LinearSymbol(widths: widths, format: "Code39", text: String(chars), aim: check ? "]A1" : "]A0",
                            quietZone: 10 * narrow)
    }

    /// Full ASCII Code 39 of any ASCII text; reported text is the decoded ASCII (AIM ]A4).
    public static func fullASCII(_ text: String, narrow: Int = 2, wide: Int = 5) -> LinearSymbol {
        let encoded = text.utf8.map { fullASCII($0) }.joined()
        var s = symbol(encoded, narrow: narrow, wide: wide)
        s.text = text
        s.aim = "]A4"
        return s
    }
}

public enum Code93Encoder {
    /// Characters 0–42; 43–46 are the shifts ($) (%) (/) (+), written here as "a b c d".
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%abcd")
    /// Element widths (AIM USS-93 Table 1), bar first; the last entry is the start/stop character.
    static let patterns = [
        "131112", "111213", "111312", "111411", "121113", "121212", "121311", "111114", "131211", "141111",
        "211113", "211212", "211311", "221112", "221211", "231111", "112113", "112212", "112311", "122112",
        "132111", "111123", "111222", "111321", "121122", "131121", "212112", "212211", "211122", "211221",
        "221121", "222111", "112122", "112221", "122121", "123111", "121131", "311112", "311211", "321111",
        "112131", "113121", "211131", "121221", "312111", "311121", "122211", "111141",
    ]

    /// Code 93 characters for one ASCII code (full ASCII uses the four shift characters).
    static func characters(_ c: UInt8) -> String {
        let basic = Code39Encoder.fullASCII(c)
        // Same pairs as Code 39 full ASCII, with the shifts replaced by the dedicated characters;
        // the basic set's own $ / + % stay themselves.
        if basic.count == 2 {
            let shift: Character = basic.first == "$" ? "a" : basic.first == "%" ? "b" : basic.first == "/" ? "c" : "d"
            return String(shift) + String(basic.last!)
        }
        return basic
    }

    /// Code 93 of any ASCII text, with both check characters.
    public static func symbol(_ text: String) -> LinearSymbol {
        var values = text.utf8.flatMap { characters($0) }.map { alphabet.firstIndex(of: $0)! }
        for limit in [20, 15] {
            var sum = 0
            for (i, v) in values.reversed().enumerated() { sum += (i % limit + 1) * v }
            values.append(sum % 47)
        }
        let elements = [patterns[47]] + values.map { patterns[$0] } + [patterns[47], "1"]
        return LinearSymbol(widths: LinearSymbol.widths(fromElements: elements), format: "Code93", text: text,
                            aim: "]G0", quietZone: 10)
    }
}
