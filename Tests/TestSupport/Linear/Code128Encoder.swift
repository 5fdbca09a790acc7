/// Test encoder for Code 128 (ISO/IEC 15417): symbols from explicit symbol values, so that tests can
/// exercise every code set, shift, latch and function character; plus a simple automatic encoder.
public enum Code128Encoder {
    /// Element widths of values 0–105 and the stop pattern (ISO/IEC 15417 Table 1).
    public static let patterns: [String] = [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ]

    public static let startA = 103, startB = 104, startC = 105
    public static let fnc1 = 102, fnc2 = 97, fnc3 = 96, shift = 98
    public static let codeC = 99
    /// CODE B in sets A and C; FNC4 in set B.
    public static let codeBOrFNC4 = 100
    /// CODE A in sets B and C; FNC4 in set A.
    public static let codeAOrFNC4 = 101

    /// Value of an ASCII character in set A (control characters and upper case).
    public static func a(_ c: Character) -> Int { a(c.unicodeScalars.first!.value) }

    public static func a(_ v: UInt32) -> Int { v < 32 ? Int(v) + 64 : Int(v) - 32 }

    /// Value of an ASCII character in set B.
    public static func b(_ c: Character) -> Int { Int(c.unicodeScalars.first!.value) - 32 }

    /// Values of a digit string in set C (pairs).
    public static func c(_ digits: String) -> [Int] {
        let d = digits.compactMap { $0.wholeNumberValue }
        precondition(d.count % 2 == 0)
        return stride(from: 0, to: d.count, by: 2).map { d[$0] * 10 + d[$0 + 1] }
    }

    /// A symbol from its values (start character first); the check character and stop are added.
    public static func symbol(values: [Int], text: String, gs1: Bool = false, aim: String? = nil) -> LinearSymbol {
        var check = values[0]
        for (i, v) in values.enumerated() where i > 0 { check += i * v }
        let all = values + [check % 103]
        var elements = all.map { patterns[$0] }
        elements.append(patterns[106])
        return LinearSymbol(widths: LinearSymbol.widths(fromElements: elements), format: "Code128", text: text,
                            aim: aim ?? (gs1 ? "]C1" : "]C0"), quietZone: 10, isGS1: gs1)
    }

    /// Printable ASCII in set B, runs of four or more digits in set C.
    public static func auto(_ text: String) -> LinearSymbol {
        let chars = Array(text)
        var values: [Int] = []
        var set: Character = " "
        var i = 0
        while i < chars.count {
            var run = 0
            while i + run < chars.count, chars[i + run].isASCII, chars[i + run].isNumber { run += 1 }
            if run >= 4 {
                if run % 2 == 1 {
                    if set != "B" { values.append(set == " " ? startB : codeBOrFNC4); set = "B" }
                    values.append(b(chars[i]))
                    i += 1
                    run -= 1
                }
                if set != "C" { values.append(set == " " ? startC : codeC); set = "C" }
                values += c(String(chars[i..<(i + run)]))
                i += run
            } else {
                if set != "B" { values.append(set == " " ? startB : codeBOrFNC4); set = "B" }
                values.append(b(chars[i]))
                i += 1
            }
        }
        return symbol(values: values, text: text)
    }
}
