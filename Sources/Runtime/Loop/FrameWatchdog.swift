import Hardware

/// Tells the supervisors that the scanner is alive — systemd's watchdog (`WATCHDOG=1`) and the
/// kernel's `/dev/watchdog` — but only while frames are really being decoded (or, in a triggered
/// mode, while the loop waits for a trigger): a camera that stops delivering or a decoder that
/// hangs stops the pings, and the supervisor restarts the process (or resets the board). When frames stop for `stallNanoseconds` it says so once in `STATUS=`, and
/// again when they come back.
///
/// Everything is prepared in `init`; `frameDecoded` and `tick` allocate nothing.
public final class FrameWatchdog {
    let notifier: SystemdNotifier?
    let device: WatchdogDevice?
    let notifierInterval: UInt64
    let deviceInterval: UInt64
    let stallNanoseconds: UInt64
    private let scanningStatus: SystemdNotifier.Datagram
    private let stalledStatus: SystemdNotifier.Datagram
    private var nextNotifierPing: UInt64 = 0
    private var nextDevicePing: UInt64 = 0
    private var lastFrame: UInt64 = 0
    private var stalled = false
    /// Pings sent to the service manager and written to the device.
    public private(set) var notifierPings = 0
    public private(set) var devicePings = 0

    /// - Parameters:
    ///   - status: the `STATUS=` line while frames flow; `stalledStatus` the one when they stop.
    ///   - stallNanoseconds: how long without a frame counts as stalled (for the status line only;
    ///     the pings stop at once).
    public init(notifier: SystemdNotifier?, device: WatchdogDevice?, status: String, stalledStatus: String,
                stallNanoseconds: UInt64, now: UInt64) {
        self.notifier = notifier
        self.device = device
        // Twice per interval for systemd (sd_watchdog_enabled(3)), three times per timeout for the
        // device: one late frame must not cost a restart.
        notifierInterval = (notifier?.watchdogIntervalNanoseconds ?? 0) / 2
        deviceInterval = UInt64(max(1, device?.timeoutSeconds ?? 1)) &* 1_000_000_000 / 3
        self.stallNanoseconds = stallNanoseconds
        scanningStatus = SystemdNotifier.Datagram("STATUS=" + SystemdNotifier.oneLine(status))
        self.stalledStatus = SystemdNotifier.Datagram("STATUS=" + SystemdNotifier.oneLine(stalledStatus))
        lastFrame = now
    }

    /// A frame was decoded: ping whatever is due.
    @inline(__always)
    public func frameDecoded(now: UInt64) { alive(now: now) }

    /// The loop ran but wants no frames (between read cycles of a triggered mode): waiting for a
    /// trigger is healthy, so ping as for a frame. A stuck camera shows in the next read cycle.
    @inline(__always)
    public func idle(now: UInt64) { alive(now: now) }

    @inline(__always)
    private func alive(now: UInt64) {
        lastFrame = now
        if stalled {
            stalled = false
            notifier?.send(scanningStatus)
        }
        if notifierInterval > 0, now >= nextNotifierPing, let notifier {
            notifier.pingWatchdog()
            notifierPings &+= 1
            nextNotifierPing = now &+ notifierInterval
        }
        if now >= nextDevicePing, let device {
            device.keepAlive()
            devicePings &+= 1
            nextDevicePing = now &+ deviceInterval
        }
    }

    /// Once per loop iteration: notices frames that stopped coming. Never pings.
    @inline(__always)
    public func tick(now: UInt64) {
        if !stalled, now > lastFrame, now - lastFrame > stallNanoseconds {
            stalled = true
            notifier?.send(stalledStatus)
        }
    }
}
