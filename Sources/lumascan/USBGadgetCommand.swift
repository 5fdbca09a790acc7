import ArgumentParser
import Hardware
import Runtime

/// `lumascan usb-gadget up|down|status`: the configfs USB gadget as a separate step, for systems that
/// set it up in its own (root) unit and run the scanner with `[usb] gadget = "external"`.
struct USBGadgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usb-gadget",
        abstract: "Set up or remove the USB gadget (keyboard, serial) the [usb] table describes.",
        discussion: """
        up: creates /sys/kernel/config/usb_gadget/NAME with the ids, strings and functions of [usb] \
        (an HID boot keyboard, a CDC-ACM serial port) and binds it to the board's USB device controller \
        (the only one in /sys/class/udc, or [usb] udc); a gadget of the same name is replaced. Prints \
        the device nodes (/dev/hidgN, /dev/ttyGSN). Needs root, libcomposite, and on a Raspberry Pi \
        dtoverlay=dwc2 (see Board/). down: unbinds and removes it. status: shows what is there.

        Exit status: 0 done; 6 configuration error; 7 the gadget could not be set up or removed.
        """
    )

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case up, down, status
    }

    @Argument(help: "up, down or status.")
    var action: Action

    @Option(name: .long, help: "Configuration file (default: /etc/lumascan/lumascan.toml if it exists).")
    var config: String?

    @Option(name: .long, help: "Functions to offer, overriding [usb] functions (e.g. keyboard,serial).")
    var functions: String?

    func run() throws {
        var settings = try loadSettings()
        if let functions {
            var list: [GadgetDescription.Function] = []
            for name in functions.split(separator: ",") {
                guard let f = GadgetDescription.Function(rawValue: String(name)) else {
                    throw ValidationError("--functions: unknown function '\(name)'; allowed: keyboard, serial")
                }
                if !list.contains(f) { list.append(f) }
            }
            settings.functions = list
        }
        let gadget = ConfigfsGadget()
        let name = settings.description.name
        switch action {
        case .up:
            guard settings.isEnabled else {
                printError("no USB functions: set [usb] functions = [\"keyboard\", \"serial\"] or pass --functions")
                throw LumascanExit.configurationError
            }
            do {
                let (udc, devices) = try gadget.up(settings.gadgetDescription, udc: settings.udc)
                StandardStreams.out("gadget \(name) bound to \(udc)" + Self.describe(devices) + "\n")
            } catch {
                printError(error.description)
                throw LumascanExit.deviceUnavailable
            }
        case .down:
            do {
                try gadget.down(name)
            } catch {
                printError(error.description)
                throw LumascanExit.deviceUnavailable
            }
        case .status:
            let state = gadget.state(name)
            guard state.exists else {
                StandardStreams.out("gadget \(name): not set up\n")
                return
            }
            var all = settings.gadgetDescription
            all.functions = GadgetDescription.Function.allCases
            StandardStreams.out("gadget \(name): " + (state.udc.isEmpty ? "not bound" : "bound to \(state.udc)")
                + Self.describe(gadget.devices(all)) + "\n")
        }
    }

    private static func describe(_ d: GadgetDevices) -> String {
        var parts: [String] = []
        if let k = d.keyboard { parts.append("keyboard \(k)") }
        if let s = d.serial { parts.append("serial \(s)") }
        return parts.isEmpty ? "" : "; " + parts.joined(separator: ", ")
    }

    private func loadSettings() throws -> USBSettings {
        var path = config
        if path == nil, DecodeInputs.fileKind(ConfigLoader.defaultPath) != .missing { path = ConfigLoader.defaultPath }
        guard let path else { return USBSettings() }
        do {
            return try ConfigLoader.load(path: path).usb
        } catch {
            for e in error.errors { printError(e.description) }
            throw LumascanExit.configurationError
        }
    }
}
