import Glibc

/// Why a USB gadget could not be set up or removed: the step, the file and the reason, and what to do.
public struct GadgetError: Error, CustomStringConvertible, Equatable {
    public enum Step: Equatable, Sendable {
        case noConfigfs(String)
        case noUDC(String)
        case severalUDCs([String])
        case noSuchUDC(String, available: [String])
        case make(String, function: GadgetDescription.Function?)
        case write(String, String)
        case link(String)
        case bind(String)
        case unbind
        case remove(String)
    }

    public let step: Step
    /// 0 when the step did not fail in a system call.
    public let errno: Int32

    public init(_ step: Step, errno: Int32 = 0) {
        self.step = step
        self.errno = errno
    }

    public var description: String {
        let reason = errno == 0 ? "" : String(cString: strerror(errno))
        let permission = errno == EACCES || errno == EPERM
            ? " (setting up a USB gadget needs root: run `lumascan usb-gadget up` as root, e.g. in its own systemd "
                + "unit, and set [usb] gadget = \"external\")" : ""
        switch step {
        case .noConfigfs(let root):
            return "no USB gadget support at \(root): load libcomposite (`modprobe libcomposite`, or list it in "
                + "/etc/modules) and mount configfs (`mount -t configfs none /sys/kernel/config`)"
        case .noUDC(let dir):
            return "no USB device controller in \(dir): this board's USB device (OTG) port is not enabled; on a "
                + "Raspberry Pi Zero, 4 or 5 add dtoverlay=dwc2 to config.txt and modules-load=dwc2 to cmdline.txt, "
                + "then reboot (see Board/)"
        case .severalUDCs(let names):
            return "several USB device controllers (\(names.joined(separator: ", "))): set [usb] udc to one of them"
        case .noSuchUDC(let name, let available):
            return "USB device controller \"\(name)\" not found in /sys/class/udc; available: "
                + (available.isEmpty ? "none" : available.joined(separator: ", "))
        case .make(let path, let function):
            let module = function.map {
                errno == ENOENT ? " (the kernel has no \($0 == .keyboard ? "usb_f_hid" : "usb_f_acm") module)" : ""
            } ?? ""
            return "cannot create \(path): \(reason)\(module)\(permission)"
        case .write(let path, let value):
            return "cannot write \(value.count > 40 ? "the report descriptor" : "\"\(value)\"") to \(path): \(reason)\(permission)"
        case .link(let function):
            return "cannot link function \(function) into the gadget's configuration: \(reason)\(permission)"
        case .bind(let udc):
            let busy = errno == EBUSY ? " (another gadget is bound to it: see /sys/kernel/config/usb_gadget/*/UDC)" : ""
            return "cannot bind the USB gadget to \(udc): \(reason)\(busy)\(permission)"
        case .unbind:
            return "cannot unbind the USB gadget: \(reason)\(permission)"
        case .remove(let path):
            return "cannot remove \(path): \(reason)\(permission)"
        }
    }
}
