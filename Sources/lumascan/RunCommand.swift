import ArgumentParser
import Decoding
import Glibc
import Hardware
import Runtime
import Symbols

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Scan: frames in, codes out on the serial line, feedback on the lines.",
        discussion: """
        Reads the configuration (--config, else /etc/lumascan/lumascan.toml), then scans until SIGTERM \
        or SIGINT (exit 0: lines off, serial port drained and closed). SIGHUP reads the configuration \
        again and restarts with it when it is valid; otherwise the running one is kept and the errors \
        are printed. Nothing is ever written to disk: messages go to stderr.

        Under systemd (Type=notify, see lumascan.service) it sends READY=1 once the source, serial port \
        and lines are up, STATUS= lines, and WATCHDOG=1 only while frames are being decoded, so that \
        WatchdogSec= restarts a scanner whose camera or decoder is stuck. [watchdog] device in the \
        configuration does the same with /dev/watchdog on boards without systemd.

        --demo replays built-in frames (QR Codes, 1D codes, empty frames) through the same loop and \
        writes what the serial port would receive to stdout, and LED and buzzer changes to stderr.

        Exit status: 0 stopped (or --once read a code); 5 --once timed out; 6 configuration error; \
        7 the frame source or serial port could not be opened; 64 usage error.
        """
    )

    @Option(name: .long, help: "Configuration file (default: /etc/lumascan/lumascan.toml).")
    var config: String?

    @Flag(name: .long, help: "Scan the built-in demo frames; output to stdout, feedback to stderr.")
    var demo = false

    @Option(name: .long, help: "Replay frames from a folder of images or a raw Y8/YUYV file or FIFO.")
    var replay: String?

    @Option(name: .long, help: "Frame rate of the source (replay: 0 = as fast as possible).")
    var fps: Double?

    @Option(name: .long, help: "Serial device for the output, or \"stdout\".")
    var device: String?

    @Option(name: .long, help: "Serial baud rate (1200 to 4000000).")
    var baud: Int?

    @Option(name: .long, help: "Output format: plain, stx-etx or jsonl.")
    var output: String?

    @Flag(name: .long, help: "Send the AIM symbology identifier (]Q1, ]E0, …) before each code.")
    var aim = false

    @Option(name: .long, help: "Comma-separated formats to read (e.g. qr,ean13,code128).")
    var formats: String?

    @Option(name: .customLong("duplicate-ms"), help: "Same-code suppression window in ms (0: send every read).")
    var duplicateMilliseconds: Int?

    @Flag(name: .long, help: "Exit 0 after the first read (with --timeout: exit 5 if none came in time).")
    var once = false

    @Option(name: .long, help: "Seconds to wait with --once before giving up.")
    var timeout: Double?

    @Option(name: .customLong("max-frames"), help: "Stop after this many frames.")
    var maxFrames: UInt64?

    @Flag(name: .long, help: "No start-up and summary lines on stderr.")
    var quiet = false

    func validate() throws {
        _ = try overrides()
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if timeout != nil && !once { throw ValidationError("--timeout goes with --once") }
    }

    func overrides() throws -> ConfigOverrides {
        var o = ConfigOverrides()
        o.demo = demo
        if demo && replay != nil { throw ValidationError("--demo and --replay exclude each other") }
        o.replayPath = replay
        if let fps {
            guard fps >= 0, fps <= 1000 else { throw ValidationError("--fps must be between 0 and 1000") }
            if fps == 0 && replay == nil { throw ValidationError("--fps 0 (as fast as possible) is for --replay only") }
            o.fps = fps
        }
        if let device {
            guard !device.isEmpty else { throw ValidationError("--device needs a path or \"stdout\"") }
            o.serialDevice = device
        }
        if let baud {
            guard SerialSettings.supportedBaudRates.contains(baud) else {
                throw ValidationError("--baud \(baud) is not a supported rate; allowed: "
                    + SerialSettings.supportedBaudRates.map(String.init).joined(separator: ", "))
            }
            o.baudRate = baud
        }
        if let output {
            guard let format = OutputSettings.Format(rawValue: output) else {
                throw ValidationError("--output \(output): allowed: plain, stx-etx, jsonl")
            }
            o.outputFormat = format
        }
        if aim { o.aimIdentifier = true }
        if let formats { o.formats = try FormatList.parse(formats) }
        if let duplicateMilliseconds {
            guard (0...3_600_000).contains(duplicateMilliseconds) else {
                throw ValidationError("--duplicate-ms must be between 0 and 3600000")
            }
            o.duplicateMilliseconds = duplicateMilliseconds
        }
        return o
    }

    func run() throws {
        if !CoreDumps.disable() { printError("cannot disable core dumps; a crash could store frames in a core file") }
        let overrides = try overrides()
        var path = config
        if path == nil, DecodeInputs.fileKind(ConfigLoader.defaultPath) != .missing { path = ConfigLoader.defaultPath }
        var base = ScannerConfiguration()
        if let path {
            do {
                base = try ConfigLoader.load(path: path)
            } catch {
                for e in error.errors { printError(e.description) }
                throw LumascanExit.configurationError
            }
        } else if !demo && replay == nil {
            printError("no configuration file at \(ConfigLoader.defaultPath); give --config FILE, or try --demo")
            throw LumascanExit.configurationError
        }
        var options = RunOptions()
        options.configPath = path
        options.overrides = overrides
        options.once = once
        options.timeoutSeconds = timeout
        options.maxFrames = maxFrames
        options.quiet = quiet
        let signals = SignalWatcher()
        if signals == nil { printError("cannot watch signals (signalfd); SIGTERM will end the process abruptly") }
        var notifier: SystemdNotifier?
        do {
            notifier = try SystemdNotifier.fromEnvironment()
        } catch {
            printError("\(error.description); not notifying the service manager")
        }
        let runner = ScannerRunner(options: options, signals: signals, notifier: notifier, log: { printError($0) })
        switch runner.run(overrides.applied(to: base)) {
        case .stopped, .readOnce:
            return
        case .timedOut:
            throw LumascanExit.timedOut
        case .unavailable(let reason):
            printError(reason)
            throw LumascanExit.deviceUnavailable
        }
    }
}

/// Format lists on the command line ("qr,ean13").
enum FormatList {
    static func parse(_ list: String) throws -> FormatSet {
        var set = FormatSet()
        for item in list.split(separator: ",") {
            let name = item.trimmingCharacters(in: " ")
            if name.isEmpty { continue }
            guard let format = SymbolFormat(key: name) else {
                throw ValidationError("unknown format '\(name)'; known: \(SymbolFormat.allCases.map(\.key).joined(separator: ", "))")
            }
            guard DecoderConfiguration.supportedFormats.contains(format) else {
                throw ValidationError("format '\(name)' is not supported by this build")
            }
            set.insert(FormatSet(format))
        }
        guard !set.isEmpty else { throw ValidationError("the format list names no format") }
        return set
    }
}
