import Hardware

/// USB device mode (the `[usb]` table): the gadget the board presents to a PC or PLC over its OTG port.
public struct USBSettings: Equatable, Sendable {
    /// Who makes the configfs gadget.
    public enum GadgetSetup: String, CaseIterable, Sendable {
        /// `lumascan run` makes it at start if it is not there (and removes it at exit if it made it).
        case auto
        /// Someone else did (`lumascan usb-gadget up` in its own unit, as root): only the devices are used.
        case external
    }

    /// The functions to offer; none: USB device mode off.
    public var functions: [GadgetDescription.Function] = []
    public var gadget = GadgetSetup.auto
    /// The UDC to bind ("": the only one in /sys/class/udc).
    public var udc = ""
    /// The gadget's configfs directory name and what it announces.
    public var description = GadgetDescription(functions: [])
    /// Device nodes; "" takes them from the gadget (`/dev/hidgN`, `/dev/ttyGSN`).
    public var keyboardDevice = ""
    public var serialDevice = ""

    public init() {}

    public var isEnabled: Bool { !functions.isEmpty }

    /// The gadget to make: the description with the configured functions.
    public var gadgetDescription: GadgetDescription {
        var d = description
        d.functions = functions
        return d
    }
}

/// The keyboard wedge (the `[keyboard]` table): how reads are typed on the host.
public struct KeyboardSettings: Equatable, Sendable {
    /// What is typed after each read (what handheld scanners are set to: Enter, sometimes Tab).
    public enum Suffix: String, CaseIterable, Sendable {
        case enter, tab, none

        public var bytes: [UInt8] {
            switch self {
            case .enter: [0x0D]
            case .tab: [0x09]
            case .none: []
            }
        }
    }

    /// The host's keyboard layout.
    public var layout = KeyboardLayout.Name.us
    /// Pause after each key, for hosts that lose keys typed fast (remote desktops, some terminals).
    public var keyDelayMilliseconds = 0
    public var prefix: [UInt8] = []
    public var suffix = Suffix.enter
    public var untypable = UntypablePolicy.skip
    /// Type the AIM symbology identifier (]Q1, ]E0, …) before each code.
    public var aimIdentifier = false
    /// Keys the typing queue holds; a read needing more is dropped and counted.
    public var queueKeys = 4096

    public init() {}

    /// Reads as the wedge types them: plain text, the `[output]` separator between codes.
    public func outputSettings(separator: [UInt8], payload: OutputSettings.Payload) -> OutputSettings {
        OutputSettings(format: .plain, aimIdentifier: aimIdentifier, prefix: prefix, suffix: suffix.bytes,
                       separator: separator, payload: payload)
    }
}
