import Hardware
import Runtime
import Testing

/// The `[usb]` and `[keyboard]` tables: values, defaults, and the exact errors for mistakes.
@Suite struct USBConfigTests {
    func parse(_ text: String) throws(ConfigErrors) -> ScannerConfiguration {
        try ConfigLoader.parse(Array(text.utf8), file: "t.toml")
    }

    func errors(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func defaultsLeaveUSBOffAndTypeOnUSWithEnter() throws {
        let c = try parse("")
        #expect(!c.usb.isEnabled)
        #expect(c.usb.gadget == .auto)
        #expect(c.usb.description.vendorID == 0x1D6B && c.usb.description.productID == 0x0104)
        #expect(c.keyboard.layout == .us && c.keyboard.suffix == .enter && c.keyboard.untypable == .skip)
        #expect(c.keyboard.keyDelayMilliseconds == 0)
    }

    @Test func everyKeyIsRead() throws {
        let c = try parse("""
            [usb]
            functions = ["keyboard", "serial"]
            gadget = "external"
            udc = "fe980000.usb"
            name = "scanner"
            vendor_id = 0x1209
            product_id = 0x0001
            manufacturer = "ACME"
            product = "R7"
            serial_number = "X1"
            max_power_ma = 100
            keyboard_device = "/dev/hidg1"
            serial_device = "/dev/ttyGS1"
            [keyboard]
            layout = "de"
            key_delay_ms = 5
            prefix = "#"
            suffix = "tab"
            untypable = "alt-numpad"
            aim = true
            queue_keys = 128
            """)
        #expect(c.usb.functions == [.keyboard, .serial])
        #expect(c.usb.gadget == .external && c.usb.udc == "fe980000.usb")
        let d = c.usb.gadgetDescription
        #expect(d == GadgetDescription(name: "scanner", vendorID: 0x1209, productID: 0x0001, manufacturer: "ACME", product: "R7",
                                       serialNumber: "X1", maxPowerMilliamperes: 100, functions: [.keyboard, .serial]))
        #expect(c.usb.keyboardDevice == "/dev/hidg1" && c.usb.serialDevice == "/dev/ttyGS1")
        #expect(c.keyboard.layout == .de && c.keyboard.keyDelayMilliseconds == 5 && c.keyboard.prefix == [0x23])
        #expect(c.keyboard.suffix == .tab && c.keyboard.untypable == .altNumpad && c.keyboard.aimIdentifier)
        #expect(c.keyboard.queueKeys == 128)
        // check-config prints it back in a form that reads the same.
        let again = try parse(ConfigPrinter.render(c))
        #expect(again.usb == c.usb && again.keyboard == c.keyboard)
    }

    @Test func mistakesAreReportedPrecisely() {
        #expect(errors("[usb]\nfunctions = [\"keybord\"]") == [
            "t.toml:2:14: usb.functions[0] = \"keybord\": not a USB function (did you mean \"keyboard\"?); allowed: [], or a list of \"keyboard\", \"serial\"",
        ])
        #expect(errors("[usb]\nfunctions = [\"serial\", \"serial\"]") == [
            "t.toml:2:24: usb.functions[1] = \"serial\": listed twice; allowed: [], or a list of \"keyboard\", \"serial\"",
        ])
        #expect(errors("[keyboard]\nlayout = \"fr\"").first?.contains("allowed: \"us\", \"de\"") == true)
        #expect(errors("[usb]\nvendor_id = 0x10000").first?.contains("out of range; allowed: 0 to 65535") == true)
        #expect(errors("[usb]\nname = \"a/b\"").first?.contains("not a directory name") == true)
        #expect(errors("[keyboard]\nsuffix = \"return\"").first?.contains("\"enter\", \"tab\", \"none\"") == true)
    }
}
