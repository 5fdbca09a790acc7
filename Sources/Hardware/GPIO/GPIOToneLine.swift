import CGPIOD
import Glibc

/// The GPIO output a passive buzzer is wired to (through a transistor), as a `SquareWavePin` for the
/// tone thread: requested at start-up at its rest level, driven with one ioctl per edge (nothing
/// allocated), driven to rest and released by `release()` — after the tone thread has been joined.
public final class GPIOToneLine: SquareWavePin {
    public let offset: Int
    /// The wave's high half drives the pin low (the transistor's input is active-low).
    public let activeLow: Bool
    private var request: UnsafeMutablePointer<lumascan_gpio_request>?
    /// Writes that failed (the tone thread counts, the owner reports them after `release()`).
    public private(set) var failedWrites = 0

    /// Requests `spec` on `chip` as an output at rest. `taken` maps offsets already requested by the
    /// other feedback lines to their configuration names, for a precise error when they collide.
    public init(chip: GPIOChip, spec: GPIOLineSpec, activeLow: Bool, taken: [Int: String] = [:],
                consumer: String = "lumascan") throws(GPIOError) {
        guard let offset = try chip.offset(of: spec, role: "buzzer_line") else {
            throw GPIOError("[gpio] buzzer_line is not set: a passive buzzer on GPIO needs a line")
        }
        if let other = taken[offset] {
            throw GPIOError("[gpio] buzzer_line and \(other) are both line \(offset)")
        }
        guard let r = lumascan_gpio_request_output(chip.handle, UInt32(offset), consumer, activeLow ? 1 : 0) else {
            throw GPIOError("GPIO \(chip.name) line \(offset) (buzzer): cannot request it as an output: "
                + String(cString: strerror(errno)) + (errno == EBUSY ? " (another program or driver holds it)" : ""))
        }
        self.offset = offset
        self.activeLow = activeLow
        request = r
    }

    deinit { release() }

    public func drive(_ high: Bool) {
        guard let request else { return }
        if lumascan_gpio_set(request, (high != activeLow) ? 1 : 0) != 0 { failedWrites &+= 1 }
    }

    /// Drives the line to rest and gives it back. Only once the tone thread has ended.
    public func release() {
        guard let r = request else { return }
        _ = lumascan_gpio_set(r, activeLow ? 1 : 0)
        lumascan_gpio_release(r)
        request = nil
    }
}
