/// The USB HID boot keyboard: the report descriptor the gadget announces and the 8-byte input report
/// it sends (HID 1.11, appendix B.1; usages from the HID Usage Tables, page 0x07 "Keyboard/Keypad").
///
/// A boot keyboard is what every PC, BIOS and PLC panel understands without a driver: one modifier
/// byte, one reserved byte, six key usages. The wedge only ever presses one key at a time.
public enum HIDKeyboardReport {
    /// Bytes of one input report: modifiers, reserved, six key usages.
    public static let length = 8

    /// Modifier bits of byte 0 of a report.
    public enum Modifier {
        public static let leftControl: UInt8 = 0x01
        public static let leftShift: UInt8 = 0x02
        public static let leftAlt: UInt8 = 0x04
        public static let leftGUI: UInt8 = 0x08
        public static let rightControl: UInt8 = 0x10
        public static let rightShift: UInt8 = 0x20
        /// Right Alt: AltGr on European layouts.
        public static let rightAlt: UInt8 = 0x40
        public static let rightGUI: UInt8 = 0x80
    }

    /// Key usages the wedge types outside the layout tables.
    public enum Usage {
        public static let enter: UInt8 = 0x28
        public static let escape: UInt8 = 0x29
        public static let tab: UInt8 = 0x2B
        public static let space: UInt8 = 0x2C
        /// Keypad 1 … 9 are 0x59 … 0x61; keypad 0 is 0x62 (used for Alt+numpad codes).
        public static let keypad1: UInt8 = 0x59
        public static let keypad0: UInt8 = 0x62

        /// The keypad usage of a decimal digit 0 … 9.
        public static func keypad(digit: Int) -> UInt8 {
            digit == 0 ? keypad0 : keypad1 &+ UInt8(truncatingIfNeeded: digit - 1)
        }
    }

    /// The boot keyboard report descriptor (HID 1.11 appendix B.1): 8 modifier bits, a reserved byte,
    /// 5 LED output bits padded to a byte, and 6 key array bytes (usages 0 … 101). 63 bytes, written to
    /// the gadget function's `report_desc`.
    public static let descriptor: [UInt8] = [
        0x05, 0x01, // Usage Page (Generic Desktop)
        0x09, 0x06, // Usage (Keyboard)
        0xA1, 0x01, // Collection (Application)
        0x05, 0x07, //   Usage Page (Keyboard/Keypad)
        0x19, 0xE0, //   Usage Minimum (Left Control)
        0x29, 0xE7, //   Usage Maximum (Right GUI)
        0x15, 0x00, //   Logical Minimum (0)
        0x25, 0x01, //   Logical Maximum (1)
        0x75, 0x01, //   Report Size (1)
        0x95, 0x08, //   Report Count (8)
        0x81, 0x02, //   Input (Data, Variable, Absolute): modifier byte
        0x95, 0x01, //   Report Count (1)
        0x75, 0x08, //   Report Size (8)
        0x81, 0x01, //   Input (Constant): reserved byte
        0x95, 0x05, //   Report Count (5)
        0x75, 0x01, //   Report Size (1)
        0x05, 0x08, //   Usage Page (LEDs)
        0x19, 0x01, //   Usage Minimum (Num Lock)
        0x29, 0x05, //   Usage Maximum (Kana)
        0x91, 0x02, //   Output (Data, Variable, Absolute): LED report
        0x95, 0x01, //   Report Count (1)
        0x75, 0x03, //   Report Size (3)
        0x91, 0x01, //   Output (Constant): LED report padding
        0x95, 0x06, //   Report Count (6)
        0x75, 0x08, //   Report Size (8)
        0x15, 0x00, //   Logical Minimum (0)
        0x25, 0x65, //   Logical Maximum (101)
        0x05, 0x07, //   Usage Page (Keyboard/Keypad)
        0x19, 0x00, //   Usage Minimum (0)
        0x29, 0x65, //   Usage Maximum (101)
        0x81, 0x00, //   Input (Data, Array): key array
        0xC0,       // End Collection
    ]

    /// Writes the report for `modifiers` held and `usage` pressed (0: none) into 8 bytes at `out`.
    @inline(__always)
    public static func write(modifiers: UInt8, usage: UInt8, to out: UnsafeMutableRawPointer) {
        // Safe: callers pass a buffer of `length` bytes.
        out.storeBytes(of: modifiers, toByteOffset: 0, as: UInt8.self)
        out.storeBytes(of: 0, toByteOffset: 1, as: UInt8.self)
        out.storeBytes(of: usage, toByteOffset: 2, as: UInt8.self)
        for i in 3..<length { out.storeBytes(of: 0, toByteOffset: i, as: UInt8.self) }
    }
}
