/// Turns text (UTF-8 bytes) into the keys that type it on a layout: CR and LF as Enter (CR LF as one
/// Enter), TAB as Tab, dead keys followed by Space, and characters the layout has no key for skipped
/// or typed as Alt+numpad codes. Allocates nothing: strokes go to a caller's closure.
public struct KeystrokeEncoder: Sendable {
    public let layout: KeyboardLayout
    public let untypable: UntypablePolicy

    public init(layout: KeyboardLayout, untypable: UntypablePolicy) {
        self.layout = layout
        self.untypable = untypable
    }

    /// Calls `emit(stroke, holdModifiers)` for each key of `text` in order; `holdModifiers` means the
    /// modifiers stay down after the key is released (Alt during an Alt+numpad code). Returns how many
    /// characters could not be typed (and were left out).
    @discardableResult
    public func encode(_ text: UnsafeRawBufferPointer, _ emit: (KeyStroke, Bool) -> Void) -> Int {
        var skipped = 0
        var i = 0
        var previousWasCR = false
        while i < text.count {
            let (scalar, length) = Self.decodeUTF8(text, at: i)
            i += length
            let isCR = scalar == 0x0D
            defer { previousWasCR = isCR }
            switch scalar {
            case 0x0D:
                emit(KeyStroke(usage: HIDKeyboardReport.Usage.enter), false)
                continue
            case 0x0A:
                if !previousWasCR { emit(KeyStroke(usage: HIDKeyboardReport.Usage.enter), false) }
                continue
            case 0x09:
                emit(KeyStroke(usage: HIDKeyboardReport.Usage.tab), false)
                continue
            default:
                break
            }
            if scalar >= 0x20, scalar != 0x7F, let stroke = layout.stroke(for: scalar) {
                emit(stroke, false)
                if stroke.isDeadKey { emit(KeyStroke(usage: HIDKeyboardReport.Usage.space), false) }
                continue
            }
            if untypable == .altNumpad, let code = Self.windows1252(scalar) {
                Self.emitAltCode(code, emit)
                continue
            }
            skipped += 1
        }
        return skipped
    }

    /// Alt held, then keypad 0 and the three decimal digits of `code`, then Alt released.
    private static func emitAltCode(_ code: Int, _ emit: (KeyStroke, Bool) -> Void) {
        let alt = HIDKeyboardReport.Modifier.leftAlt
        let digits = (0, code / 100, code / 10 % 10, code % 10)
        emit(KeyStroke(modifiers: alt, usage: HIDKeyboardReport.Usage.keypad(digit: digits.0)), true)
        emit(KeyStroke(modifiers: alt, usage: HIDKeyboardReport.Usage.keypad(digit: digits.1)), true)
        emit(KeyStroke(modifiers: alt, usage: HIDKeyboardReport.Usage.keypad(digit: digits.2)), true)
        emit(KeyStroke(modifiers: alt, usage: HIDKeyboardReport.Usage.keypad(digit: digits.3)), false)
    }

    /// The Windows-1252 code of a Unicode scalar (what Alt+0nnn types on Windows), or nil.
    static func windows1252(_ scalar: UInt32) -> Int? {
        if scalar < 0x80 || (scalar >= 0xA0 && scalar <= 0xFF) { return Int(scalar) }
        for (code, unicode) in windows1252High where unicode == scalar { return code }
        return nil
    }

    /// Windows-1252 0x80 … 0x9F (the rest of 0x80 … 0xFF is Latin-1).
    private static let windows1252High: [(Int, UInt32)] = [
        (0x80, 0x20AC), (0x82, 0x201A), (0x83, 0x0192), (0x84, 0x201E), (0x85, 0x2026), (0x86, 0x2020),
        (0x87, 0x2021), (0x88, 0x02C6), (0x89, 0x2030), (0x8A, 0x0160), (0x8B, 0x2039), (0x8C, 0x0152),
        (0x8E, 0x017D), (0x91, 0x2018), (0x92, 0x2019), (0x93, 0x201C), (0x94, 0x201D), (0x95, 0x2022),
        (0x96, 0x2013), (0x97, 0x2014), (0x98, 0x02DC), (0x99, 0x2122), (0x9A, 0x0161), (0x9B, 0x203A),
        (0x9C, 0x0153), (0x9E, 0x017E), (0x9F, 0x0178),
    ]

    /// The scalar at `i` and its length in bytes; a byte that does not start valid UTF-8 is returned
    /// as 0xFFFD (never typable) with length 1.
    static func decodeUTF8(_ s: UnsafeRawBufferPointer, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(s[i])
        if b0 < 0x80 { return (b0, 1) }
        let (length, initial): (Int, UInt32) = b0 & 0xE0 == 0xC0 ? (2, b0 & 0x1F)
            : b0 & 0xF0 == 0xE0 ? (3, b0 & 0x0F) : b0 & 0xF8 == 0xF0 ? (4, b0 & 0x07) : (0, 0)
        guard length > 0, i + length <= s.count else { return (0xFFFD, 1) }
        var value = initial
        for k in 1..<length {
            let b = UInt32(s[i + k])
            guard b & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            value = value << 6 | (b & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return (0xFFFD, 1) }
        return (value, length)
    }
}
