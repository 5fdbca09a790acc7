import CGPIOD
import Glibc

/// Feedback lines on GPIO outputs (LEDs, an active buzzer through a transistor, illumination).
///
/// Every configured line is requested at once, driven to its inactive level, so that nothing lights
/// before the scanner runs. `set` writes one level with one ioctl and allocates nothing. `release()`
/// (also run by `deinit`) drives every line inactive and gives it back; if the process is killed the
/// kernel releases the lines with the process (they then keep their last level on most SoCs, which is
/// why the scanner switches them off on SIGTERM before it exits).
public final class GPIOFeedback: FeedbackOutput {
    public let chip: GPIOChip
    /// Outputs light when driven low (LED between 3.3 V and the pin).
    public let activeLow: Bool
    private let requests: UnsafeMutablePointer<UnsafeMutablePointer<lumascan_gpio_request>?>
    private let levels: UnsafeMutablePointer<Bool>
    /// Offsets per `FeedbackLine.rawValue`, -1 when not connected.
    public let offsets: [Int]
    /// Writes that failed (reported at stop).
    public private(set) var failedWrites = 0

    /// Requests the lines; throws with the line and the reason (busy, no such line).
    public init(chip: GPIOChip, lines: [FeedbackLine: GPIOLineSpec], activeLow: Bool,
                consumer: String = "lumascan") throws(GPIOError) {
        self.chip = chip
        self.activeLow = activeLow
        let count = FeedbackLine.allCases.count
        requests = .allocate(capacity: count)
        requests.initialize(repeating: nil, count: count)
        levels = .allocate(capacity: count)
        levels.initialize(repeating: false, count: count)
        var offsets = [Int](repeating: -1, count: count)
        do throws(GPIOError) {
            for line in FeedbackLine.allCases {
                guard let spec = lines[line], let offset = try chip.offset(of: spec, role: "\(line.name)_line") else { continue }
                if let other = offsets.firstIndex(of: offset) {
                    throw GPIOError("[gpio] \(line.name)_line and \(FeedbackLine(rawValue: other)!.name)_line are both line \(offset)")
                }
                guard let r = lumascan_gpio_request_output(chip.handle, UInt32(offset), consumer, activeLow ? 1 : 0) else {
                    throw GPIOError("GPIO \(chip.name) line \(offset) (\(line.name)): cannot request it as an output: "
                        + String(cString: strerror(errno)) + (errno == EBUSY ? " (another program or driver holds it)" : ""))
                }
                requests[line.rawValue] = r
                offsets[line.rawValue] = offset
            }
        } catch {
            self.offsets = offsets
            release()
            throw error
        }
        self.offsets = offsets
    }

    deinit {
        release()
        requests.deallocate()
        levels.deallocate()
    }

    public func set(_ line: FeedbackLine, on: Bool) {
        // Safe: rawValue < FeedbackLine.allCases.count, the capacity of both buffers.
        guard let r = requests[line.rawValue] else { return }
        levels[line.rawValue] = on
        if lumascan_gpio_set(r, (on != activeLow) ? 1 : 0) != 0 { failedWrites &+= 1 }
    }

    /// The level last set on `line` (what the scanner asked for, not read back from the pin).
    public func isOn(_ line: FeedbackLine) -> Bool { levels[line.rawValue] }

    /// Every line inactive, then released. Safe to call more than once.
    public func release() {
        for line in FeedbackLine.allCases {
            guard let r = requests[line.rawValue] else { continue }
            _ = lumascan_gpio_set(r, activeLow ? 1 : 0)
            lumascan_gpio_release(r)
            requests[line.rawValue] = nil
            levels[line.rawValue] = false
        }
    }
}
