/// Spec tables for EAN/UPC (ISO/IEC 15420, GS1 General Specifications § 5.2).
enum EANTables {
    /// Element widths in modules of the left-hand odd-parity ("L", set A) digit patterns, space first.
    /// The right-hand "R" (set C) patterns have the same widths with colours swapped (bar first), and the
    /// even-parity "G" (set B) patterns are the R patterns mirrored: the L widths in reverse order.
    /// Flattened: digit `d` occupies `[4d ..< 4d + 4]`.
    static let lWidths: [Float] = [
        3, 2, 1, 1, // 0: 0001101
        2, 2, 2, 1, // 1: 0011001
        2, 1, 2, 2, // 2: 0010011
        1, 4, 1, 1, // 3: 0111101
        1, 1, 3, 2, // 4: 0100011
        1, 2, 3, 1, // 5: 0110001
        1, 1, 1, 4, // 6: 0101111
        1, 3, 1, 2, // 7: 0111011
        1, 2, 1, 3, // 8: 0110111
        3, 1, 1, 2, // 9: 0001011
    ]

    /// EAN-13: parity of the six left-hand digits (bit 5 = first digit, 1 = G) for each implied leading
    /// digit 0–9. Leading digit 0 (all L) is UPC-A.
    static let leadingDigitParity: [UInt8] = [0x00, 0x0B, 0x0D, 0x0E, 0x13, 0x19, 0x1C, 0x15, 0x16, 0x1A]

    /// UPC-E, number system 0: parity of the six digits (1 = G, "even") for each check digit 0–9.
    /// Number system 1 uses the complement.
    static let upcEParity: [UInt8] = [0x38, 0x34, 0x32, 0x31, 0x2C, 0x26, 0x23, 0x2A, 0x29, 0x25]

    /// EAN-5 add-on: parity of the five digits (bit 4 = first, 1 = G) for each add-on check value 0–9.
    /// (EAN-2 needs no table: its parity bits are the value modulo 4, `LL`, `LG`, `GL`, `GG`.)
    static let ean5Parity: [UInt8] = [0x18, 0x14, 0x12, 0x11, 0x0C, 0x06, 0x03, 0x0A, 0x09, 0x05]

    /// GS1 modulo-10 check: weights 3, 1, 3, … from the rightmost data digit. `digits` are 0–9 values;
    /// the last one is the check digit. Returns whether it matches.
    static func isCheckDigitValid(_ digits: UnsafePointer<UInt8>, count: Int) -> Bool {
        guard count >= 2 else { return false }
        var sum = 0
        var weight = 3
        var i = count - 2
        while i >= 0 {
            sum += Int(digits[i]) * weight
            weight = 4 - weight
            i -= 1
        }
        return (10 - sum % 10) % 10 == Int(digits[count - 1])
    }

    /// Expands UPC-E (number system, six digits, check digit) into the 12 UPC-A digits (GS1 § 5.2.2.4.2):
    /// the last of the six digits says where the zeros go.
    static func expandUPCE(numberSystem: UInt8, _ d: UnsafePointer<UInt8>, check: UInt8,
                           into out: UnsafeMutablePointer<UInt8>) {
        out[0] = numberSystem
        for i in 1..<11 { out[i] = 0 }
        switch d[5] {
        case 0, 1, 2: // manufacturer d1 d2 d6 0 0, item 0 0 d3 d4 d5
            out[1] = d[0]; out[2] = d[1]; out[3] = d[5]
            out[8] = d[2]; out[9] = d[3]; out[10] = d[4]
        case 3: // manufacturer d1 d2 d3 0 0, item 0 0 0 d4 d5
            out[1] = d[0]; out[2] = d[1]; out[3] = d[2]
            out[9] = d[3]; out[10] = d[4]
        case 4: // manufacturer d1 d2 d3 d4 0, item 0 0 0 0 d5
            out[1] = d[0]; out[2] = d[1]; out[3] = d[2]; out[4] = d[3]
            out[10] = d[4]
        default: // manufacturer d1 … d5, item 0 0 0 0 d6
            out[1] = d[0]; out[2] = d[1]; out[3] = d[2]; out[4] = d[3]; out[5] = d[4]
            out[10] = d[5]
        }
        out[11] = check
    }
}
