import Symbols

/// Code 32 ("Codice Farmaceutico Italiano"): a Code 39 symbol of six characters that carries a
/// nine-digit pharmaceutical code in base 32 (digits and consonants: no A, E, I, O). The ninth digit
/// checks the first eight (odd positions as they are, even positions doubled with their digits summed,
/// total modulo 10). Reported as zxing-cpp does, as `A` followed by the nine digits.
enum Code32 {
    /// Base-32 digit of each Code 39 character value, or -1 (vowels and symbols are not used).
    private static func digit(_ value: UInt8) -> Int {
        switch value {
        case 0...9: return Int(value)            // 0–9
        case 11, 12, 13: return Int(value) - 1   // B C D → 10 11 12
        case 15, 16, 17: return Int(value) - 2   // F G H → 13 14 15
        case 19...23: return Int(value) - 3      // J K L M N → 16 … 20
        case 25...35: return Int(value) - 4      // P … Z → 21 … 31
        default: return -1
        }
    }

    /// Writes `A` + nine digits when `values[0 ..< 6]` is a valid Code 32; returns false otherwise
    /// (writing nothing).
    static func write(_ values: UnsafePointer<UInt8>, count: Int, into payload: inout PayloadBuffer) -> Bool {
        guard count == 6 else { return false }
        var number = 0
        for i in 0..<6 {
            let d = digit(values[i])
            guard d >= 0 else { return false }
            number = number * 32 + d
        }
        guard number < 1_000_000_000 else { return false }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
        var sum = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            var n = number
            for i in stride(from: 8, through: 0, by: -1) {
                raw[i] = UInt8(n % 10)
                n /= 10
            }
            for i in 0..<8 {
                let d = Int(raw[i])
                sum += i % 2 == 0 ? d : (2 * d) / 10 + (2 * d) % 10
            }
            if sum % 10 == Int(raw[8]) {
                payload.append(UInt8(ascii: "A"))
                for i in 0..<9 { payload.append(UInt8(ascii: "0") + raw[i]) }
            }
        }
        return sum % 10 == Int(digits.8)
    }
}
