import Capture
import Glibc
import Hardware

/// Feedback shown as text on stderr, one line per change, for the demo and for machines without GPIO:
/// `[   2.134 s] LED good_read on`, `[   2.184 s] buzzer off`. Times are seconds since start.
/// Formatted in a fixed buffer and written with one write(2): no allocation.
public final class StderrFeedback: FeedbackOutput {
    private var line = MessageBuffer(capacity: 96)
    private let start: UInt64
    private let descriptor: Int32

    public init(descriptor: Int32 = STDERR_FILENO, start: UInt64 = MonotonicClock.nanoseconds()) {
        self.descriptor = descriptor
        self.start = start
    }

    public func set(_ feedbackLine: FeedbackLine, on: Bool) {
        let elapsed = MonotonicClock.nanoseconds() &- start
        line.reset()
        line.append("[")
        let seconds = Int(elapsed / 1_000_000_000)
        for _ in 0..<max(0, 4 - Self.digits(seconds)) { line.append(UInt8(ascii: " ")) }
        line.appendDecimal(seconds)
        line.append(UInt8(ascii: "."))
        let ms = Int(elapsed / 1_000_000 % 1000)
        line.append(UInt8(truncatingIfNeeded: 0x30 + ms / 100))
        line.append(UInt8(truncatingIfNeeded: 0x30 + ms / 10 % 10))
        line.append(UInt8(truncatingIfNeeded: 0x30 + ms % 10))
        line.append(" s] ")
        switch feedbackLine {
        case .buzzer: line.append("buzzer")
        case .illumination: line.append("illumination")
        case .match: line.append("match output")
        default:
            line.append("LED ")
            line.append(feedbackLine.name)
        }
        line.append(on ? " on\n" : " off\n")
        let bytes = line.bytes
        var offset = 0
        while offset < bytes.count {
            let n = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return } // stderr gone: feedback is best effort
            offset += n
        }
    }

    private static func digits(_ v: Int) -> Int {
        var n = 1, x = v
        while x >= 10 {
            x /= 10
            n += 1
        }
        return n
    }
}
