/// One key as a keyboard layout types a character: the modifiers held (Shift, AltGr) and the key's HID
/// usage, and whether the key is a dead key (it only types its accent when followed by Space).
public struct KeyStroke: Equatable, Sendable {
    public var modifiers: UInt8
    public var usage: UInt8
    /// A dead key (German `^`, `` ` ``, `´`) prints nothing until the next key: the wedge follows it with
    /// Space, which makes the accent itself.
    public var isDeadKey: Bool

    public init(modifiers: UInt8 = 0, usage: UInt8, isDeadKey: Bool = false) {
        self.modifiers = modifiers
        self.usage = usage
        self.isDeadKey = isDeadKey
    }
}

/// What the wedge does with a character the layout has no key for (a GS1 separator, GS 0x1D; a `€`
/// on the US layout; bytes that are not UTF-8).
public enum UntypablePolicy: String, CaseIterable, Sendable {
    /// Leave it out; count it (`KeyboardCounters.untypableCharacters`).
    case skip
    /// Type it as Alt + the decimal Windows-1252 code on the keypad with a leading 0 (Alt+0029 for GS,
    /// Alt+0128 for €), which Windows hosts turn into the character; characters outside Windows-1252
    /// are skipped and counted. Needs Num Lock on at the host.
    case altNumpad = "alt-numpad"
}
