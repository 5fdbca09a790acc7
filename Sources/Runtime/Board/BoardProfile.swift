import Hardware

/// What Lumascan needs to know about a board: where its GPIO header's chip is, which pins the default
/// wiring uses, which serial device the header UART is, the boot configuration that makes them work,
/// and whether it has a USB port that can act as a device (OTG) for the USB gadget outputs.
///
/// `board = "pi4"` in the configuration takes the chip, serial device and pins from here for every key
/// the file does not set. Board/README.md has the same tables with wiring diagrams.
public struct BoardProfile: Equatable, Sendable {
    /// The configuration name (`board = "pi4"`).
    public let key: String
    public let name: String
    /// Label of the header's GPIO chip ("" on a generic board: set `[gpio] chip`).
    public let gpioChipLabel: String
    public let serialDevice: String
    /// Default header pins by role (BCM GPIO numbers = line offsets on the header's chip).
    public let pins: [(role: String, gpio: Int, headerPin: Int)]
    /// The USB port that can be a USB device (gadget), or nil.
    public let usbDevicePort: String?
    /// Lines for `config.txt` (`/boot/firmware/config.txt` on Raspberry Pi OS bookworm and later).
    public let configTxt: [String]
    /// Words for the kernel command line (`cmdline.txt`), and words to remove from it.
    public let cmdlineAdd: [String]
    public let cmdlineRemove: [String]

    public static func == (a: BoardProfile, b: BoardProfile) -> Bool { a.key == b.key }

    /// The default wiring's pins: the same BCM numbers on every 40-pin Raspberry Pi header.
    static let piPins: [(role: String, gpio: Int, headerPin: Int)] = [
        ("good_read_line", 17, 11), ("no_read_line", 27, 13), ("status_line", 22, 15), ("buzzer_line", 23, 16),
        ("illumination_line", 24, 18), ("trigger_line", 25, 22), ("match_line", 5, 29),
    ]
    static let serialConsoleOff = ["console=serial0,115200"]
    static let gadget = ["dtoverlay=dwc2,dr_mode=peripheral"]

    public static let all: [BoardProfile] = [
        BoardProfile(key: "pi-zero-2w", name: "Raspberry Pi Zero 2 W", gpioChipLabel: "pinctrl-bcm2835",
                     serialDevice: "/dev/serial0", pins: piPins,
                     usbDevicePort: "the micro-USB port marked USB (not PWR IN)",
                     configTxt: ["enable_uart=1", "dtoverlay=disable-bt"] + gadget,
                     cmdlineAdd: ["modules-load=dwc2"], cmdlineRemove: serialConsoleOff),
        BoardProfile(key: "pi3b+", name: "Raspberry Pi 3 Model B+", gpioChipLabel: "pinctrl-bcm2835",
                     serialDevice: "/dev/serial0", pins: piPins, usbDevicePort: nil,
                     configTxt: ["enable_uart=1", "dtoverlay=disable-bt"],
                     cmdlineAdd: [], cmdlineRemove: serialConsoleOff),
        BoardProfile(key: "pi4", name: "Raspberry Pi 4 Model B", gpioChipLabel: "pinctrl-bcm2711",
                     serialDevice: "/dev/serial0", pins: piPins,
                     usbDevicePort: "the USB-C power port (power the board through the GPIO header or a powered hub)",
                     configTxt: ["enable_uart=1", "dtoverlay=disable-bt"] + gadget,
                     cmdlineAdd: ["modules-load=dwc2"], cmdlineRemove: serialConsoleOff),
        BoardProfile(key: "pi5", name: "Raspberry Pi 5", gpioChipLabel: "pinctrl-rp1",
                     serialDevice: "/dev/ttyAMA0", pins: piPins,
                     usbDevicePort: "the USB-C power port (the host must supply enough power, or power through the header)",
                     configTxt: ["dtoverlay=uart0-pi5"] + gadget,
                     cmdlineAdd: ["modules-load=dwc2"], cmdlineRemove: serialConsoleOff),
        BoardProfile(key: "generic", name: "Generic Linux board", gpioChipLabel: "", serialDevice: "/dev/ttyS0",
                     pins: [], usbDevicePort: nil, configTxt: [], cmdlineAdd: [], cmdlineRemove: []),
    ]

    public static func named(_ key: String) -> BoardProfile? { all.first { $0.key == key } }

    /// The default GPIO line for a `[gpio]` key on this board, if it has one.
    public func defaultLine(_ key: String) -> GPIOLineSpec? {
        pins.first { $0.role == key }.map { .offset($0.gpio) }
    }
}
