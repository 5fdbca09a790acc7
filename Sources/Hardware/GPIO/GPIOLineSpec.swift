/// A GPIO line as the configuration names it: by offset on the chip (17) or by its name ("GPIO17").
public enum GPIOLineSpec: Equatable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// Not connected.
    case none
    case offset(Int)
    case name(String)

    public init(integerLiteral value: Int) { self = value < 0 ? .none : .offset(value) }

    public var isConnected: Bool { self != .none }

    /// As written in the configuration: `17`, `"GPIO17"`, or `-1` for none.
    public var description: String {
        switch self {
        case .none: "-1"
        case .offset(let o): String(o)
        case .name(let n): "\"\(n)\""
        }
    }
}

/// Bias of an input line (pull resistors inside the SoC).
public enum GPIOBias: String, CaseIterable, Sendable {
    /// Leave as the firmware / device tree set it.
    case asIs = "as-is"
    case disabled
    case pullUp = "pull-up"
    case pullDown = "pull-down"
}

/// A GPIO failure at start-up, with what to do about it.
public struct GPIOError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A NUL-terminated C string in a fixed array, as a String (libgpiod answers).
func stringFromC(_ chars: [CChar]) -> String {
    chars.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}
