/// Match-code mode: the expected content of a read, with `?` (any one byte) and `*` (any run of
/// bytes) as wildcards, and Cognex-style auto-increment of its last run of digits after each match.
/// The pattern lives in a buffer sized once; matching and incrementing allocate nothing.
public final class MatchCode {
    private let pattern: UnsafeMutableBufferPointer<UInt8>
    public let increment: Int
    private static let any = UInt8(ascii: "?"), run = UInt8(ascii: "*")

    public init(expected: [UInt8], increment: Int) {
        pattern = .allocate(capacity: max(1, expected.count))
        _ = pattern.initialize(from: expected)
        self.increment = increment
        count = expected.count
    }

    private let count: Int

    deinit { pattern.deallocate() }

    /// The expected content now (after any increments).
    public var expected: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: pattern[0..<count]) }

    /// Whether `data` matches the pattern. Greedy with one backtrack point per `*`: linear in practice,
    /// at most |pattern| × |data| steps.
    public func matches(_ data: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = 0, d = 0
        var starP = -1, starD = 0
        while d < data.count {
            if p < count, pattern[p] == Self.run { // Safe: p < count.
                starP = p
                starD = d
                p += 1
            } else if p < count, pattern[p] == Self.any || pattern[p] == data[d] { // Safe: p < count, d < data.count.
                p += 1
                d += 1
            } else if starP >= 0 {
                p = starP + 1
                starD += 1
                d = starD
            } else {
                return false
            }
        }
        while p < count, pattern[p] == Self.run { p += 1 } // Safe: p < count.
        return p == count
    }

    /// Adds `increment` to the last run of decimal digits, keeping its width (999 + 1 → 000).
    public func advance() {
        guard increment > 0 else { return }
        var end = count
        while end > 0, !Self.isDigit(pattern[end - 1]) { end -= 1 } // Safe: 0 <= end - 1 < count.
        guard end > 0 else { return }
        var carry = increment
        var i = end - 1
        while carry > 0, i >= 0, Self.isDigit(pattern[i]) { // Safe: 0 <= i < count.
            let sum = Int(pattern[i] - 0x30) + carry % 10
            carry = carry / 10 + sum / 10
            pattern[i] = UInt8(truncatingIfNeeded: 0x30 + sum % 10)
            i -= 1
        }
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
