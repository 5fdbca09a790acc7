import Capture
import Hardware
import Imaging
import Symbols

/// Everything `lumascan run` is configured with: the parsed `lumascan.toml` with defaults filled in
/// and command-line overrides applied. Plain values; the loop's buffers are sized from them at start.
public struct ScannerConfiguration: Equatable, Sendable {
    /// The board profile whose chip, serial device and pins fill in what the file leaves out ("" none).
    public var board = ""
    public var source: SourceSettings
    public var decode: DecodeSettings
    public var scan: ScanSettings
    public var commands: CommandSettings
    public var match: MatchSettings
    public var output: OutputSettings
    public var serial: LinkSettings
    public var feedback: FeedbackSettings
    public var feedbackDriver: FeedbackDriver
    /// Active or passive buzzer, and a passive one's tone (`[feedback] buzzer_kind`, `buzzer_hz`).
    public var buzzer = BuzzerSettings()
    public var gpio: GPIOSettings
    /// USB device mode: the gadget and its keyboard wedge (`[usb]`, `[keyboard]`).
    public var usb = USBSettings()
    public var keyboard = KeyboardSettings()
    public var watchdog = WatchdogSettings()

    public init(source: SourceSettings = SourceSettings(), decode: DecodeSettings = DecodeSettings(),
                scan: ScanSettings = ScanSettings(), commands: CommandSettings = CommandSettings(),
                match: MatchSettings = MatchSettings(), output: OutputSettings = OutputSettings(),
                serial: LinkSettings = LinkSettings(), feedback: FeedbackSettings = FeedbackSettings(),
                feedbackDriver: FeedbackDriver = .auto, gpio: GPIOSettings = GPIOSettings()) {
        self.source = source
        self.decode = decode
        self.scan = scan
        self.commands = commands
        self.match = match
        self.output = output
        self.serial = serial
        self.feedback = feedback
        self.feedbackDriver = feedbackDriver
        self.gpio = gpio
    }

    /// Where results go once defaults are resolved: the demo source writes to stdout unless a device
    /// was configured.
    public var effectiveSerialDevice: String {
        serial.device ?? (source.kind == .demo ? LinkSettings.standardOutput : LinkSettings.defaultDevice)
    }

    /// The no-read string in force: the configured one, else the protocol's (`ERROR` for Keyence).
    public var effectiveNoRead: [UInt8] {
        scan.noRead ?? Array((commands.protocol == .keyence ? "ERROR" : "NOREAD").utf8)
    }

    /// Output settings with the protocol's defaults filled in: a Keyence reader ends its data with CR.
    public var effectiveOutput: OutputSettings {
        var o = output
        if o.suffix == nil, commands.protocol == .keyence, o.format == .plain { o.suffix = [0x0D] }
        return o
    }

    /// Feedback settings with `illumination = "auto"` resolved for the scan mode.
    public var effectiveFeedback: FeedbackSettings {
        var f = feedback
        if f.illumination == .auto { f.illumination = scan.mode == .continuous ? .always : .window }
        return f
    }

    /// Which feedback driver runs once `auto` is resolved.
    public var effectiveFeedbackDriver: FeedbackDriver {
        guard feedbackDriver == .auto else { return feedbackDriver }
        if gpio.hasLines { return .gpio }
        return source.kind == .demo ? .stderr : .none
    }

    /// Largest frame the configured source delivers.
    public var frameSize: (width: Int, height: Int) {
        switch source.kind {
        case .camera: (source.camera.width, source.camera.height)
        case .replay: (source.replay.width, source.replay.height)
        case .demo: (source.demo.width, source.demo.height)
        }
    }
}

/// Where frames come from (`source = …` and the `[camera]`, `[replay]`, `[demo]` tables).
public struct SourceSettings: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case camera, replay, demo
    }

    public var kind: Kind = .camera
    public var camera = CameraSettings()
    public var replay = ReplaySettings()
    public var demo = DemoSettings()

    public init() {}
}

/// A V4L2 camera (the `[camera]` table; see `Capture.V4L2Camera`).
public struct CameraSettings: Equatable, Sendable {
    public var device = "/dev/video0"
    public var width = 1280
    public var height = 720
    public var fps = 30.0
    public var pixelFormat = CameraFormatChoice.Preference.auto
    public var buffers = 3
    public var controls = CameraControls()
    public var reconnectMaxMilliseconds = 2000
    public var frameTimeoutMilliseconds = 2000

    public init() {}

