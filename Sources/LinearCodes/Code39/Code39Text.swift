import Symbols

/// The text of a Code 39 read, as zxing-cpp reports it (the corpus follows its conventions): all
/// characters including a valid check character, full ASCII applied when the data holds shift pairs
/// that all decode (AIM modifier per ISO/IEC 16388 Annex C), and Code 32 as `A` + nine digits.
extension Code39Decoder {
    /// Writes the text of characters `chars[0 ..< count]` and sets the AIM modifier.
    func writeText(_ count: Int, into sym: inout LineSymbol) {
        var checkValid = false
        if count >= 2 {
            var sum = 0
            for i in 0..<(count - 1) { sum += Int(chars[i]) }
            checkValid = sum % 43 == Int(chars[count - 1])
        }
        if Code32.write(chars, count: count, into: &sym.payload) {
            sym.modifier = UInt8(ascii: "0")
            return
        }
        let dataCount = checkValid ? count - 1 : count
        let fullASCII = writeFullASCII(dataCount, into: &sym.payload)
        if !fullASCII {
            sym.payload.removeAll()
            for i in 0..<dataCount { sym.payload.append(Code39Table.alphabet[Int(chars[i])]) }
        }
        if checkValid { sym.payload.append(Code39Table.alphabet[Int(chars[count - 1])]) }
        // ISO/IEC 16388 Annex C: 0 plain, 1 check verified, 4 full ASCII, 5 both.
        sym.modifier = UInt8(ascii: "0") + (checkValid ? 1 : 0) + (fullASCII ? 4 : 0)
    }

    /// Writes the full ASCII reading of the first `count` characters. Returns false (writing nothing
    /// useful) when there is no shift character or a shift pair is undefined.
    func writeFullASCII(_ count: Int, into payload: inout PayloadBuffer) -> Bool {
        var hasShift = false
        var i = 0
        while i < count {
            let v = Int(chars[i])
            if v >= 39, v <= 42 { // $ / + %  (values 39, 40, 41, 42)
                guard i + 1 < count else { return false }
                let shift = v == 39 ? 0 : v == 42 ? 1 : v == 40 ? 2 : 3
                guard let c = FullASCII.decode(shift: shift, letter: Code39Table.alphabet[Int(chars[i + 1])])
                else { return false }
                payload.append(c)
                hasShift = true
                i += 2
            } else {
                payload.append(Code39Table.alphabet[v])
                i += 1
            }
        }
        return hasShift
    }}

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
