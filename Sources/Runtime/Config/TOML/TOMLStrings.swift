/// String values and quoted keys: basic strings with escapes, literal strings.
extension TOMLParser {
    mutating func parseBasicString() throws(TOMLSyntaxError) -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard let b = peek(), b != 0x0A, b != 0x0D else { throw fail("unterminated string: expected a closing \"") }
            i += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if b == UInt8(ascii: "\\") {
                try parseEscape(into: &out)
            } else if b < 0x20 && b != 0x09 || b == 0x7F {
                throw fail("control character \(describe(b)) in a string (write it as an escape such as \\u0002)")
            } else {
                out.append(b)
            }
        }
    }

    mutating func parseEscape(into out: inout [UInt8]) throws(TOMLSyntaxError) {
        guard let e = peek() else { throw fail("unterminated string") }
        i += 1
        let simple: UInt8?
        switch e {
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "e"): simple = 0x1B
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        default: simple = nil
        }
        if let simple {
            out.append(simple)
            return
        }
        let digits = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : e == UInt8(ascii: "U") ? 8 : 0
        guard digits > 0 else { throw fail("unknown escape \\\(describe(e, quoted: false)) in a string") }
        guard i + digits <= bytes.count,
              let value = UInt32(String(decoding: bytes[i..<(i + digits)], as: UTF8.self), radix: 16),
              let scalar = Unicode.Scalar(value)
        else { throw fail("escape \\\(describe(e, quoted: false)) needs \(digits) hex digits of a valid code point") }
        i += digits
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    mutating func parseLiteralString() throws(TOMLSyntaxError) -> String {
        i += 1
        let start = i
        while true {
            guard let b = peek(), b != 0x0A, b != 0x0D else { throw fail("unterminated string: expected a closing '") }
            if b == UInt8(ascii: "'") {
                i += 1
                return String(decoding: bytes[start..<(i - 1)], as: UTF8.self)
            }
            if b < 0x20 && b != 0x09 || b == 0x7F { throw fail("control character \(describe(b)) in a string") }
            i += 1
        }
    }
}
