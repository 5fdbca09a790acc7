/// Which key (and modifiers) types a character on the host's keyboard layout.
///
/// A USB keyboard sends key positions, not characters: the host's layout setting turns them into
/// text. So the wedge must type with the layout the host uses, or `z` comes out as `y` on a German PC.
/// Lookups read fixed tables built once (no allocation per character).
public struct KeyboardLayout: Sendable {
    public enum Name: String, CaseIterable, Sendable {
        /// US English (QWERTY).
        case us
        /// German (QWERTZ, as Windows' "German" layout: `~` on AltGr + `+` is not a dead key).
        case de
    }

    public let name: Name
    /// ASCII 0 … 127, packed (see `pack`); 0 when the layout has no key for it.
    private let ascii: [UInt32]
    /// Characters above ASCII: (Unicode scalar, packed stroke), searched linearly (a dozen entries).
    private let extra: [(UInt32, UInt32)]

    public init(_ name: Name) {
        self.name = name
        switch name {
        case .us: (ascii, extra) = KeyboardLayoutTables.us()
        case .de: (ascii, extra) = KeyboardLayoutTables.de()
        }
    }

    /// The key for Unicode scalar `scalar`, or nil when the layout cannot type it. Control characters
    /// are not looked up here (the wedge maps CR, LF and TAB to Enter and Tab itself).
    @inline(__always)
    public func stroke(for scalar: UInt32) -> KeyStroke? {
        let packed: UInt32
        if scalar < 128 {
            packed = ascii[Int(scalar)]
        } else {
            var found: UInt32 = 0
            for (s, p) in extra where s == scalar {
                found = p
                break
            }
            packed = found
        }
        return Self.unpack(packed)
    }

    /// usage | modifiers << 8 | dead << 16 | present << 24.
    static func pack(_ usage: UInt8, _ modifiers: UInt8 = 0, dead: Bool = false) -> UInt32 {
        UInt32(usage) | UInt32(modifiers) << 8 | (dead ? 1 << 16 : 0) | 1 << 24
    }

    @inline(__always)
    static func unpack(_ p: UInt32) -> KeyStroke? {
        guard p & (1 << 24) != 0 else { return nil }
        return KeyStroke(modifiers: UInt8(truncatingIfNeeded: p >> 8), usage: UInt8(truncatingIfNeeded: p),
                         isDeadKey: p & (1 << 16) != 0)
    }
}
