/// Builds and removes a USB gadget through configfs (`/sys/kernel/config/usb_gadget`), the kernel's
/// interface for USB device mode (libcomposite): a directory per gadget with its ids and strings, a
/// configuration, the functions (HID keyboard, CDC-ACM serial) linked into it, and the name of the
/// board's USB device controller (UDC, from `/sys/class/udc`) written to `UDC` to connect it.
///
/// `up` is all or nothing: when a step fails, what was made is removed again and the error says which
/// step, which file and why, with what to do about it. `down` removes whatever a gadget of that name
/// has, in the order configfs requires (unbind, unlink functions, configuration, functions, strings).
public struct ConfigfsGadget: Sendable {
    public static let defaultRoot = "/sys/kernel/config/usb_gadget"
    public static let defaultUDCClass = "/sys/class/udc"

    public let root: String
    public let udcClass: String
    public let fs: GadgetFileSystem

    public init(root: String = ConfigfsGadget.defaultRoot, udcClass: String = ConfigfsGadget.defaultUDCClass,
                fs: GadgetFileSystem = .linux) {
        self.root = root
        self.udcClass = udcClass
        self.fs = fs
    }

    public func directory(_ name: String) -> String { root + "/" + name }

    /// Whether a gadget of this name exists, and the UDC it is bound to ("" when not bound).
    public func state(_ name: String) -> (exists: Bool, udc: String) {
        let dir = directory(name)
        guard fs.kind(dir) == .directory else { return (false, "") }
        let udc = (try? fs.readAttribute(dir + "/UDC").get()).map(Self.trimmed) ?? ""
        return (true, udc)
    }

    /// The UDC to bind to: `requested` when given (it must exist), else the only one there is.
    public func findUDC(requested: String = "") throws(GadgetError) -> String {
        let available = fs.list(udcClass) ?? []
        if !requested.isEmpty {
            guard available.contains(requested) else {
                throw GadgetError(.noSuchUDC(requested, available: available))
            }
            return requested
        }
        guard let only = available.first else { throw GadgetError(.noUDC(udcClass)) }
        guard available.count == 1 else { throw GadgetError(.severalUDCs(available)) }
        return only
    }

    /// Creates the gadget and binds it to the UDC named `udc` ("": the only one there is). A gadget of
    /// the same name is removed first. Returns the UDC and the functions' device nodes.
    @discardableResult
    public func up(_ d: GadgetDescription, udc requested: String = "") throws(GadgetError) -> (udc: String, devices: GadgetDevices) {
        guard fs.kind(root) == .directory else { throw GadgetError(.noConfigfs(root)) }
        let udc = try findUDC(requested: requested)
        if state(d.name).exists { try down(d.name) }
        do {
            try build(d)
            try write(directory(d.name) + "/UDC", Array(udc.utf8), step: .bind(udc))
        } catch {
            try? down(d.name)
            throw error
        }
        return (udc, devices(d))
    }

    /// Unbinds and removes the gadget `name`; nothing to do when it does not exist.
    public func down(_ name: String) throws(GadgetError) {
        let dir = directory(name)
        guard fs.kind(dir) == .directory else { return }
        if !state(name).udc.isEmpty { try write(dir + "/UDC", [0x0A], step: .unbind) }
        for config in fs.list(dir + "/configs") ?? [] {
            let c = dir + "/configs/" + config
            for entry in fs.list(c) ?? [] where fs.kind(c + "/" + entry) == .symlink {
                try check(fs.unlink(c + "/" + entry), .remove(c + "/" + entry))
            }
            try removeChildren(c + "/strings")
            try check(fs.removeDirectory(c), .remove(c))
        }
        for entry in fs.list(dir + "/os_desc") ?? [] where fs.kind(dir + "/os_desc/" + entry) == .symlink {
            try check(fs.unlink(dir + "/os_desc/" + entry), .remove(dir + "/os_desc/" + entry))
        }
        try removeChildren(dir + "/functions")
        try removeChildren(dir + "/strings")
        try check(fs.removeDirectory(dir), .remove(dir))
    }

