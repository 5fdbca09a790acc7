import Hardware
import Testing

/// The exact HID reports the wedge writes for text on the US and German layouts: the bytes a PC
/// receives from the keyboard.
@Suite struct KeyboardReportTests {
    func typed(_ text: String, _ layout: KeyboardLayout.Name = .us, untypable: UntypablePolicy = .skip)
        -> (reports: [[UInt8]], untypable: UInt64)
    {
        let device = FakeHIDDevice()
        let wedge = makeWedge(device, layout: layout, untypable: untypable)
        try? wedge.open()
        #expect(wedge.send(text) == .queued)
        wedge.service(nowNanoseconds: monotonicNow())
        #expect(wedge.queuedByteCount == 0)
        return (device.reports, wedge.keyboard.untypableCharacters)
    }

    @Test func digitsAreTheTopRowOnBothLayouts() {
        let expected = [0x27, 0x1E, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26].flatMap { key(UInt8($0)) }
        #expect(typed("0123456789").reports == expected)
        #expect(typed("0123456789", .de).reports == expected)
    }

    @Test func lettersWithShiftForCapitalsAndYZSwappedOnGerman() {
        #expect(typed("abxyzAZ").reports
            == key(0x04) + key(0x05) + key(0x1B) + key(0x1C) + key(0x1D) + key(0x04, shift) + key(0x1D, shift))
        #expect(typed("abxyzAZ", .de).reports
            == key(0x04) + key(0x05) + key(0x1B) + key(0x1D) + key(0x1C) + key(0x04, shift) + key(0x1C, shift))
    }

    @Test func everyUSPunctuationKey() {
        let rows: [(String, UInt8, UInt8)] = [
            (" ", 0x2C, 0), ("!", 0x1E, shift), ("\"", 0x34, shift), ("#", 0x20, shift), ("$", 0x21, shift),
            ("%", 0x22, shift), ("&", 0x24, shift), ("'", 0x34, 0), ("(", 0x26, shift), (")", 0x27, shift),
            ("*", 0x25, shift), ("+", 0x2E, shift), (",", 0x36, 0), ("-", 0x2D, 0), (".", 0x37, 0), ("/", 0x38, 0),
            (":", 0x33, shift), (";", 0x33, 0), ("<", 0x36, shift), ("=", 0x2E, 0), (">", 0x37, shift),
            ("?", 0x38, shift), ("@", 0x1F, shift), ("[", 0x2F, 0), ("\\", 0x31, 0), ("]", 0x30, 0),
            ("^", 0x23, shift), ("_", 0x2D, shift), ("`", 0x35, 0), ("{", 0x2F, shift), ("|", 0x31, shift),
            ("}", 0x30, shift), ("~", 0x35, shift),
        ]
        for (c, usage, modifiers) in rows {
            #expect(typed(c).reports == key(usage, modifiers), "US \(c)")
        }
    }

    @Test func everyGermanPunctuationKeyWithDeadKeysFollowedBySpace() {
        let rows: [(String, [[UInt8]])] = [
            ("!", key(0x1E, shift)), ("\"", key(0x1F, shift)), ("§", key(0x20, shift)), ("$", key(0x21, shift)),
            ("%", key(0x22, shift)), ("&", key(0x23, shift)), ("/", key(0x24, shift)), ("(", key(0x25, shift)),
            (")", key(0x26, shift)), ("=", key(0x27, shift)), ("?", key(0x2D, shift)), ("ß", key(0x2D)),
            ("{", key(0x24, altGr)), ("[", key(0x25, altGr)), ("]", key(0x26, altGr)), ("}", key(0x27, altGr)),
            ("\\", key(0x2D, altGr)), ("@", key(0x14, altGr)), ("€", key(0x08, altGr)), ("µ", key(0x10, altGr)),
            ("+", key(0x30)), ("*", key(0x30, shift)), ("~", key(0x30, altGr)), ("#", key(0x32)), ("'", key(0x32, shift)),
            (",", key(0x36)), (";", key(0x36, shift)), (".", key(0x37)), (":", key(0x37, shift)), ("-", key(0x38)),
            ("_", key(0x38, shift)), ("<", key(0x64)), (">", key(0x64, shift)), ("|", key(0x64, altGr)),
            ("ä", key(0x34)), ("Ä", key(0x34, shift)), ("ö", key(0x33)), ("Ö", key(0x33, shift)), ("ü", key(0x2F)),
            ("Ü", key(0x2F, shift)), ("°", key(0x35, shift)), ("²", key(0x1F, altGr)), ("³", key(0x20, altGr)),
            ("^", key(0x35) + key(0x2C)), ("`", key(0x2E, shift) + key(0x2C)), ("´", key(0x2E) + key(0x2C)),
        ]
        for (c, expected) in rows {
            #expect(typed(c, .de).reports == expected, "DE \(c)")
        }
    }

    @Test func everyPrintableASCIICharacterIsTypableOnBothLayouts() {
        let ascii = String((0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) })
        #expect(typed(ascii).untypable == 0)
        #expect(typed(ascii, .de).untypable == 0)
        #expect(typed(ascii).reports.count == 95 * 2)
        #expect(typed(ascii, .de).reports.count == (95 + 2) * 2) // ^ and ` are dead keys: + Space
    }

    @Test func gs1SeparatorIsSkippedAndCountedByDefault() {
        let r = typed("0104\u{1D}10A\r")
        #expect(r.reports == key(0x27) + key(0x1E) + key(0x27) + key(0x21) + key(0x1E) + key(0x27) + key(0x04, shift) + key(0x28))
        #expect(r.untypable == 1)
    }

    @Test func gs1SeparatorAsAltNumpad0029() {
        let r = typed("1\u{1D}2", untypable: .altNumpad)
        let altCode: [[UInt8]] = [
            [alt, 0, 0x62, 0, 0, 0, 0, 0], [alt, 0, 0, 0, 0, 0, 0, 0], // Alt + keypad 0 (Alt stays down)
            [alt, 0, 0x62, 0, 0, 0, 0, 0], [alt, 0, 0, 0, 0, 0, 0, 0], // keypad 0
            [alt, 0, 0x5A, 0, 0, 0, 0, 0], [alt, 0, 0, 0, 0, 0, 0, 0], // keypad 2
            [alt, 0, 0x61, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0], // keypad 9, then Alt up
        ]
        #expect(r.reports == key(0x1E) + altCode + key(0x1F))
        #expect(r.untypable == 0)
    }

    @Test func euroOnTheUSLayoutIsSkippedOrTypedAsAlt0128() {
        #expect(typed("€").reports.isEmpty)
        #expect(typed("€").untypable == 1)
        let r = typed("€", untypable: .altNumpad)
        #expect(r.reports.filter { $0[2] != 0 }.map { $0[2] } == [0x62, 0x59, 0x5A, 0x60]) // 0 1 2 8
        #expect(r.reports.last == [0, 0, 0, 0, 0, 0, 0, 0])
        // Outside Windows-1252 there is no Alt code: skipped even so.
        #expect(typed("漢", untypable: .altNumpad).untypable == 1)
    }

    @Test func crLfIsOneEnterAndTabIsTab() {
        #expect(typed("A\r\nB\n\t").reports == key(0x04, shift) + key(0x28) + key(0x05, shift) + key(0x28) + key(0x2B))
        #expect(typed("\r\r").reports == key(0x28) + key(0x28))
    }

    @Test func bytesThatAreNotUTF8AreUntypable() {
        let device = FakeHIDDevice()
        let wedge = makeWedge(device)
        try? wedge.open()
        #expect(wedge.send(bytes: [0x31, 0xFF, 0xC3, 0x32]) == .queued)
        wedge.service(nowNanoseconds: monotonicNow())
        #expect(device.reports == key(0x1E) + key(0x1F))
        #expect(wedge.keyboard.untypableCharacters == 2)
    }

    @Test func capsLockAtTheHostInvertsShiftForLettersOnly() {
        let device = FakeHIDDevice()
        device.hostReports = [[0x02]] // LED report: Caps Lock on
        let wedge = makeWedge(device)
        try? wedge.open()
        wedge.send("aA1!")
        wedge.service(nowNanoseconds: monotonicNow())
        #expect(wedge.capsLock)
        #expect(device.reports == key(0x04, shift) + key(0x04) + key(0x1E) + key(0x1E, shift))
    }

    @Test func theReportDescriptorIsTheBootKeyboardOne() {
        let d = HIDKeyboardReport.descriptor
        #expect(d.count == 63)
        #expect(Array(d.prefix(6)) == [0x05, 0x01, 0x09, 0x06, 0xA1, 0x01]) // Generic Desktop, Keyboard, Application
        #expect(d.last == 0xC0)
    }
}
