/// TOML number syntax: which tokens are integers and floats, and their values.
enum TOMLNumbers {
    /// Decimal (`-12`, `1_000`), hexadecimal (`0x1F`), octal (`0o17`) or binary (`0b101`); nil when
    /// `token` is not a TOML integer or does not fit in 64 bits.
    static func integer(_ token: String) -> Int64? {
        let utf8 = Array(token.utf8)
        guard !utf8.isEmpty else { return nil }
        if utf8.count > 2, utf8[0] == UInt8(ascii: "0") {
            let radix: Int? = switch utf8[1] {
            case UInt8(ascii: "x"): 16
            case UInt8(ascii: "o"): 8
            case UInt8(ascii: "b"): 2
            default: nil
            }
            if let radix {
                let digits = utf8[2...]
                guard underscoresAreBetweenDigits(digits) else { return nil }
                return Int64(String(decoding: digits.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self), radix: radix)
            }
        }
        var body = utf8[...]
        if body.first == UInt8(ascii: "+") || body.first == UInt8(ascii: "-") { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "_") }),
              underscoresAreBetweenDigits(body),
              !(body.count > 1 && body.first == UInt8(ascii: "0")) else { return nil }
        return Int64(String(decoding: utf8.filter { $0 != UInt8(ascii: "_") && $0 != UInt8(ascii: "+") }, as: UTF8.self))
    }

    /// `1.5`, `-0.25`, `1e3`, `6.02e+23`, `inf`, `nan` (signed or not).
    static func float(_ token: String) -> Double? {
        switch token {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan", "+nan", "-nan": return .nan
        default: break
        }
        let utf8 = Array(token.utf8)
        var k = 0
        if k < utf8.count, utf8[k] == UInt8(ascii: "+") || utf8[k] == UInt8(ascii: "-") { k += 1 }
        // integer part: digits, no leading zero unless it is the only digit
        let intStart = k
        while k < utf8.count, isDigit(utf8[k]) || utf8[k] == UInt8(ascii: "_") { k += 1 }
        let intPart = utf8[intStart..<k]
        guard !intPart.isEmpty, underscoresAreBetweenDigits(intPart),
              !(intPart.count > 1 && intPart.first == UInt8(ascii: "0")) else { return nil }
        var sawFraction = false, sawExponent = false
        if k < utf8.count, utf8[k] == UInt8(ascii: ".") {
            k += 1
            let start = k
            while k < utf8.count, isDigit(utf8[k]) || utf8[k] == UInt8(ascii: "_") { k += 1 }
            guard k > start, underscoresAreBetweenDigits(utf8[start..<k]) else { return nil }
            sawFraction = true
        }
        if k < utf8.count, utf8[k] == UInt8(ascii: "e") || utf8[k] == UInt8(ascii: "E") {
            k += 1
            if k < utf8.count, utf8[k] == UInt8(ascii: "+") || utf8[k] == UInt8(ascii: "-") { k += 1 }
            let start = k
            while k < utf8.count, isDigit(utf8[k]) || utf8[k] == UInt8(ascii: "_") { k += 1 }
            guard k > start, underscoresAreBetweenDigits(utf8[start..<k]) else { return nil }
            sawExponent = true
        }
        guard k == utf8.count, sawFraction || sawExponent else { return nil }
        return Double(String(decoding: utf8.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self))
    }

    /// `1979-05-27`, `07:32:00`: TOML dates and times, which lumascan.toml has no use for.
    static func looksLikeDate(_ token: String) -> Bool {
        let utf8 = Array(token.utf8)
        if utf8.count >= 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") { return true }
        return utf8.count >= 5 && utf8[2] == UInt8(ascii: ":")
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Each `_` has a digit (or hex digit) on both sides.
    private static func underscoresAreBetweenDigits(_ s: ArraySlice<UInt8>) -> Bool {
        guard let first = s.first, let last = s.last else { return true }
        if first == UInt8(ascii: "_") || last == UInt8(ascii: "_") { return false }
        var previous: UInt8 = 0
        for b in s {
            if b == UInt8(ascii: "_") && previous == UInt8(ascii: "_") { return false }
            previous = b
        }
        return true
    }
}
