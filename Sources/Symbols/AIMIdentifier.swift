/// ISO/IEC 15424 symbology identifier: `]` + code character + modifier, e.g. `]Q1` for a QR Code.
/// Industrial readers send it in front of the data when configured so that a host knows what it got.
public struct AIMIdentifier: Equatable, Sendable {
    /// The code character (`Q`, `C`, `E`, …); 0 when none.
    public var code: UInt8
    /// The modifier character (`0`…`9`, `A`…`Z`).
    public var modifier: UInt8

    public init(code: UInt8, modifier: UInt8) {
        self.code = code
        self.modifier = modifier
    }

    public init(_ code: Character, _ modifier: Character) {
        self.code = code.asciiValue ?? 0
        self.modifier = modifier.asciiValue ?? 0
    }

    public static let none = AIMIdentifier(code: 0, modifier: 0)

    public var isNone: Bool { code == 0 }

    /// The three bytes `]`, code, modifier.
    public var bytes: (UInt8, UInt8, UInt8) { (UInt8(ascii: "]"), code, modifier) }

    /// "]Q1", or "" when none (not for the frame path: it builds a String).
    public var description: String {
        isNone ? "" : "]" + String(UnicodeScalar(code)) + String(UnicodeScalar(modifier))
    }
}
