import Glibc

/// A hardware PWM channel through the kernel's sysfs interface (`/sys/class/pwm/pwmchipN/pwmM`),
/// making a passive buzzer's tone without a thread: the PWM block keeps the square wave going, and a
/// beep is one write to `enable`.
///
/// At start-up the channel is exported if it is not yet (and unexported again by `close()`), disabled,
/// and given its period (1 s / f) and a 50 % duty cycle (`duty_cycle` is set to 0 first, so that a
/// shorter period than the one left behind is never refused for being below the duty cycle). Writing
/// attributes is device control, not storage: every attribute is opened `O_WRONLY` on the file the
/// kernel made (never `O_CREAT`). `enable` stays open; `set(on:)` is one `pwrite` of one byte.
///
/// The sysfs root can be another directory, for tests: a temporary tree of plain files stands in.
public final class SysfsPWMChannel {
    public static let defaultRoot = "/sys/class/pwm"

    public let spec: PWMChannelSpec
    /// `ROOT/pwmchipN` (the chip's directory, found by number or by device name).
    public let chipPath: String
    /// `ROOT/pwmchipN/pwmM`.
    public let channelPath: String
    public let periodNanoseconds: Int
    /// This process exported the channel (and unexports it in `close()`).
    public let exportedHere: Bool
    private var enableFD: Int32
    /// `enable` writes that failed after start-up.
    public private(set) var failedWrites = 0

    /// Sets the channel up at `frequencyHz` (1 Hz to 1 MHz), disabled. `exportWaitMilliseconds`: how long
    /// the channel directory may take to appear (udev gives it its group) after `export`.
    public init(spec: PWMChannelSpec, frequencyHz: Int, root: String = defaultRoot,
                exportWaitMilliseconds: Int = 2000) throws(BuzzerError) {
        guard frequencyHz >= 1, frequencyHz <= 1_000_000 else {
            throw BuzzerError("PWM \(spec): \(frequencyHz) Hz is outside 1 Hz to 1 MHz")
        }
        self.spec = spec
        let chipPath = try Self.findChip(spec, root: root)
        let channelPath = chipPath + "/pwm\(spec.channel)"
        self.chipPath = chipPath
        self.channelPath = channelPath
        periodNanoseconds = 1_000_000_000 / frequencyHz
        let what = "PWM \(spec) (\(channelPath))"

        if let count = Self.readNumber(chipPath + "/npwm"), spec.channel >= count {
            throw BuzzerError("\(what): chip \(chipPath) has channels pwm0 to pwm\(count - 1)")
        }
        var exported = false
        if !Self.isDirectory(channelPath) {
            let e = Self.writeAttribute(chipPath + "/export", String(spec.channel))
            if e != 0 {
                throw BuzzerError("\(what): cannot export the channel (\(chipPath)/export): \(Self.reason(e))"
                    + (e == EBUSY ? " (a kernel driver holds it: audio, a fan?)" : ""))
            }
            exported = true
        }
        exportedHere = exported
        // After an export the kernel makes the directory at once, udev changes its group a little later.
        var fd: Int32 = -1
        let deadline = MonotonicNanos.now() &+ UInt64(max(0, exportWaitMilliseconds)) &* 1_000_000
        while true {
            fd = retrying { open(channelPath + "/enable", O_WRONLY | O_CLOEXEC) }
            if fd >= 0 || MonotonicNanos.now() >= deadline || !(fd == -ENOENT || fd == -EACCES) { break }
            var pause = timespec(tv_sec: 0, tv_nsec: 10_000_000)
            _ = nanosleep(&pause, nil)
        }
        guard fd >= 0 else {
            if exported { _ = Self.writeAttribute(chipPath + "/unexport", String(spec.channel)) }
            throw BuzzerError("\(what): cannot open \(channelPath)/enable: \(Self.reason(-fd))\(Self.advice(-fd))")
        }
        enableFD = fd
        let steps: [(String, String)] = [("enable", "0"), ("duty_cycle", "0"), ("period", String(periodNanoseconds)),
                                         ("duty_cycle", String(periodNanoseconds / 2))]
        for (attribute, value) in steps {
            let e = attribute == "enable" ? writeEnable(value == "1") : Self.writeAttribute(channelPath + "/" + attribute, value)
            if e != 0 {
                close()
                throw BuzzerError("\(what): cannot write \(value) to \(attribute): \(Self.reason(e))"
                    + (attribute == "period" && e == EINVAL ? " (the chip cannot make \(frequencyHz) Hz)" : Self.advice(e)))
            }
        }
    }

