import Capture
import Decoding
import Glibc
import Hardware

/// Runs the scanner described by a configuration until it is told to stop: opens the serial link,
/// builds the source and feedback the configuration names, runs the loop, and handles signals —
/// SIGTERM/SIGINT stop cleanly (lines off, port drained and closed), SIGHUP reads the configuration
/// file again and restarts the loop with it if it is valid, or keeps the running one and says why.
///
/// Concrete device types are chosen here, once per (re)start, so the loop itself is specialized for
/// them and the frame path has no existential.
public final class ScannerRunner {
    public let options: RunOptions
    private let signals: SignalWatcher?
    private let log: (String) -> Void
    private var link: SerialPort?
    private var linkConfig: ScannerConfiguration?

    /// - Parameters:
    ///   - signals: where SIGTERM/SIGINT/SIGHUP arrive (nil in tests that stop by frame count).
    ///   - log: writes one line to stderr (start-up, reload and summary lines only: never per frame).
    public init(options: RunOptions, signals: SignalWatcher?, log: @escaping (String) -> Void) {
        self.options = options
        self.signals = signals
        self.log = log
    }

    private enum Step {
        case finished(RunOutcome)
        case reload(ScannerConfiguration)
    }

    public func run(_ initial: ScannerConfiguration) -> RunOutcome {
        var config = initial
        // The configuration that ran before a SIGHUP: if the new one cannot start (its serial port or
        // frame source cannot be opened), the scanner goes back to it instead of stopping.
        var previous: ScannerConfiguration?
        while true {
            if link == nil || !sameLink(linkConfig, config) {
                let port = ScanAssembly.makeLink(config: config)
                do {
                    try port.open()
                } catch {
                    if let fallback = previous {
                        log("SIGHUP: \(error.description); keeping the running configuration")
                        (config, previous) = (fallback, nil)
                        continue
                    }
                    return .unavailable(error.description)
                }
                link?.drain(timeoutNanoseconds: 200_000_000)
                link?.close()
                link = port
                linkConfig = config
            }
            switch runSource(config, link!) {
            case .finished(.unavailable(let reason)) where previous != nil:
                log("SIGHUP: \(reason); keeping the running configuration")
                (config, previous) = (previous!, nil)
            case .finished(let outcome):
                link?.drain(timeoutNanoseconds: 500_000_000)
                link?.close()
                return outcome
            case .reload(let next):
                (config, previous) = (next, config)
            }
        }
    }

    private func sameLink(_ a: ScannerConfiguration?, _ b: ScannerConfiguration) -> Bool {
        guard let a else { return false }
        return a.effectiveSerialDevice == b.effectiveSerialDevice && a.serial == b.serial
    }

    private func runSource(_ c: ScannerConfiguration, _ link: SerialPort) -> Step {
        switch c.source.kind {
        case .demo:
            return withFeedback(c, link, DemoSource(width: c.source.demo.width, height: c.source.demo.height,
                                                    fps: c.source.demo.fps))
        case .replay:
            let r = c.source.replay
            let input: ReplaySource.Input = Self.isDirectory(r.path)
                ? .folder(r.path)
                : .raw(path: r.path, format: r.pixelFormat == .y8 ? .y8 : .yuyv, width: r.width, height: r.height)
            return withFeedback(c, link, ReplaySource(input: input, fps: r.fps, loops: r.loop,
                                                      maxWidth: r.width, maxHeight: r.height))
        case .camera:
            return .finished(.unavailable(
                "source = \"camera\": this build has no camera driver yet; try --demo, or source = \"replay\""))
        }
    }

    private func withFeedback<Source: FrameSource>(_ c: ScannerConfiguration, _ link: SerialPort, _ source: Source) -> Step {
        switch c.effectiveFeedbackDriver {
        case .stderr:
            return drive(c, link, source, StderrFeedback())
        case .gpio:
            log("feedback driver \"gpio\": this build has no GPIO driver yet; feedback lines stay off")
            return drive(c, link, source, NoFeedback())
        case .none, .auto:
            return drive(c, link, source, NoFeedback())
        }
    }

    private func drive<Source: FrameSource, Feedback: FeedbackOutput>(
        _ c: ScannerConfiguration, _ link: SerialPort, _ source: Source, _ feedback: Feedback
    ) -> Step {
        let loop = ScanAssembly.makeLoop(config: c, source: source, link: link, feedback: feedback,
                                         trigger: NoTrigger(), reader: ScanAssembly.makeDecoder(config: c))
        do {
            try loop.start()
        } catch {
            return .finished(.unavailable("\(error)"))
        }
        if !options.quiet { log(RunReport.startLine(c)) }
        if c.scan.mode == .gpio {
            log("mode \"gpio\": this build has no GPIO trigger driver yet; read cycles open on trigger commands only")
        }
        let control = LoopControl()
        control.wakeDescriptor = signals?.descriptor ?? -1
        control.stopAfterFirstRead = options.once
        if let frames = options.maxFrames { control.maxFrames = frames }
        if let seconds = options.timeoutSeconds {
            control.deadline = MonotonicClock.nanoseconds() &+ UInt64(max(0, seconds) * 1e9)
        }
        func finish(_ outcome: RunOutcome) -> Step {
            loop.stop()
            if !options.quiet { log(RunReport.summary(counters: loop.counters, decodeTimes: loop.decodeTimes, link: link)) }
            return .finished(outcome)
        }
        while true {
            switch loop.run(control: control) {
            case .woken:
                while let event = signals?.next() {
                    switch event {
                    case .stop:
                        return finish(.stopped)
                    case .reload:
                        if let next = reloadedConfiguration() {
                            loop.stop()
                            if !options.quiet { log("configuration reloaded; restarting the scan loop") }
                            return .reload(next)
                        }
                    }
                }
            case .stopRequested, .frameLimit, .sourceEnded, .linkFinished:
                return finish(.stopped)
            case .firstRead:
                return finish(.readOnce)
            case .timedOut:
                return finish(.timedOut)
            }
        }
    }

    /// The configuration file read again, or nil (with the reasons logged) to keep the running one.
    private func reloadedConfiguration() -> ScannerConfiguration? {
        guard let path = options.configPath else {
            log("SIGHUP: no configuration file to reload (started without one); keeping the running configuration")
            return nil
        }
        do {
            return options.overrides.applied(to: try ConfigLoader.load(path: path))
        } catch {
            for e in error.errors { log(e.description) }
            log("SIGHUP: \(path) has errors; keeping the running configuration")
            return nil
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }
}
