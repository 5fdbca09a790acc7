/// Error-correction level of a QR symbol: roughly 7 %, 15 %, 25 % and 30 % of the codewords can be
/// restored (ISO/IEC 18004:2015 § 5.3.2, Table 9).
public enum QRErrorCorrectionLevel: UInt8, Sendable, CaseIterable {
    case low, medium, quartile, high

    /// The level's letter: `L`, `M`, `Q` or `H`.
    public var letter: UInt8 {
        switch self {
        case .low: UInt8(ascii: "L")
        case .medium: UInt8(ascii: "M")
        case .quartile: UInt8(ascii: "Q")
        case .high: UInt8(ascii: "H")
        }
    }

    /// The two level bits of the format information (Table 12): L 01, M 00, Q 11, H 10.
    public var formatBits: UInt32 {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }

    /// The level whose format information bits are `bits` (only the low two bits are looked at).
    public init(formatBits bits: UInt32) {
        switch bits & 0b11 {
        case 0b01: self = .low
        case 0b00: self = .medium
        case 0b11: self = .quartile
        default: self = .high
        }
    }
}