    deinit { close() }

    /// Starts (`true`) or stops the square wave: one write, nothing allocated. Failures are counted.
    public func set(on: Bool) {
        guard enableFD >= 0 else { return }
        if writeEnable(on) != 0 { failedWrites &+= 1 }
    }

    /// Disables the channel, closes `enable`, and unexports the channel if this process exported it.
    /// Safe to call more than once.
    public func close() {
        guard enableFD >= 0 else { return }
        if writeEnable(false) != 0 { failedWrites &+= 1 }
        _ = Glibc.close(enableFD)
        enableFD = -1
        if exportedHere { _ = Self.writeAttribute(chipPath + "/unexport", String(spec.channel)) }
    }

    /// 0 or an errno.
    private func writeEnable(_ on: Bool) -> Int32 {
        var byte: UInt8 = on ? 0x31 : 0x30
        let n = retryingSize { pwrite(enableFD, &byte, 1, 0) }
        return n == 1 ? 0 : n < 0 ? Int32(-n) : EIO
    }

    // MARK: Start-up file operations (they allocate; not on the beep path)

    /// The chip's directory: `ROOT/pwmchipN`, or the `pwmchip*` whose `device` link ends in the name.
    static func findChip(_ spec: PWMChannelSpec, root: String) throws(BuzzerError) -> String {
        let chips = chipNames(root: root)
        if spec.namesChipDirectory, isDirectory(root + "/" + spec.chip) { return root + "/" + spec.chip }
        if !spec.namesChipDirectory, let found = chips.first(where: { $0.device == spec.chip }) {
            return root + "/" + found.name
        }
        let present = chips.isEmpty ? "there is none"
            : "there are " + chips.map { $0.device.isEmpty ? $0.name : "\($0.name) (\($0.device))" }.joined(separator: ", ")
        throw BuzzerError("PWM \(spec): no PWM chip \(spec.chip) in \(root) (\(present)); enable the PWM in "
            + "/boot/firmware/config.txt, e.g. dtoverlay=pwm,pin=18,func=2 for GPIO18, reboot, and name the chip "
            + "as `ls -l \(root)` shows it (Board/README.md)")
    }

    /// The PWM chips under `root`, for `lumascan devices`: directory name, device name ("" when the
    /// chip has no `device` link), number of channels (0 when unreadable).
    public static func chips(root: String = defaultRoot) -> [(name: String, device: String, channels: Int)] {
        chipNames(root: root).map { ($0.name, $0.device, readNumber(root + "/" + $0.name + "/npwm") ?? 0) }
    }

    /// `pwmchip*` entries of the root with the device their `device` link names ("" when none).
    static func chipNames(root: String) -> [(name: String, device: String)] {
        guard let dir = opendir(root) else { return [] }
        defer { closedir(dir) }
        var out: [(String, String)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: CChar.self))
            }
            guard name.hasPrefix("pwmchip") else { continue }
            var link = [CChar](repeating: 0, count: 512)
            let n = readlink(root + "/" + name + "/device", &link, 511)
            let device = n > 0 ? String(decoding: link[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
            out.append((name, device.split(separator: "/").last.map(String.init) ?? ""))
        }
        return out.sorted { $0.0.count == $1.0.count ? $0.0 < $1.0 : $0.0.count < $1.0.count }
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    static func readNumber(_ path: String) -> Int? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = Glibc.close(fd) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        return Int(String(decoding: buffer[0..<n], as: UTF8.self).filter { $0.isNumber })
    }

    /// Writes `value` to an existing attribute in one write(2) (`O_TRUNC` matters only to a plain-file
    /// stand-in; sysfs ignores it). 0 or an errno.
    static func writeAttribute(_ path: String, _ value: String) -> Int32 {
        let fd = retrying { open(path, O_WRONLY | O_TRUNC | O_CLOEXEC) }
        guard fd >= 0 else { return -fd }
        defer { _ = Glibc.close(fd) }
        let bytes = Array(value.utf8)
        let n = bytes.withUnsafeBytes { b in retryingSize { write(fd, b.baseAddress, b.count) } }
        return n == bytes.count ? 0 : n < 0 ? Int32(-n) : EIO
    }

    static func reason(_ e: Int32) -> String { String(cString: strerror(e)) }

    static func advice(_ e: Int32) -> String {
        e == EACCES || e == EPERM
            ? " (run as root, or let a udev rule give group gpio write access to /sys/class/pwm: Board/README.md)" : ""
    }
}
