/// Test encoder for EAN-13, UPC-A, EAN-8, UPC-E and the EAN-2/EAN-5 add-ons (ISO/IEC 15420), written
/// from the spec's module strings independently of the reader's tables.
public enum EANEncoder {
    /// Set A ("L", odd parity) module strings for digits 0–9. Set C ("R") is the complement, set B
    /// ("G", even parity) the mirror image of set C.
    static let setA = ["0001101", "0011001", "0010011", "0111101", "0100011",
                       "0110001", "0101111", "0111011", "0110111", "0001011"]
    /// EAN-13: parity of the six left-hand digits for each leading digit.
    static let leading = ["AAAAAA", "AABABB", "AABBAB", "AABBBA", "ABAABB",
                          "ABBAAB", "ABBBAA", "ABABAB", "ABABBA", "ABBABA"]
    /// UPC-E, number system 0: parity (A odd, B even) for each check digit; number system 1 swaps A/B.
    static let upcE = ["BBBAAA", "BBABAA", "BBAABA", "BBAAAB", "BABBAA",
                       "BAABBA", "BAAABB", "BABABA", "BABAAB", "BAABAB"]
    /// EAN-5 add-on parity for each add-on check value.
    static let addOn5 = ["BBAAA", "BABAA", "BAABA", "BAAAB", "ABBAA", "AABBA", "AAABB", "ABABA", "ABAAB", "AABAB"]

    static func digit(_ d: Int, set: Character) -> String {
        let a = setA[d]
        switch set {
        case "A": return a
        case "C": return String(a.map { $0 == "0" ? "1" : "0" })
        default: return String(String(a.map { $0 == "0" ? "1" : "0" }).reversed())
        }
    }

    /// GS1 check digit for `digits` (weights 3, 1, … from the right).
    public static func checkDigit(_ digits: [Int]) -> Int {
        var sum = 0
        for (i, d) in digits.reversed().enumerated() { sum += d * (i % 2 == 0 ? 3 : 1) }
        return (10 - sum % 10) % 10
    }

    static func parse(_ s: String) -> [Int] { s.compactMap { $0.wholeNumberValue } }

    /// EAN-13 from 12 digits (the check digit is added). Text as zxing-cpp reports it: 13 digits.
    public static func ean13(_ twelve: String, addOn: String? = nil) -> LinearSymbol {
        var d = parse(twelve)
        precondition(d.count == 12)
        d.append(checkDigit(d))
        let parity = Array(leading[d[0]])
        var m = "101"
        for i in 1...6 { m += digit(d[i], set: parity[i - 1]) }
        m += "01010"
        for i in 7...12 { m += digit(d[i], set: "C") }
        m += "101"
        let text = d.map(String.init).joined()
        return finish(m, format: d[0] == 0 ? "UPC-A" : "EAN-13", text: text, aim: "]E0", quiet: 11, addOn: addOn)
    }

    /// UPC-A from 11 digits: an EAN-13 with leading 0, reported as 13 digits.
    public static func upcA(_ eleven: String, addOn: String? = nil) -> LinearSymbol {
        precondition(eleven.count == 11)
        return ean13("0" + eleven, addOn: addOn)
    }

    /// EAN-8 from 7 digits.
    public static func ean8(_ seven: String, addOn: String? = nil) -> LinearSymbol {
        var d = parse(seven)
        precondition(d.count == 7)
        d.append(checkDigit(d))
        var m = "101"
        for i in 0..<4 { m += digit(d[i], set: "A") }
        m += "01010"
        for i in 4..<8 { m += digit(d[i], set: "C") }
        m += "101"
        var s = finish(m, format: "EAN-8", text: d.map(String.init).joined(), aim: "]E4", quiet: 7, addOn: addOn)
        if addOn != nil { s.aim = "]E4" }
        return s
    }

    /// UPC-E from number system (0 or 1) and six digits; text is the expanded 13-digit GTIN.
    public static func upcE(numberSystem ns: Int, _ six: String, addOn: String? = nil) -> LinearSymbol {
        let d = parse(six)
        precondition(d.count == 6 && (ns == 0 || ns == 1))
        let upcA = [ns] + expand(d)
        let check = checkDigit(upcA)
        var parity = Array(upcE[check])
        if ns == 1 { parity = parity.map { $0 == "A" ? "B" : "A" } }
        var m = "101"
        for i in 0..<6 { m += digit(d[i], set: parity[i]) }
        m += "010101"
        let text = "0" + (upcA + [check]).map(String.init).joined()
        return finish(m, format: "UPC-E", text: text, aim: "]E0", quiet: 9, addOn: addOn)
    }

    /// UPC-E zero suppression (GS1 § 5.2.2.4.2): the 10 digits after the number system.
    static func expand(_ d: [Int]) -> [Int] {
        switch d[5] {
        case 0, 1, 2: return [d[0], d[1], d[5], 0, 0, 0, 0, d[2], d[3], d[4]]
        case 3: return [d[0], d[1], d[2], 0, 0, 0, 0, 0, d[3], d[4]]
        case 4: return [d[0], d[1], d[2], d[3], 0, 0, 0, 0, 0, d[4]]
        default: return [d[0], d[1], d[2], d[3], d[4], 0, 0, 0, 0, d[5]]
        }
    }

    /// The add-on's modules (guard 1011, digits separated by 01).
    static func addOnModules(_ digits: String) -> String {
        let d = parse(digits)
        let parity: [Character]
        if d.count == 2 {
            let v = (d[0] * 10 + d[1]) % 4
            parity = [v & 2 == 0 ? "A" : "B", v & 1 == 0 ? "A" : "B"]
        } else {
            precondition(d.count == 5)
            let check = (3 * (d[0] + d[2] + d[4]) + 9 * (d[1] + d[3])) % 10
            parity = Array(addOn5[check])
        }
        var m = "1011"
        for (i, x) in d.enumerated() {
            if i > 0 { m += "01" }
            m += digit(x, set: parity[i])
        }
        return m
    }

    static func finish(_ modules: String, format: String, text: String, aim: String, quiet: Int,
                       addOn: String?) -> LinearSymbol {
        guard let addOn else {
            return LinearSymbol(widths: LinearSymbol.widths(fromModules: modules), format: format, text: text,
                                aim: aim, quietZone: quiet)
        }
        // Main symbol, a 9-module gap (spec: 7–12), the add-on.
        let all = modules + String(repeating: "0", count: 9) + addOnModules(addOn)
        return LinearSymbol(widths: LinearSymbol.widths(fromModules: all), format: format, text: text + addOn,
                            aim: format == "EAN-8" ? "]E4" : "]E3", quietZone: quiet)
    }
}
