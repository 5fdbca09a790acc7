/// Camera controls from the configuration: exposure, gain, focus, and any other V4L2 control by name.
///
/// Applied at start-up and after every reconnect. A control the camera lacks, or a value outside its
/// range, is reported (once per start) and skipped: a replacement camera of another model must not stop
/// a line, but the integrator must see why the image looks different.
public struct CameraControls: Equatable, Sendable {
    /// How a control with an automatic mode is set.
    public enum Mode: String, CaseIterable, Sendable {
        /// Do not touch it (the camera keeps what it has).
        case leave
        case auto
        /// Fixed at the configured value.
        case manual
    }

    /// A control set by its V4L2 name as `v4l2-ctl --list-ctrls` prints it (`white_balance_automatic`).
    public struct Raw: Equatable, Sendable {
        public var name: String
        public var value: Int32

        public init(name: String, value: Int32) {
            self.name = name
            self.value = value
        }

        /// Parses `name=value` (spaces around either side allowed); nil when malformed.
        public init?(parsing text: String) {
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            let name = CameraControls.normalizedName(String(parts[0]))
            let valueText = parts[1].trimmingCharacters(in: " \t")
            guard !name.isEmpty, let value = Int32(valueText) else { return nil }
            self.init(name: name, value: value)
        }
    }

    public var exposureMode = Mode.leave
    /// Manual exposure in the camera's units (UVC `exposure_time_absolute`: 100 µs).
    public var exposure = 0
    /// Gain; -1 leaves it as the camera has it (a value turns automatic gain off where there is one).
    public var gain = -1
    public var focusMode = Mode.leave
    public var focus = 0
    public var raw: [Raw] = []

    public init() {}

    /// The name `v4l2-ctl` shows for a control whose driver name is `driverName`: lower case, every run
    /// of other characters as one `_`, none at either end ("Exposure Time, Absolute" →
    /// "exposure_time_absolute").
    public static func normalizedName(_ driverName: String) -> String {
        var out = ""
        var pendingSeparator = false
        for scalar in driverName.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingSeparator, !out.isEmpty { out.append("_") }
                pendingSeparator = false
                out.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                pendingSeparator = true
            }
        }
        return out
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}

/// A control a camera has, as VIDIOC_QUERYCTRL describes it.
public struct CameraControlInfo: Equatable, Sendable {
    public var id: UInt32
    /// Normalized name (see `CameraControls.normalizedName`).
    public var name: String
    public var minimum: Int32
    public var maximum: Int32
    public var isWritable: Bool

    public init(id: UInt32, name: String, minimum: Int32, maximum: Int32, isWritable: Bool = true) {
        self.id = id
        self.name = name
        self.minimum = minimum
        self.maximum = maximum
        self.isWritable = isWritable
    }
}

/// The control writes a configuration needs on one camera, and what cannot be done there. Pure.
public struct CameraControlPlan: Equatable, Sendable {
    public struct Write: Equatable, Sendable {
        public var id: UInt32
        public var name: String
        public var value: Int32

        public init(id: UInt32, name: String, value: Int32) {
            self.id = id
            self.name = name
            self.value = value
        }
    }

    public private(set) var writes: [Write] = []
    /// One line per control that is missing, read-only or out of range.
    public private(set) var problems: [String] = []

    /// Standard control ids (V4L2_CID_*), passed in so that this stays free of C headers.
    public struct Known: Sendable {
        public var exposureAuto: UInt32
        public var exposureAbsolute: UInt32
        public var exposure: UInt32
        public var gain: UInt32
        public var analogueGain: UInt32
        public var autoGain: UInt32
        public var focusAuto: UInt32
        public var focusAbsolute: UInt32
        /// `V4L2_EXPOSURE_MANUAL` and `V4L2_EXPOSURE_APERTURE_PRIORITY` (the automatic mode UVC cameras have).
        public var exposureManualValue: Int32
        public var exposureAutomaticValue: Int32

        public init(exposureAuto: UInt32, exposureAbsolute: UInt32, exposure: UInt32, gain: UInt32, analogueGain: UInt32,
                    autoGain: UInt32, focusAuto: UInt32, focusAbsolute: UInt32, exposureManualValue: Int32,
                    exposureAutomaticValue: Int32) {
            self.exposureAuto = exposureAuto
            self.exposureAbsolute = exposureAbsolute
            self.exposure = exposure
            self.gain = gain
            self.analogueGain = analogueGain
            self.autoGain = autoGain
            self.focusAuto = focusAuto
            self.focusAbsolute = focusAbsolute
            self.exposureManualValue = exposureManualValue
            self.exposureAutomaticValue = exposureAutomaticValue
        }
    }

    public init(_ c: CameraControls, available: [CameraControlInfo], known k: Known) {
        func byID(_ id: UInt32) -> CameraControlInfo? { available.first { $0.id == id } }
        func add(_ info: CameraControlInfo?, _ value: Int32, setting: String) {
            guard let info else {
                problems.append("\(setting): the camera has no such control")
                return
            }
            guard info.isWritable else {
                problems.append("\(setting): control \(info.name) is read-only on this camera")
                return
            }
            guard value >= info.minimum, value <= info.maximum else {
                problems.append("\(setting) = \(value): out of range for \(info.name) (\(info.minimum) to \(info.maximum))")
                return
            }
            writes.append(Write(id: info.id, name: info.name, value: value))
        }

        switch c.exposureMode {
        case .leave: break
        case .auto:
            // UVC cameras offer "aperture priority" (3) as their automatic mode, sensors "auto" (0).
            if let info = byID(k.exposureAuto) {
                let v = k.exposureAutomaticValue <= info.maximum ? k.exposureAutomaticValue : 0
                add(info, v, setting: "exposure_mode = auto")
            } else {
                add(nil, 0, setting: "exposure_mode = auto")
            }
        case .manual:
            if let info = byID(k.exposureAuto) { add(info, k.exposureManualValue, setting: "exposure_mode = manual") }
            add(byID(k.exposureAbsolute) ?? byID(k.exposure), Int32(clamping: c.exposure), setting: "exposure")
        }
        if c.gain >= 0 {
            if let info = byID(k.autoGain) { add(info, 0, setting: "gain (automatic gain off)") }
            add(byID(k.gain) ?? byID(k.analogueGain), Int32(clamping: c.gain), setting: "gain")
        }
        switch c.focusMode {
        case .leave: break
        case .auto: add(byID(k.focusAuto), 1, setting: "focus_mode = auto")
        case .manual:
            if let info = byID(k.focusAuto) { add(info, 0, setting: "focus_mode = manual") }
            add(byID(k.focusAbsolute), Int32(clamping: c.focus), setting: "focus")
        }
        for r in c.raw {
            guard let info = available.first(where: { $0.name == r.name }) else {
                let names = available.map(\.name).joined(separator: ", ")
                problems.append("controls \"\(r.name)=\(r.value)\": the camera has no control \(r.name) (it has: \(names))")
                continue
            }
            add(info, r.value, setting: "controls \"\(r.name)=\(r.value)\"")
        }
    }
}
