import Capture
import Glibc
import Hardware

/// The USB side of a run: the configfs gadget made at start when the configuration asks for it and it
/// is not there yet (and removed at the end only if it was made here), and the device nodes of its
/// functions.
public final class USBGadgetSession {
    public let settings: USBSettings
    public let devices: GadgetDevices
    /// Whether this session made the gadget (and so removes it in `stop`).
    public let madeGadget: Bool
    private let gadget: ConfigfsGadget
    private var stopped = false

    /// How long to wait for `/dev/hidgN` and `/dev/ttyGSN` to appear after binding (udev may create them).
    public static let deviceWaitNanoseconds: UInt64 = 3_000_000_000

    private init(settings: USBSettings, devices: GadgetDevices, madeGadget: Bool, gadget: ConfigfsGadget) {
        self.settings = settings
        self.devices = devices
        self.madeGadget = madeGadget
        self.gadget = gadget
    }

    /// Brings the gadget up (`gadget = "auto"`) or finds its devices (`"external"`).
    public static func start(_ s: USBSettings, gadget: ConfigfsGadget = ConfigfsGadget(),
                             deviceWaitNanoseconds: UInt64 = USBGadgetSession.deviceWaitNanoseconds) throws(USBStartError)
        -> USBGadgetSession
    {
        let d = s.gadgetDescription
        var made = false
        var found = GadgetDevices()
        let state = gadget.state(d.name)
        if s.gadget == .auto, !(state.exists && !state.udc.isEmpty) {
            do {
                found = try gadget.up(d, udc: s.udc).devices
                made = true
            } catch {
                throw USBStartError(description: "USB gadget: " + error.description)
            }
        } else if state.exists {
            found = gadget.devices(d)
        }
        var devices = GadgetDevices()
        if s.functions.contains(.keyboard) {
            devices.keyboard = !s.keyboardDevice.isEmpty ? s.keyboardDevice : found.keyboard ?? "/dev/hidg0"
        }
        if s.functions.contains(.serial) {
            devices.serial = !s.serialDevice.isEmpty ? s.serialDevice : found.serial ?? "/dev/ttyGS0"
        }
        if state.exists, !made {
            let missing = s.functions.filter { ($0 == .keyboard ? found.keyboard : found.serial) == nil }
            if !missing.isEmpty, s.gadget == .auto {
                throw USBStartError(description: "USB gadget \(d.name) is already bound but has no "
                    + missing.map(\.rawValue).joined(separator: " or ") + " function: remove it with "
                    + "`lumascan usb-gadget down` (or change [usb] name)")
            }
        }
        let session = USBGadgetSession(settings: s, devices: devices, madeGadget: made, gadget: gadget)
        if made { session.waitForDevices(nanoseconds: deviceWaitNanoseconds) }
        return session
    }

    /// Removes the gadget if this session made it. Safe to call twice.
    public func stop() -> GadgetError? {
        guard madeGadget, !stopped else { return nil }
        stopped = true
        do {
            try gadget.down(settings.description.name)
            return nil
        } catch {
            return error
        }
    }

    /// One line for the start-up message.
    public var summary: String {
        var parts: [String] = []
        if let k = devices.keyboard { parts.append("keyboard \(k)") }
        if let s = devices.serial { parts.append("serial \(s)") }
        let how = madeGadget ? "gadget \(settings.description.name) set up" : "gadget \(settings.description.name)"
        return "USB " + parts.joined(separator: ", ") + " (\(how))"
    }

    private func waitForDevices(nanoseconds: UInt64) {
        let deadline = MonotonicClock.nanoseconds() &+ nanoseconds
        for path in [devices.keyboard, devices.serial].compactMap({ $0 }) {
            while access(path, F_OK) != 0, MonotonicClock.nanoseconds() < deadline { usleep(20_000) }
        }
    }
}

/// The USB gadget could not be set up, or its devices not opened.
public struct USBStartError: Error, CustomStringConvertible {
    public let description: String
}
