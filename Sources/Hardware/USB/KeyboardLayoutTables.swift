/// The US and German layout tables: for each printable character, the key position (HID usage,
/// named after the US key cap) and the modifiers that type it. From the layouts as Windows and X11
/// define them; the tests pin every row.
enum KeyboardLayoutTables {
    private static let shift = HIDKeyboardReport.Modifier.leftShift
    private static let altGr = HIDKeyboardReport.Modifier.rightAlt

    /// Letters a … z are usages 0x04 … 0x1D; digits 1 … 9, 0 are 0x1E … 0x27 on both layouts.
    private static func lettersAndDigits(_ t: inout [UInt32], swapYZ: Bool) {
        for i in 0..<26 {
            var usage = UInt8(0x04 + i)
            if swapYZ, i == 24 { usage = 0x1D } // y sits where US has z
            if swapYZ, i == 25 { usage = 0x1C } // z sits where US has y
            t[0x61 + i] = KeyboardLayout.pack(usage)
            t[0x41 + i] = KeyboardLayout.pack(usage, shift)
        }
        for d in 1...9 { t[0x30 + d] = KeyboardLayout.pack(UInt8(0x1D + d)) }
        t[0x30] = KeyboardLayout.pack(0x27)
        t[0x20] = KeyboardLayout.pack(HIDKeyboardReport.Usage.space)
    }

    private static func set(_ t: inout [UInt32], _ rows: [(Character, UInt8, UInt8)], dead: Set<Character> = []) {
        for (c, usage, modifiers) in rows {
            let scalar = c.unicodeScalars.first.unsafelyUnwrapped.value
            t[Int(scalar)] = KeyboardLayout.pack(usage, modifiers, dead: dead.contains(c))
        }
    }

    static func us() -> ([UInt32], [(UInt32, UInt32)]) {
        var t = [UInt32](repeating: 0, count: 128)
        lettersAndDigits(&t, swapYZ: false)
        set(&t, [
            ("!", 0x1E, shift), ("@", 0x1F, shift), ("#", 0x20, shift), ("$", 0x21, shift), ("%", 0x22, shift),
            ("^", 0x23, shift), ("&", 0x24, shift), ("*", 0x25, shift), ("(", 0x26, shift), (")", 0x27, shift),
            ("-", 0x2D, 0), ("_", 0x2D, shift), ("=", 0x2E, 0), ("+", 0x2E, shift),
            ("[", 0x2F, 0), ("{", 0x2F, shift), ("]", 0x30, 0), ("}", 0x30, shift),
            ("\\", 0x31, 0), ("|", 0x31, shift), (";", 0x33, 0), (":", 0x33, shift),
            ("'", 0x34, 0), ("\"", 0x34, shift), ("`", 0x35, 0), ("~", 0x35, shift),
            (",", 0x36, 0), ("<", 0x36, shift), (".", 0x37, 0), (">", 0x37, shift),
            ("/", 0x38, 0), ("?", 0x38, shift),
        ])
        return (t, [])
    }

    static func de() -> ([UInt32], [(UInt32, UInt32)]) {
        var t = [UInt32](repeating: 0, count: 128)
        lettersAndDigits(&t, swapYZ: true)
        set(&t, [
            ("!", 0x1E, shift), ("\"", 0x1F, shift), ("$", 0x21, shift), ("%", 0x22, shift), ("&", 0x23, shift),
            ("/", 0x24, shift), ("(", 0x25, shift), (")", 0x26, shift), ("=", 0x27, shift),
            ("{", 0x24, altGr), ("[", 0x25, altGr), ("]", 0x26, altGr), ("}", 0x27, altGr),
            ("@", 0x14, altGr), ("?", 0x2D, shift), ("\\", 0x2D, altGr),
            ("`", 0x2E, shift), // dead grave
            ("+", 0x30, 0), ("*", 0x30, shift), ("~", 0x30, altGr),
            ("#", 0x32, 0), ("'", 0x32, shift), // the ISO key left of Enter (non-US #)
            ("^", 0x35, 0), // dead circumflex
            (",", 0x36, 0), (";", 0x36, shift), (".", 0x37, 0), (":", 0x37, shift),
            ("-", 0x38, 0), ("_", 0x38, shift),
            ("<", 0x64, 0), (">", 0x64, shift), ("|", 0x64, altGr), // the ISO key left of Y (non-US \)
        ], dead: ["`", "^"])
        let extra: [(UInt32, UInt32)] = [
            (0xE4, KeyboardLayout.pack(0x34)), (0xC4, KeyboardLayout.pack(0x34, shift)), // ä Ä
            (0xF6, KeyboardLayout.pack(0x33)), (0xD6, KeyboardLayout.pack(0x33, shift)), // ö Ö
            (0xFC, KeyboardLayout.pack(0x2F)), (0xDC, KeyboardLayout.pack(0x2F, shift)), // ü Ü
            (0xDF, KeyboardLayout.pack(0x2D)), // ß
            (0xA7, KeyboardLayout.pack(0x20, shift)), // §
            (0xB0, KeyboardLayout.pack(0x35, shift)), // °
            (0xB4, KeyboardLayout.pack(0x2E, dead: true)), // ´ (dead acute)
            (0x20AC, KeyboardLayout.pack(0x08, altGr)), // €
            (0xB2, KeyboardLayout.pack(0x1F, altGr)), (0xB3, KeyboardLayout.pack(0x20, altGr)), // ² ³
            (0xB5, KeyboardLayout.pack(0x10, altGr)), // µ
        ]
        return (t, extra)
    }
}