    /// The driver's settings.
    public var driverSettings: V4L2Camera.Settings {
        var s = V4L2Camera.Settings()
        s.device = device
        s.width = width
        s.height = height
        s.fps = fps
        s.pixelFormat = pixelFormat
        s.bufferCount = buffers
        s.controls = controls
        s.reconnectMaxMilliseconds = reconnectMaxMilliseconds
        s.frameTimeoutMilliseconds = frameTimeoutMilliseconds
        return s
    }
}

/// Frames replayed from disk: a folder of images, or raw frames in a file or FIFO.
public struct ReplaySettings: Equatable, Sendable {
    public enum PixelFormat: String, CaseIterable, Sendable {
        /// 8-bit luma, `width × height` bytes per frame.
        case y8
        /// YUYV 4:2:2, `2 × width × height` bytes per frame; the luma is read in place.
        case yuyv
    }

    public var path = ""
    public var pixelFormat = PixelFormat.y8
    /// Size of raw frames (images in a folder bring their own size, at most this).
    public var width = 1280
    public var height = 720
    /// Frames per second; 0 replays as fast as the loop takes them.
    public var fps = 30.0
    /// Start again at the end (a FIFO ends when its writer closes it, loop or not).
    public var loop = true

    public init() {}
}

/// The built-in demo frames, drawn at start-up by the project's own code.
public struct DemoSettings: Equatable, Sendable {
    public var width = 640
    public var height = 480
    public var fps = 30.0

    public init() {}
}

/// The serial line results go out on (the `[serial]` table).
public struct LinkSettings: Equatable, Sendable {
    public static let defaultDevice = "/dev/serial0"
    /// The `device` value that means the process's standard output.
    public static let standardOutput = "stdout"
    /// The `device` value for no serial line at all (a handheld that only types on the USB keyboard:
    /// reads must not end up in the journal through stdout either).
    public static let none = "none"

    /// Nil when not configured (then `/dev/serial0`, or stdout with the demo source).
    public var device: String?
    public var line = SerialSettings()
    /// Transmit queue; when a peer stops reading, later messages are dropped and counted.
    public var queueBytes = 16384
    /// Pause between attempts to reopen a serial device that went away.
    public var reopenMilliseconds = 1000

    public init() {}
}

/// Which feedback lines are driven (the `[feedback] driver` key).
public enum FeedbackDriver: String, CaseIterable, Sendable {
    /// GPIO when `[gpio]` names a line, the stderr log with the demo source, else none.
    case auto
    case gpio
    /// One line per change on stderr ("LED good_read on").
    case stderr
    case none
}

/// GPIO lines for feedback and trigger (the `[gpio]` table): by offset on the chip or by line name.
public struct GPIOSettings: Equatable, Sendable {
    /// The chip's label (`pinctrl-bcm2711`, `pinctrl-rp1`, …) or device (`/dev/gpiochip0`); "" finds the
    /// Raspberry Pi header's chip by its label.
    public var chip = ""
    public var goodReadLine = GPIOLineSpec.none
    public var noReadLine = GPIOLineSpec.none
    public var statusLine = GPIOLineSpec.none
    public var buzzerLine = GPIOLineSpec.none
    /// A hardware PWM channel for a passive buzzer instead of `buzzerLine` (`"pwmchip0/pwm0"`).
    public var buzzerPWM: PWMChannelSpec?
    public var illuminationLine = GPIOLineSpec.none
    public var triggerLine = GPIOLineSpec.none
    /// Match-code output (pulsed on a matching read).
    public var matchLine = GPIOLineSpec.none
    /// Outputs are active-low (a line driven low lights the LED).
    public var activeLow = false
    /// The trigger input is active when low (an NPN photo-eye or a button to ground, with a pull-up).
    public var triggerActiveLow = false
    /// Pull resistor on the trigger input: down for an active-high input, so that it idles inactive.
    public var triggerBias = GPIOBias.pullDown
    /// Trigger input debounce.
    public var debounceMilliseconds = 20

    public init() {}

    /// A line or the buzzer's PWM channel is set.
    public var hasLines: Bool {
        usesChip || buzzerPWM != nil
    }

    /// A GPIO line is set (the chip has to be opened).
    public var usesChip: Bool {
        [goodReadLine, noReadLine, statusLine, buzzerLine, illuminationLine, triggerLine, matchLine].contains { $0.isConnected }
    }

    /// The feedback outputs that are connected.
    public var feedbackLines: [FeedbackLine: GPIOLineSpec] {
        var lines: [FeedbackLine: GPIOLineSpec] = [:]
        for (line, spec) in [(FeedbackLine.goodRead, goodReadLine), (.noRead, noReadLine), (.status, statusLine),
                             (.buzzer, buzzerLine), (.illumination, illuminationLine),
                             (.match, matchLine)] where spec.isConnected {
            lines[line] = spec
        }
        return lines
    }
}
