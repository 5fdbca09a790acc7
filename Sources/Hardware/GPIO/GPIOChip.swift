import CGPIOD
import Glibc

/// An open GPIO chip (libgpiod 1.6 or 2.x, whichever the build found), found by label or path.
///
/// Raspberry Pi boards are found by label, not number: the header's chip is `gpiochip0` on a Pi 4 but
/// `gpiochip4` on a Pi 5 with older kernels, while its label (`pinctrl-bcm2711`, `pinctrl-rp1`) is stable.
public final class GPIOChip {
    /// Labels of the Raspberry Pi header's chip, newest board first.
    public static let raspberryPiLabels = ["pinctrl-rp1", "pinctrl-bcm2712", "pinctrl-bcm2711", "pinctrl-bcm2835"]

    let handle: OpaquePointer
    public let path: String
    public let label: String
    public let name: String
    public let lineCount: Int

    /// The libgpiod API this build uses (1 or 2) and the library's version.
    public static var libraryDescription: String {
        "libgpiod \(String(cString: lumascan_gpio_library_version())) (API \(lumascan_gpio_api_major()).x)"
    }

    private init?(path: String) {
        guard let h = lumascan_gpio_chip_open(path) else { return nil }
        var label = [CChar](repeating: 0, count: 64), name = [CChar](repeating: 0, count: 64)
        var lines: UInt32 = 0
        guard lumascan_gpio_chip_describe(h, &label, &name, 64, &lines) == 0 else {
            lumascan_gpio_chip_close(h)
            return nil
        }
        handle = h
        self.path = path
        self.label = stringFromC(label)
        self.name = stringFromC(name)
        lineCount = Int(lines)
    }

    deinit { lumascan_gpio_chip_close(handle) }

    /// `/dev/gpiochip*` nodes in numeric order.
    public static func devicePaths() -> [String] {
        chipNodes().map { "/dev/" + $0 }
    }

    private static func chipNodes() -> [String] {
        guard let dir = opendir("/dev") else { return [] }
        defer { closedir(dir) }
        var names: [(Int, String)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix("gpiochip"), let n = Int(name.dropFirst(8)) { names.append((n, name)) }
        }
        return names.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Every chip that can be opened.
    public static func all() -> [GPIOChip] { devicePaths().compactMap { GPIOChip(path: $0) } }

    /// Opens the chip `spec` names: a path (`/dev/gpiochip0`), a device name (`gpiochip0`), a label
    /// (`pinctrl-bcm2711`), or "" for the Raspberry Pi header's chip.
    public static func open(_ spec: String) throws(GPIOError) -> GPIOChip {
        if spec.hasPrefix("/") || (spec.hasPrefix("gpiochip") && Int(spec.dropFirst(8)) != nil) {
            let path = spec.hasPrefix("/") ? spec : "/dev/" + spec
            if let chip = GPIOChip(path: path) { return chip }
            throw GPIOError("GPIO chip \(path): cannot open: \(String(cString: strerror(errno)))\(advice(errno))")
        }
        let chips = all()
        let wanted = spec.isEmpty ? raspberryPiLabels : [spec]
        for label in wanted {
            if let chip = chips.first(where: { $0.label == label }) { return chip }
        }
        let found = chips.isEmpty
            ? "no GPIO chip could be opened (\(devicePaths().isEmpty ? "no /dev/gpiochip*" : "permission denied? add the user to group gpio"))"
            : "chips found: " + chips.map { "\($0.name) \"\($0.label)\"" }.joined(separator: ", ")
        let what = spec.isEmpty ? "no Raspberry Pi GPIO chip (labels \(raspberryPiLabels.joined(separator: ", ")))"
                                : "no GPIO chip labelled \"\(spec)\""
        throw GPIOError("\(what); \(found); set [gpio] chip to a label or path")
    }

    static func advice(_ e: Int32) -> String {
        switch e {
        case EACCES: " (add the user to group gpio)"
        case ENOENT: " (`lumascan devices` lists the chips)"
        default: ""
        }
    }

    /// The offset of a configured line, checked against the chip.
    public func offset(of spec: GPIOLineSpec, role: String) throws(GPIOError) -> Int? {
        switch spec {
        case .none: return nil
        case .offset(let o):
            guard o < lineCount else {
                throw GPIOError("[gpio] \(role) = \(o): chip \(name) \"\(label)\" has lines 0 to \(lineCount - 1)")
            }
            return o
        case .name(let n):
            let o = lumascan_gpio_line_offset(handle, n)
            guard o >= 0 else {
                throw GPIOError("[gpio] \(role) = \"\(n)\": chip \(name) \"\(label)\" has no line of that name")
            }
            return Int(o)
        }
    }

    /// One line's name, consumer and state, for `lumascan devices`.
    public struct LineInfo: Equatable, Sendable {
        public var offset: Int
        public var name: String
        public var consumer: String
        public var isUsed: Bool
        public var isOutput: Bool
    }

    public func lines() -> [LineInfo] {
        var out: [LineInfo] = []
        var name = [CChar](repeating: 0, count: 64), consumer = [CChar](repeating: 0, count: 64)
        for o in 0..<lineCount {
            var used = false, output = false
            guard lumascan_gpio_line_describe(handle, UInt32(o), &name, &consumer, 64, &used, &output) == 0 else { continue }
            out.append(LineInfo(offset: o, name: stringFromC(name), consumer: stringFromC(consumer),
                                isUsed: used, isOutput: output))
        }
        return out
    }
}
