/// Cuts the bytes of the command channel into command lines, in a buffer of fixed size.
///
/// A line ends at CR, LF (so CR LF is one line and an empty one, which is ignored) or, when
/// `stxEtxFraming` is on, ETX. ESC and NUL (what a break condition reads as on a raw termios line)
/// throw away the partial line; so does STX when framing is on, which then marks the line as framed.
/// A line longer than the buffer is discarded whole and reported once, when its end arrives. Any byte
/// may come in any order: nothing here traps or allocates.
public final class CommandLineReader {
    /// What one byte did.
    public enum Event: Equatable {
        case none
        /// A complete line is in `line` (valid until the next `take`).
        case line
        /// A line longer than the buffer ended; it was discarded (`line` holds its first bytes).
        case overlong
    }

    public static let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, esc: UInt8 = 0x1B, nul: UInt8 = 0x00
    public static let stx: UInt8 = 0x02, etx: UInt8 = 0x03

    /// Bytes that end, clear or frame a line, which a configured command string must not contain.
    public static func isFraming(_ b: UInt8) -> Bool {
        b == cr || b == lf || b == esc || b == nul || b == stx || b == etx
    }

    private let storage: UnsafeMutableBufferPointer<UInt8>
    private var count = 0
    private var overflowed = false
    /// Whether STX starts and ETX ends a line (the Keyence framing).
    public let stxEtxFraming: Bool
    /// The finished line began with STX (valid with `.line`).
    public private(set) var lineWasFramed = false
    private var framed = false
    private var lineReady = false

    public init(capacity: Int, stxEtxFraming: Bool) {
        storage = .allocate(capacity: max(1, capacity))
        self.stxEtxFraming = stxEtxFraming
    }

    deinit { storage.deallocate() }

    /// The line just completed.
    public var line: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: storage[0..<count])
    }

    /// Feeds one byte. After `.line`, read `line` before the next call.
    public func take(_ byte: UInt8) -> Event {
        if lineReady {
            count = 0
            lineReady = false
        }
        switch byte {
        case Self.cr, Self.lf:
            return finish()
        case Self.etx where stxEtxFraming:
            return finish()
        case Self.stx where stxEtxFraming:
            clear()
            framed = true
            return .none
        case Self.esc, Self.nul:
            clear()
            return .none
        default:
            if count < storage.count {
                storage[count] = byte // Safe: count < storage.count.
                count &+= 1
            } else {
                overflowed = true
            }
            return .none
        }
    }

    /// Forgets the partial line (ESC, a break, a counter reset).
    public func clear() {
        count = 0
        lineReady = false
        overflowed = false
        framed = false
    }

    /// A line ended: report it (the next byte starts a new one).
    private func finish() -> Event {
        defer {
            overflowed = false
            framed = false
        }
        lineWasFramed = framed
        if overflowed {
            lineReady = true // `line` holds the head of the discarded line, for an error reply.
            return .overlong
        }
        guard count > 0 else { return .none }
        lineReady = true
        return .line
    }
}
