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
    private var link: OutputLinks?
    private var linkConfig: ScannerConfiguration?
    private var usb: USBGadgetSession?
    /// systemd's `$NOTIFY_SOCKET` (nil when not started by systemd): READY, STATUS, WATCHDOG, STOPPING.
    private let notifier: SystemdNotifier?
    /// `/dev/watchdog` when `[watchdog] device` names it, opened at the first start.
    private var watchdogDevice: WatchdogDevice?
    private var watchdogSettings: WatchdogSettings?

    /// - Parameters:
    ///   - signals: where SIGTERM/SIGINT/SIGHUP arrive (nil in tests that stop by frame count).
    ///   - log: writes one line to stderr (start-up, reload and summary lines only: never per frame).
    ///   - notifier: the service manager to tell about readiness, status and liveness.
    public init(options: RunOptions, signals: SignalWatcher?, notifier: SystemdNotifier? = nil,
                log: @escaping (String) -> Void) {
        self.options = options
        self.signals = signals
        self.notifier = notifier
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
                if let reason = openLinks(config) {
                    if let fallback = previous {
                        log("SIGHUP: \(reason); keeping the running configuration")
                        (config, previous) = (fallback, nil)
                        continue
                    }
                    notifier?.status(reason)
                    closeLinks()
                    return .unavailable(reason)
                }
            }
            switch runSource(config, link!) {
            case .finished(.unavailable(let reason)) where previous != nil:
                log("SIGHUP: \(reason); keeping the running configuration")
                (config, previous) = (previous!, nil)
            case .finished(let outcome):
                closeLinks()
                if case .unavailable(let reason) = outcome { notifier?.status(reason) }
                // A stop that was asked for disarms the hardware watchdog; a device that failed
                // leaves it counting, so a board without a supervisor resets and tries again.
                if case .unavailable = outcome {} else { watchdogDevice?.close(magic: true) }
                (watchdogDevice, watchdogSettings) = (nil, nil)
                return outcome
            case .reload(let next):
                (config, previous) = (next, config)
            }
        }
    }

    /// Opens the links of `config` (bringing the USB gadget up or down first when its settings changed)
    /// and makes them current; returns why not, leaving the running links alone when the USB set-up
    /// is unchanged.
    private func openLinks(_ config: ScannerConfiguration) -> String? {
        let usbChanged = linkConfig?.usb != config.usb || linkConfig?.keyboard != config.keyboard
            || (usb == nil && config.usb.isEnabled)
        if usbChanged, link != nil || usb != nil {
            // The old gadget goes before a different one comes (they would share a name and the UDC).
            closeLinks()
        }
        if usbChanged, config.usb.isEnabled {
            do {
                usb = try USBGadgetSession.start(config.usb)
            } catch {
                return error.description
            }
        }
        let links = ScanAssembly.makeLinks(config: config, usb: usb?.devices ?? GadgetDevices())
        do {
            try links.primary.open()
            try links.usbSerial?.open()
        } catch {
            if usbChanged { stopUSB() }
            return error.description
        }
        do {
            try links.keyboard?.open()
        } catch {
            if usbChanged { stopUSB() }
            return error.description
        }
        link?.drain(timeoutNanoseconds: 200_000_000)
        link?.close()
        link = links
        linkConfig = config
        if let usb, !options.quiet, usbChanged {
            let k = config.keyboard
            log(usb.summary + (links.keyboard == nil ? "" : "; typing layout \(k.layout.rawValue), key delay "
                + "\(k.keyDelayMilliseconds) ms, untypable characters: \(k.untypable.rawValue)"))
        }
        return nil
    }

    /// Drains and closes the links, and removes the USB gadget if this run made it.
    private func closeLinks() {
        link?.drain(timeoutNanoseconds: 500_000_000)
        link?.close()
        link = nil
        linkConfig = nil
        stopUSB()
    }

    private func stopUSB() {
        if let error = usb?.stop() { log("USB gadget: \(error.description)") }
        usb = nil
    }

    private func sameLink(_ a: ScannerConfiguration?, _ b: ScannerConfiguration) -> Bool {
        guard let a else { return false }
        return a.effectiveSerialDevice == b.effectiveSerialDevice && a.serial == b.serial && a.usb == b.usb
            && a.keyboard == b.keyboard
    }

    private func runSource(_ c: ScannerConfiguration, _ link: OutputLinks) -> Step {
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
            let log = self.log
            return withFeedback(c, link, V4L2Camera(settings: c.source.camera.driverSettings) { log($0) })
        }
    }

    private func withFeedback<Source: FrameSource>(_ c: ScannerConfiguration, _ link: OutputLinks, _ source: Source) -> Step {
        // The chip is opened once for feedback and trigger; lines are released when this returns.
        var chip: GPIOChip?
        if (c.effectiveFeedbackDriver == .gpio && c.gpio.usesChip) || c.gpio.triggerLine.isConnected {
            do {
                chip = try GPIOChip.open(c.gpio.chip)
            } catch {
                return .finished(.unavailable(error.description))
            }
        }
        switch c.effectiveFeedbackDriver {
        case .stderr:
            return withTrigger(c, link, source, StderrFeedback(), chip)
        case .gpio:
            var lines = c.gpio.feedbackLines
            // A passive buzzer's line belongs to its tone thread, not to the on/off lines.
            if c.buzzer.kind == .passive { lines[.buzzer] = nil }
            if lines.isEmpty { return withBuzzer(c, link, source, NoFeedback(), taken: [:], chip) }
            do {
                let feedback = try GPIOFeedback(chip: chip!, lines: lines, activeLow: c.gpio.activeLow)
                defer { if feedback.failedWrites > 0 { log("GPIO: \(feedback.failedWrites) line writes failed") } }
                var taken: [Int: String] = [:]
                for line in FeedbackLine.allCases where feedback.offsets[line.rawValue] >= 0 {
                    taken[feedback.offsets[line.rawValue]] = "\(line.name)_line"
                }
                return withBuzzer(c, link, source, feedback, taken: taken, chip)
            } catch {
                return .finished(.unavailable(error.description))
            }
        case .none, .auto:
            return withTrigger(c, link, source, NoFeedback(), chip)
        }
    }

    /// With a passive buzzer configured, its tone thread or PWM channel is set up around `base` and
    /// silenced (thread joined, line released low, PWM disabled) when the loop has ended.
    private func withBuzzer<Source: FrameSource, Feedback: FeedbackOutput>(
        _ c: ScannerConfiguration, _ link: OutputLinks, _ source: Source, _ base: Feedback, taken: [Int: String],
        _ chip: GPIOChip?
    ) -> Step {
        guard c.buzzer.kind == .passive, c.gpio.buzzerPWM != nil || c.gpio.buzzerLine.isConnected else {
            return withTrigger(c, link, source, base, chip)
        }
        let buzzer: PassiveBuzzer
        do {
            if let pwm = c.gpio.buzzerPWM {
                buzzer = try PassiveBuzzer(pwm: pwm, frequencyHz: c.buzzer.frequencyHz)
            } else {
                buzzer = try PassiveBuzzer(chip: chip!, line: c.gpio.buzzerLine, activeLow: c.gpio.activeLow,
                                           frequencyHz: c.buzzer.frequencyHz, taken: taken)
            }
        } catch {
            return .finished(.unavailable(error.description))
        }
        defer {
            buzzer.close()
            if buzzer.failedWrites > 0 { log("buzzer: \(buzzer.failedWrites) writes failed") }
        }
        if !options.quiet { log(buzzer.summary) }
        return withTrigger(c, link, source, PassiveBuzzerFeedback(base: base, buzzer: buzzer), chip)
    }

    private func withTrigger<Source: FrameSource, Feedback: FeedbackOutput>(
        _ c: ScannerConfiguration, _ link: OutputLinks, _ source: Source, _ feedback: Feedback, _ chip: GPIOChip?
    ) -> Step {
        guard let chip, c.gpio.triggerLine.isConnected else { return drive(c, link, source, feedback, NoTrigger()) }
        do {
            let trigger = try GPIOTrigger(chip: chip, line: c.gpio.triggerLine, activeLow: c.gpio.triggerActiveLow,
                                          bias: c.gpio.triggerBias, debounceMilliseconds: c.gpio.debounceMilliseconds)
            return drive(c, link, source, feedback, trigger)
        } catch {
            return .finished(.unavailable(error.description))
        }
    }

    private func drive<Source: FrameSource, Feedback: FeedbackOutput, Trigger: TriggerInput>(
        _ c: ScannerConfiguration, _ link: OutputLinks, _ source: Source, _ feedback: Feedback, _ trigger: Trigger
    ) -> Step {
        let loop = ScanAssembly.makeLoop(config: c, source: source, link: link, feedback: feedback,
                                         trigger: trigger, reader: ScanAssembly.makeDecoder(config: c))
        if let wedge = link.keyboard {
            loop.controller.readTap = ScanAssembly.makeKeyboardOutput(config: c, wedge: wedge)
        }
        if link.hasUSB { loop.controller.usbStatus = USBStatus(links: link) }
        do {
            try loop.start()
        } catch {
            return .finished(.unavailable("\(error)"))
        }
        do {
            loop.watchdog = FrameWatchdog(notifier: notifier, device: try openWatchdog(c),
                                          status: RunReport.statusLine(c), stalledStatus: RunReport.stalledLine(c),
                                          stallNanoseconds: RunReport.stallNanoseconds(c), now: MonotonicClock.nanoseconds())
        } catch {
            loop.stop()
            return .finished(.unavailable(error.description))
        }
        notifier?.ready(status: RunReport.statusLine(c))
        if !options.quiet { log(RunReport.startLine(c)) }
        let control = LoopControl()
        control.wakeDescriptor = signals?.descriptor ?? -1
        control.stopAfterFirstRead = options.once
        if let frames = options.maxFrames { control.maxFrames = frames }
        if let seconds = options.timeoutSeconds {
            control.deadline = MonotonicClock.nanoseconds() &+ UInt64(max(0, seconds) * 1e9)
        }
        func finish(_ outcome: RunOutcome) -> Step {
            notifier?.stopping(status: "stopping")
            loop.stop()
            if !options.quiet {
                log(RunReport.summary(counters: loop.counters, decodeTimes: loop.decodeTimes, links: link))
                if let camera = source as? V4L2Camera { log(RunReport.cameraSummary(camera, frameAges: loop.frameAges)) }
            }
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
                            notifier?.reloading(status: "reloading the configuration")
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

    /// The hardware watchdog for `c`: kept across a reload with the same settings, else the old one
    /// disarmed and the new one opened.
    private func openWatchdog(_ c: ScannerConfiguration) throws(WatchdogDevice.OpenError) -> WatchdogDevice? {
        if let settings = watchdogSettings, settings == c.watchdog { return watchdogDevice }
        watchdogDevice?.close(magic: true)
        (watchdogDevice, watchdogSettings) = (nil, nil)
        if !c.watchdog.device.isEmpty {
            watchdogDevice = try WatchdogDevice(path: c.watchdog.device, timeoutSeconds: c.watchdog.timeoutSeconds)
            if !options.quiet {
                log("hardware watchdog \(c.watchdog.device) armed: \(watchdogDevice!.timeoutSeconds) s without a decoded frame resets the board")
            }
        }
        watchdogSettings = c.watchdog
        return watchdogDevice
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
