/// Minimal JSON string writing for the `--jsonl` output (keeps the command free of an encoder per line).
enum JSONText {
    /// `s` as a JSON string literal, quotes included.
    static func quoted<S: Sequence>(utf8 s: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for b in s {
            switch b {
            case UInt8(ascii: "\""): out += [0x5C, 0x22]
            case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20, 0x7F:
                out += Array("\\u00".utf8) + [hexDigit(b >> 4), hexDigit(b & 15)]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    static func quoted(_ s: String) -> String { quoted(utf8: s.utf8) }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        String(decoding: bytes.flatMap { [hexDigit($0 >> 4), hexDigit($0 & 15)] }, as: UTF8.self)
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }

    /// True when `bytes` is well-formed UTF-8.
    static func isValidUTF8<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