    /// The device nodes of the gadget's functions: `/dev/hidgN` from the HID function's `dev` (major:minor)
    /// and `/dev/ttyGSN` from the ACM function's `port_num`; nil for functions it does not have.
    public func devices(_ d: GadgetDescription) -> GadgetDevices {
        let functions = directory(d.name) + "/functions/"
        var result = GadgetDevices()
        if d.functions.contains(.keyboard),
           let dev = try? fs.readAttribute(functions + GadgetDescription.Function.keyboard.directory + "/dev").get(),
           let minor = Self.trimmed(dev).split(separator: ":").last.flatMap({ Int($0) }) {
            result.keyboard = "/dev/hidg\(minor)"
        }
        if d.functions.contains(.serial),
           let port = try? fs.readAttribute(functions + GadgetDescription.Function.serial.directory + "/port_num").get(),
           let n = Int(Self.trimmed(port)) {
            result.serial = "/dev/ttyGS\(n)"
        }
        return result
    }

    // MARK: Steps

    private func build(_ d: GadgetDescription) throws(GadgetError) {
        let g = directory(d.name)
        try make(g)
        try write(g + "/idVendor", Self.hex(d.vendorID))
        try write(g + "/idProduct", Self.hex(d.productID))
        try write(g + "/bcdDevice", Self.hex(d.deviceRelease))
        try write(g + "/bcdUSB", Self.hex(0x0200))
        // Miscellaneous / common class / Interface Association: lets Windows bind the CDC-ACM pair of
        // interfaces of a composite device to its serial driver.
        try write(g + "/bDeviceClass", Array("0xef".utf8))
        try write(g + "/bDeviceSubClass", Array("0x02".utf8))
        try write(g + "/bDeviceProtocol", Array("0x01".utf8))
        try make(g + "/strings/0x409")
        try write(g + "/strings/0x409/manufacturer", Array(d.manufacturer.utf8))
        try write(g + "/strings/0x409/product", Array(d.product.utf8))
        try write(g + "/strings/0x409/serialnumber", Array(d.serialNumber.utf8))
        let c = g + "/configs/c.1"
        try make(c)
        try write(c + "/MaxPower", Array(String(d.maxPowerMilliamperes).utf8))
        try write(c + "/bmAttributes", Array("0x80".utf8)) // bus-powered
        try make(c + "/strings/0x409")
        try write(c + "/strings/0x409/configuration", Array(d.functions.map(\.rawValue).joined(separator: "+").utf8))
        for function in d.functions {
            let f = g + "/functions/" + function.directory
            try make(f, function: function)
            if function == .keyboard {
                try write(f + "/protocol", Array("1".utf8)) // boot protocol: keyboard
                try write(f + "/subclass", Array("1".utf8)) // boot interface subclass
                try write(f + "/report_length", Array(String(HIDKeyboardReport.length).utf8))
                try write(f + "/report_desc", HIDKeyboardReport.descriptor)
            }
            try check(fs.symlink(f, c + "/" + function.directory), .link(function.directory))
        }
    }

    private func make(_ path: String, function: GadgetDescription.Function? = nil) throws(GadgetError) {
        let r = fs.makeDirectory(path)
        if r != 0 { throw GadgetError(.make(path, function: function), errno: -r) }
    }

    private func write(_ path: String, _ bytes: [UInt8], step: GadgetError.Step? = nil) throws(GadgetError) {
        let r = fs.writeAttribute(path, bytes)
        if r != 0 { throw GadgetError(step ?? .write(path, String(decoding: bytes, as: UTF8.self)), errno: -r) }
    }

    private func check(_ r: Int32, _ step: GadgetError.Step) throws(GadgetError) {
        if r != 0 { throw GadgetError(step, errno: -r) }
    }

    private func removeChildren(_ dir: String) throws(GadgetError) {
        for entry in fs.list(dir) ?? [] where fs.kind(dir + "/" + entry) == .directory {
            try check(fs.removeDirectory(dir + "/" + entry), .remove(dir + "/" + entry))
        }
    }

    static func hex(_ v: UInt16) -> [UInt8] {
        let digits = String(v, radix: 16)
        return Array(("0x" + String(repeating: "0", count: 4 - digits.count) + digits).utf8)
    }

    static func trimmed(_ bytes: [UInt8]) -> String {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x20 || bytes[end - 1] == 0 { end -= 1 }
        return String(decoding: bytes[0..<end], as: UTF8.self)
    }
}

/// The device nodes a gadget's functions appear as on the board.
public struct GadgetDevices: Equatable, Sendable {
    public var keyboard: String?
    public var serial: String?

    public init(keyboard: String? = nil, serial: String? = nil) {
        self.keyboard = keyboard
        self.serial = serial
    }
}
