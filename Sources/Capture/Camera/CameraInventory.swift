import CV4L2
import Glibc

/// What a V4L2 device offers: formats, frame sizes, controls. Cold path (start-up, `lumascan devices`).
public enum CameraInventory {
    public struct Format: Equatable, Sendable {
        public var fourcc: FourCC
        public var emulated: Bool
        public var description: String
        /// Discrete sizes ("640x480"), or one range ("16x16 to 1920x1080").
        public var sizes: [String]
    }

    public struct Device: Equatable, Sendable {
        public var path: String
        public var driver: String
        public var card: String
        public var bus: String
        public var canCapture: Bool
        public var formats: [Format]
        public var controls: [CameraControlInfo]
    }

    /// Capture formats through libv4l2 (including the ones libv4lconvert emulates).
    public static func formats(fd: Int32) -> [Format] {
        var result: [Format] = []
        var index: UInt32 = 0
        var desc = [CChar](repeating: 0, count: 40)
        while index < 256 {
            var fourcc: UInt32 = 0, flags: UInt32 = 0
            guard lumascan_v4l2_enum_format(fd, index, &fourcc, &flags, &desc) == 0 else { break }
            result.append(Format(fourcc: FourCC(rawValue: fourcc), emulated: flags & lumascan_v4l2_fmt_flag_emulated() != 0,
                                 description: stringFromC(desc), sizes: sizes(fd: fd, fourcc: fourcc)))
            index += 1
        }
        return result
    }

    static func sizes(fd: Int32, fourcc: UInt32) -> [String] {
        var out: [String] = []
        var index: UInt32 = 0
        while index < 64 {
            var kind: UInt32 = 0, w: UInt32 = 0, h: UInt32 = 0, maxW: UInt32 = 0, maxH: UInt32 = 0
            guard lumascan_v4l2_enum_size(fd, fourcc, index, &kind, &w, &h, &maxW, &maxH) == 0 else { break }
            out.append(kind == 1 ? "\(w)x\(h)" : "\(w)x\(h) to \(maxW)x\(maxH)")
            if kind != 1 { break }
            index += 1
        }
        return out
    }

    /// Every control the device has (disabled ones left out), with names normalized as `v4l2-ctl` prints them.
    public static func controls(fd: Int32) -> [CameraControlInfo] {
        var out: [CameraControlInfo] = []
        var id: UInt32 = 0
        var name = [CChar](repeating: 0, count: 40)
        for _ in 0..<1024 {
            var found: UInt32 = 0, type: UInt32 = 0, minimum: Int32 = 0, maximum: Int32 = 0, step: Int32 = 0
            var def: Int32 = 0, flags: UInt32 = 0
            guard lumascan_v4l2_query_control(fd, id, 1, &found, &type, &minimum, &maximum, &step, &def, &flags, &name) == 0
            else { break }
            id = found
            // Control classes (type 6) are headings, not controls.
            if flags & lumascan_v4l2_ctrl_flag_disabled() != 0 || type == 6 { continue }
            let writable = flags & lumascan_v4l2_ctrl_flag_read_only() == 0 && [1, 2, 3, 9].contains(type)
            out.append(CameraControlInfo(id: found, name: CameraControls.normalizedName(stringFromC(name)),
                                         minimum: minimum, maximum: maximum, isWritable: writable))
        }
        return out
    }

    /// Describes the device at `path`, or nil when it cannot be opened.
    public static func describe(path: String) -> Device? {
        let fd = lumascan_v4l2_open(path)
        guard fd >= 0 else { return nil }
        defer { _ = lumascan_v4l2_close(fd) }
        var driver = [CChar](repeating: 0, count: 40), card = [CChar](repeating: 0, count: 40)
        var bus = [CChar](repeating: 0, count: 40)
        var caps: UInt32 = 0
        guard lumascan_v4l2_querycap(fd, &driver, &card, &bus, &caps) == 0 else { return nil }
        let capture = caps & lumascan_v4l2_cap_video_capture() != 0
        return Device(path: path, driver: stringFromC(driver), card: stringFromC(card), bus: stringFromC(bus),
                      canCapture: capture, formats: capture ? formats(fd: fd) : [], controls: capture ? controls(fd: fd) : [])
    }

    /// `/dev/video*` nodes, in numeric order.
    public static func videoNodes() -> [String] {
        DeviceDirectory.entries("/dev", prefix: "video").map { "/dev/" + $0 }
    }

    /// Persistent names under `/dev/v4l/by-id` with the node each points to.
    public static func persistentNames() -> [(name: String, target: String)] {
        DeviceDirectory.entries("/dev/v4l/by-id", prefix: "").map { name in
            (name, DeviceDirectory.resolvedLink("/dev/v4l/by-id/" + name) ?? "?")
        }
    }
}

/// Directory listing helpers for device discovery.
public enum DeviceDirectory {
    /// Names in `directory` starting with `prefix`, sorted so that `video10` comes after `video9`.
    public static func entries(_ directory: String, prefix: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix("."), name.count <= 2 { continue }
            if name.hasPrefix(prefix) { names.append(name) }
        }
        return names.sorted(by: naturalOrder)
    }

    /// Orders "video2" before "video10".
    public static func naturalOrder(_ a: String, _ b: String) -> Bool {
        let (pa, na) = split(a), (pb, nb) = split(b)
        return pa != pb ? pa < pb : (na != nb ? na < nb : a < b)
    }

    private static func split(_ s: String) -> (String, Int) {
        let digits = s.reversed().prefix { $0.isNumber }
        return (String(s.dropLast(digits.count)), Int(String(digits.reversed())) ?? -1)
    }

    /// Where a symbolic link finally points (absolute), or nil.
    public static func resolvedLink(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
