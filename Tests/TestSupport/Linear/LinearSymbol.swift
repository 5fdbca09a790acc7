/// A linear symbol ready to render: its bars and spaces as module counts, bar first, without quiet
/// zones, and what a reader should report for it.
public struct LinearSymbol: Sendable, Equatable {
    /// Widths in modules, alternating bar, space, bar, … (first and last are bars).
    public var widths: [Int]
    /// Zxing-cpp style format name ("EAN-13", "Code128", …) as the reader reports it.
    public var format: String
    /// Text a reader reports (UTF-8).
    public var text: String
    /// AIM symbology identifier, e.g. "]E0".
    public var aim: String
    /// Quiet zone in modules on each side (the symbology's spec value unless a test narrows it).
    public var quietZone: Int
    public var isGS1 = false

    public init(widths: [Int], format: String, text: String, aim: String, quietZone: Int, isGS1: Bool = false) {
        self.widths = widths
        self.format = format
        self.text = text
        self.aim = aim
        self.quietZone = quietZone
        self.isGS1 = isGS1
    }

    /// Total width in modules without quiet zones.
    public var moduleCount: Int { widths.reduce(0, +) }

    /// Widths from a module string such as "1011001" (1 = bar). Leading zeros are dropped.
    public static func widths(fromModules modules: String) -> [Int] {
        var out: [Int] = []
        var current: Character = "1"
        var run = 0
        var started = false
        for c in modules {
            if !started {
                if c == "0" { continue }
                started = true
            }
            if c == current {
                run += 1
            } else {
                out.append(run)
                current = c
                run = 1
            }
        }
        if run > 0, current == "1" { out.append(run) }
        return out
    }

    /// Widths from digit strings of element widths ("212222" …) joined in order.
    public static func widths(fromElements elements: [String]) -> [Int] {
        elements.flatMap { $0.compactMap { Int(String($0)) } }
    }

    /// Widths from narrow/wide strings ("nnnwwnwnn"), with the given wide ratio (wide = `wide` modules,
    /// narrow = 1 module is too coarse for ratios like 2.5, so everything is scaled by `scale`).
    public static func widths(fromNarrowWide elements: [String], narrow: Int, wide: Int, gap: Int?) -> [Int] {
        var out: [Int] = []
        for (i, e) in elements.enumerated() {
            if i > 0, let gap {
                // Inter-character gap: a space, appended to the previous character's last bar.
                out.append(gap)
            }
            for c in e { out.append(c == "w" ? wide : narrow) }
        }
        return out
    }
}

/// Deterministic pseudo-random numbers for tests, so that failures reproduce: `SeededRandom`'s
/// SplitMix64 one output further on for the same seed (the sequences the linear tests were tuned with).
public struct TestRandom: Sendable {
    private var source: SeededRandom

    public init(seed: UInt64) { source = SeededRandom(seed: seed &+ 0x9E37_79B9_7F4A_7C15) }

    public mutating func next() -> UInt64 { source.next() }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { source.unit() }

    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * unit() }

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// Standard normal (Box–Muller).
    public mutating func gaussian() -> Double { source.gaussian() }

    public mutating func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(int(0...9))) }) }
}
