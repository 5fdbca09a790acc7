/// A fixed-size histogram of durations (decode times, frame-to-byte latencies) for percentiles
/// without storing samples: 8 buckets per power of two from 1 µs to about 17 s, so that a reported
/// percentile is within 12.5 % of the true value. No allocation after init.
public final class LatencyHistogram {
    private static let subBuckets = 8
    private static let firstOctave = 10 // 2^10 ns ≈ 1 µs
    private static let octaves = 24
    private var counts: [UInt64]
    public private(set) var count: UInt64 = 0
    public private(set) var maximum: UInt64 = 0
    public private(set) var sum: UInt64 = 0

    public init() {
        counts = [UInt64](repeating: 0, count: Self.octaves * Self.subBuckets + 1)
    }

    public func record(nanoseconds ns: UInt64) {
        counts[Self.bucket(ns)] &+= 1
        count &+= 1
        sum &+= ns
        if ns > maximum { maximum = ns }
    }

    /// The duration below which a fraction `p` (0…1) of the samples fall (a bucket's upper bound), or 0
    /// when empty.
    public func percentile(_ p: Double) -> UInt64 {
        guard count > 0 else { return 0 }
        let rank = UInt64((Double(count) * min(max(p, 0), 1)).rounded(.up))
        var seen: UInt64 = 0
        for i in 0..<counts.count {
            seen &+= counts[i]
            if seen >= max(rank, 1) { return min(Self.upperBound(i), maximum) }
        }
        return maximum
    }

    public func reset() {
        for i in 0..<counts.count { counts[i] = 0 }
        count = 0
        maximum = 0
        sum = 0
    }

    static func bucket(_ ns: UInt64) -> Int {
        guard ns >= 1 << firstOctave else { return 0 }
        let octave = 63 - ns.leadingZeroBitCount // floor(log2)
        let sub = Int((ns >> (octave - 3)) & 7)
        let index = (octave - firstOctave) * subBuckets + sub + 1
        return min(index, octaves * subBuckets)
    }

    static func upperBound(_ index: Int) -> UInt64 {
        guard index > 0 else { return 1 << firstOctave }
        let octave = (index - 1) / subBuckets + firstOctave
        let sub = UInt64((index - 1) % subBuckets)
        return (8 + sub + 1) << (octave - 3)
    }
}
