import Capture
import Hardware
import Runtime
import Testing

/// The `[camera]` and `[gpio]` keys that drive the real devices.
@Suite struct DeviceConfigTests {
    func parse(_ text: String) throws -> ScannerConfiguration {
        try ConfigLoader.parse(Array(text.utf8), file: "d.toml")
    }

    func error(_ text: String) -> String {
        do {
            _ = try ConfigLoader.parse(Array(text.utf8), file: "d.toml")
            return "no error"
        } catch {
            return error.errors.map(\.description).joined(separator: "\n")
        }
    }

    @Test func cameraKeysReachTheDriverSettings() throws {
        let c = try parse("""
        [camera]
        device = "usb-046d_HD_Pro_Webcam_C920-video-index0"
        pixel_format = "yuyv"
        buffers = 2
        exposure_mode = "manual"
        exposure = 80
        gain = 10
        focus_mode = "auto"
        controls = ["Sharpness = 3", "power_line_frequency=1"]
        reconnect_max_ms = 500
        frame_timeout_ms = 1500
        """)
        let s = c.source.camera.driverSettings
        #expect(s.device == "usb-046d_HD_Pro_Webcam_C920-video-index0" && s.pixelFormat == .yuyv && s.bufferCount == 2)
        #expect(s.controls.exposureMode == .manual && s.controls.exposure == 80 && s.controls.gain == 10)
        #expect(s.controls.focusMode == .auto)
        #expect(s.controls.raw == [.init(name: "sharpness", value: 3), .init(name: "power_line_frequency", value: 1)])
        #expect(s.reconnectMaxMilliseconds == 500 && s.frameTimeoutMilliseconds == 1500)
    }

    @Test func gpioLinesByOffsetOrByName() throws {
        let c = try parse("""
        [gpio]
        chip = "/dev/gpiochip0"
        good_read_line = "GPIO17"
        buzzer_line = 23
        trigger_line = "photo-eye"
        trigger_active_low = false
        trigger_bias = "pull-down"
        """)
        #expect(c.gpio.goodReadLine == .name("GPIO17") && c.gpio.buzzerLine == .offset(23) && c.gpio.noReadLine == .none)
        #expect(c.gpio.triggerLine == .name("photo-eye") && !c.gpio.triggerActiveLow && c.gpio.triggerBias == .pullDown)
        #expect(c.gpio.feedbackLines == [.goodRead: .name("GPIO17"), .buzzer: .offset(23)])
        #expect(c.effectiveFeedbackDriver == .gpio)
    }

    @Test func badDeviceValuesAreReportedPrecisely() {
        #expect(error("[gpio]\ngood_read_line = 2000\n") == "d.toml:2:18: gpio.good_read_line = 2000: not a GPIO line; "
            + "allowed: a line offset 0 to 1023, a line name such as \"GPIO17\", or -1 (not connected)")
        #expect(error("[gpio]\ntrigger_line = true\n") == "d.toml:2:16: gpio.trigger_line = true: expected an integer or a "
            + "string, found a boolean; allowed: a line offset 0 to 1023, a line name such as \"GPIO17\", or -1 (not connected)")
        #expect(error("[camera]\ncontrols = [\"sharpness\"]\n") == "d.toml:2:13: camera.controls[0] = \"sharpness\": not a "
            + "name=value control; allowed: an array of \"name=value\" strings with integer values, e.g. [\"sharpness=3\"]")
        #expect(error("[camera]\npixel_format = \"mjpeg\"\n") == "d.toml:2:16: camera.pixel_format = \"mjpeg\": not a known "
            + "value; allowed: \"auto\", \"grey\", \"yuv420\", \"nv12\", \"yuyv\"")
        #expect(error("[camera]\nbuffers = 1\n") == "d.toml:2:11: camera.buffers = 1: out of range; allowed: 2 to 8 (mmap buffers)")
        #expect(error("[gpio]\ntrigger_bias = \"up\"\n").contains("allowed: \"as-is\", \"disabled\", \"pull-up\", \"pull-down\""))
    }

    @Test func devicesKeysPrintAndReadBackTheSame() throws {
        let c = try parse("""
        [camera]
        controls = ["sharpness=3"]
        exposure_mode = "manual"
        [gpio]
        good_read_line = "GPIO17"
        status_line = 22
        """)
        let reread = try parse(ConfigPrinter.render(c))
        #expect(reread.source.camera == c.source.camera && reread.gpio == c.gpio)
    }
}

/// `board = …`: a profile fills in chip, pins and serial device; the file still wins.
@Suite struct BoardConfigTests {
    func parse(_ text: String) throws -> ScannerConfiguration {
        try ConfigLoader.parse(Array(text.utf8), file: "b.toml")
    }

    @Test func aBoardGivesChipPinsAndSerialDevice() throws {
        let c = try parse("board = \"pi5\"\n")
        #expect(c.gpio.chip == "pinctrl-rp1" && c.serial.device == "/dev/ttyAMA0")
        #expect(c.gpio.goodReadLine == .offset(17) && c.gpio.buzzerLine == .offset(23) && c.gpio.triggerLine == .offset(25))
        #expect(c.effectiveFeedbackDriver == .gpio)
    }

    @Test func theFileWinsOverTheBoard() throws {
        let c = try parse("board = \"pi4\"\n[serial]\ndevice = \"/dev/ttyUSB0\"\n[gpio]\ngood_read_line = 6\ntrigger_line = -1\n")
        #expect(c.gpio.chip == "pinctrl-bcm2711" && c.serial.device == "/dev/ttyUSB0")
        #expect(c.gpio.goodReadLine == .offset(6) && c.gpio.triggerLine == .none && c.gpio.noReadLine == .offset(27))
    }

    @Test func anUnknownBoardIsAnErrorWithASuggestion() {
        do {
            _ = try ConfigLoader.parse(Array("board = \"pi 4\"\n".utf8), file: "b.toml")
            Issue.record("no error")
        } catch {
            #expect(error.errors.map(\.description) == ["b.toml:1:9: board = \"pi 4\": not a known board (did you mean "
                + "\"pi4\"?); allowed: \"\", \"pi-zero-2w\", \"pi3b+\", \"pi4\", \"pi5\", \"generic\""])
        }
    }

    @Test func onlyBoardsWithAnOTGPortOfferTheUSBGadget() {
        let otg = BoardProfile.all.filter { $0.usbDevicePort != nil }.map(\.key)
        #expect(otg == ["pi-zero-2w", "pi4", "pi5"])
        for key in otg { #expect(BoardProfile.named(key)!.cmdlineAdd == ["modules-load=dwc2"]) }
        #expect(BoardReport.render(BoardProfile.named("pi5")!).contains("dtoverlay=uart0-pi5"))
    }
}
