import Hardware

/// The `[usb]` and `[keyboard]` tables of the configuration.
extension ConfigLoader {
    static func bindUSB(_ b: ConfigBinder, _ c: inout ScannerConfiguration) {
        c.usb.functions = usbFunctions(b)
        c.usb.gadget = b.choice("usb", "gadget", default: c.usb.gadget)
        c.usb.udc = b.string("usb", "udc", default: c.usb.udc, maxBytes: 64)
        let d = c.usb.description
        c.usb.description.name = b.string("usb", "name", default: d.name, maxBytes: 64)
        if c.usb.description.name.isEmpty || c.usb.description.name.contains("/") || c.usb.description.name.hasPrefix(".") {
            b.fail("usb", "name", b.node("usb", "name"), "not a directory name",
                   allowed: "a non-empty name without \"/\" that does not start with \".\"")
            c.usb.description.name = d.name
        }
        c.usb.description.vendorID = UInt16(b.integer("usb", "vendor_id", default: Int(d.vendorID), range: 0...0xFFFF))
        c.usb.description.productID = UInt16(b.integer("usb", "product_id", default: Int(d.productID), range: 0...0xFFFF))
        c.usb.description.manufacturer = b.string("usb", "manufacturer", default: d.manufacturer, maxBytes: 126)
        c.usb.description.product = b.string("usb", "product", default: d.product, maxBytes: 126)
        c.usb.description.serialNumber = b.string("usb", "serial_number", default: d.serialNumber, maxBytes: 126)
        c.usb.description.maxPowerMilliamperes = b.integer("usb", "max_power_ma", default: d.maxPowerMilliamperes,
                                                           range: 2...500, unit: "mA")
        c.usb.keyboardDevice = b.string("usb", "keyboard_device", default: c.usb.keyboardDevice)
        c.usb.serialDevice = b.string("usb", "serial_device", default: c.usb.serialDevice)

        let k = c.keyboard
        c.keyboard.layout = b.choice("keyboard", "layout", default: k.layout)
        c.keyboard.keyDelayMilliseconds = b.integer("keyboard", "key_delay_ms", default: k.keyDelayMilliseconds,
                                                    range: 0...1000, unit: "milliseconds after each key")
        c.keyboard.prefix = b.bytes("keyboard", "prefix", maxBytes: 64) ?? k.prefix
        c.keyboard.suffix = b.choice("keyboard", "suffix", default: k.suffix)
        c.keyboard.untypable = b.choice("keyboard", "untypable", default: k.untypable)
        c.keyboard.aimIdentifier = b.boolean("keyboard", "aim", default: k.aimIdentifier)
        c.keyboard.queueKeys = b.integer("keyboard", "queue_keys", default: k.queueKeys, range: 64...1_048_576, unit: "keys")
    }

    /// `functions = ["keyboard", "serial"]`: each at most once.
    private static func usbFunctions(_ b: ConfigBinder) -> [GadgetDescription.Function] {
        guard let n = b.node("usb", "functions") else { return [] }
        let names = GadgetDescription.Function.allCases.map(\.rawValue)
        let allowed = "[], or a list of " + names.map { "\"\($0)\"" }.joined(separator: ", ")
        guard case .array(let items) = n.value else {
            b.fail("usb", "functions", n, "expected an array, found \(n.typeName)", allowed: allowed)
            return []
        }
        var result: [GadgetDescription.Function] = []
        for (i, item) in items.enumerated() {
            let key = "usb.functions[\(i)]"
            guard case .string(let s) = item.value, let f = GadgetDescription.Function(rawValue: s) else {
                let s: String? = if case .string(let s) = item.value { s } else { nil }
                b.fail(position: item.position, key: key, found: item.rendered, "not a USB function", allowed: allowed,
                       suggestion: s.flatMap { Suggestion.closest(to: $0, in: names) }.map { "\"\($0)\"" })
                continue
            }
            guard !result.contains(f) else {
                b.fail(position: item.position, key: key, found: item.rendered, "listed twice", allowed: allowed)
                continue
            }
            result.append(f)
        }
        return result
    }
}
