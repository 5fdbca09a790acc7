import Capture
import Testing

@Suite struct CameraControlTests {
    static let known = CameraControlPlan.Known(
        exposureAuto: 1, exposureAbsolute: 2, exposure: 3, gain: 4, analogueGain: 5, autoGain: 6, focusAuto: 7,
        focusAbsolute: 8, exposureManualValue: 1, exposureAutomaticValue: 3)
    /// A UVC webcam's controls.
    static let webcam = [
        CameraControlInfo(id: 1, name: "auto_exposure", minimum: 0, maximum: 3),
        CameraControlInfo(id: 2, name: "exposure_time_absolute", minimum: 3, maximum: 2047),
        CameraControlInfo(id: 4, name: "gain", minimum: 0, maximum: 255),
        CameraControlInfo(id: 7, name: "focus_automatic_continuous", minimum: 0, maximum: 1),
        CameraControlInfo(id: 8, name: "focus_absolute", minimum: 0, maximum: 250),
        CameraControlInfo(id: 20, name: "sharpness", minimum: 0, maximum: 7),
        CameraControlInfo(id: 21, name: "white_balance_temperature", minimum: 2000, maximum: 6500, isWritable: false),
    ]

    @Test func namesAreNormalizedAsV4l2CtlPrintsThem() {
        #expect(CameraControls.normalizedName("Exposure Time, Absolute") == "exposure_time_absolute")
        #expect(CameraControls.normalizedName("Focus, Automatic Continuous") == "focus_automatic_continuous")
        #expect(CameraControls.normalizedName("  Gain ") == "gain")
        #expect(CameraControls.normalizedName("Integer 32 Bits") == "integer_32_bits")
    }

    @Test func rawControlsParseNameEqualsValue() {
        #expect(CameraControls.Raw(parsing: "sharpness=3") == .init(name: "sharpness", value: 3))
        #expect(CameraControls.Raw(parsing: " Power Line Frequency = -1 ") == .init(name: "power_line_frequency", value: -1))
        #expect(CameraControls.Raw(parsing: "sharpness") == nil)
        #expect(CameraControls.Raw(parsing: "=3") == nil)
        #expect(CameraControls.Raw(parsing: "sharpness=high") == nil)
    }

    @Test func manualExposureTurnsAutoOffThenSetsTheTime() {
        var c = CameraControls()
        c.exposureMode = .manual
        c.exposure = 50
        let plan = CameraControlPlan(c, available: Self.webcam, known: Self.known)
        #expect(plan.writes.map(\.id) == [1, 2] && plan.writes.map(\.value) == [1, 50])
        #expect(plan.problems.isEmpty)
    }

    @Test func automaticExposureUsesAperturePriorityOnUVC() {
        var c = CameraControls()
        c.exposureMode = .auto
        let plan = CameraControlPlan(c, available: Self.webcam, known: Self.known)
        #expect(plan.writes == [.init(id: 1, name: "auto_exposure", value: 3)])
    }

    @Test func unsupportedAndOutOfRangeControlsAreReportedAndSkipped() {
        var c = CameraControls()
        c.gain = 300
        c.focusMode = .manual
        c.focus = 100
        c.raw = [.init(name: "sharpness", value: 3), .init(name: "zoom_absolute", value: 2),
                 .init(name: "white_balance_temperature", value: 4000)]
        let plan = CameraControlPlan(c, available: Self.webcam, known: Self.known)
        #expect(plan.writes.map(\.name) == ["focus_automatic_continuous", "focus_absolute", "sharpness"])
        #expect(plan.problems.count == 3)
        #expect(plan.problems[0] == "gain = 300: out of range for gain (0 to 255)")
        #expect(plan.problems[1].hasPrefix("controls \"zoom_absolute=2\": the camera has no control zoom_absolute (it has: auto_exposure,"))
        #expect(plan.problems[2] == "controls \"white_balance_temperature=4000\": control white_balance_temperature is read-only on this camera")
    }

    @Test func leaveTouchesNothing() {
        let plan = CameraControlPlan(CameraControls(), available: Self.webcam, known: Self.known)
        #expect(plan.writes.isEmpty && plan.problems.isEmpty)
    }

    @Test func aCameraWithoutFocusSaysSo() {
        var c = CameraControls()
        c.focusMode = .auto
        let plan = CameraControlPlan(c, available: [], known: Self.known)
        #expect(plan.problems == ["focus_mode = auto: the camera has no such control"])
    }
}
