/// The kernel's hardware watchdog (the `[watchdog]` table), for boards that run the scanner without
/// systemd. Under systemd, leave it off: the unit's `WatchdogSec=` does the same job (and systemd's
/// own `RuntimeWatchdogSec=` holds `/dev/watchdog`).
public struct WatchdogSettings: Equatable, Sendable {
    /// The device (`/dev/watchdog`), or "" for none.
    public var device = ""
    /// The timeout asked of the driver: no decoded frame for this long resets the board.
    public var timeoutSeconds = 15

    public init() {}
}
