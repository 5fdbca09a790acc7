/// Code 39 character set (ISO/IEC 16388 Table 1): 43 data characters and the start/stop character `*`.
/// Each character is nine elements, bar first (five bars, four spaces), three of them wide; the bits
/// below are those elements, first in the most significant of nine bits, 1 = wide.
enum Code39Table {
    /// ASCII of each character, index = character value (the check character sums these values).
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%*".utf8)
    static let patterns: [UInt16] = [
        0x034, 0x121, 0x061, 0x160, 0x031, 0x130, 0x070, 0x025, 0x124, 0x064, // 0–9
        0x109, 0x049, 0x148, 0x019, 0x118, 0x058, 0x00D, 0x10C, 0x04C, 0x01C, // A–J
        0x103, 0x043, 0x142, 0x013, 0x112, 0x052, 0x007, 0x106, 0x046, 0x016, // K–T
        0x181, 0x0C1, 0x1C0, 0x091, 0x190, 0x0D0, 0x085, 0x184, 0x0C4, 0x0A8, // U–Z - . space $
        0x0A2, 0x08A, 0x02A, 0x094, // / + % *
    ]
    /// Value of the start/stop character `*`.
    static let asterisk = 43
}

/// Full ASCII: pairs of a shift character and a letter for the characters outside the basic set
/// (ISO/IEC 16388 Annex A for Code 39; Code 93 uses the same table with its own four shift characters).
enum FullASCII {
    /// The character `shift` + `letter` stands for, or nil when the pair is not defined.
    /// `shift` is 0–3 for `$`, `%`, `/`, `+` (Code 39) or `($)`, `(%)`, `(/)`, `(+)` (Code 93).
    static func decode(shift: Int, letter: UInt8) -> UInt8? {
        guard letter >= UInt8(ascii: "A"), letter <= UInt8(ascii: "Z") else { return nil }
        let k = letter - UInt8(ascii: "A") // 0–25
        switch shift {
        case 0: return k + 1 // $A–$Z: SOH…SUB
        case 1:
            switch k {
            case 0...4: return k + 27          // %A–%E: ESC, FS, GS, RS, US
            case 5...9: return k - 5 + 59      // %F–%J: ; < = > ?
            case 10...14: return k - 10 + 91   // %K–%O: [ \ ] ^ _
            case 15...19: return k - 15 + 123  // %P–%T: { | } ~ DEL
            case 20: return 0                  // %U: NUL
            case 21: return 64                 // %V: @
            case 22: return 96                 // %W: `
            default: return 127                // %X–%Z: DEL
            }
        case 2:
            switch k {
            case 0...14: return k + 33         // /A–/O: ! " # $ % & ' ( ) * + , - . /
            case 25: return 58                 // /Z: :
            default: return nil
            }
        default: return k + 97 // +A–+Z: a–z
        }
    }
}
