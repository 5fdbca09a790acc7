import Hardware
import MallocCounter
import Testing

@Suite struct TriggerDebouncerTests {
    static let ms: UInt64 = 1_000_000

    @Test func firstEdgeIsReportedAtOnceAndBounceIsSwallowed() {
        var d = TriggerDebouncer(windowNanoseconds: 20 * Self.ms, initialLevel: false)
        #expect(d.rawEdge(active: true, at: 100 * Self.ms) == TriggerEdge(isActive: true, timestampNanoseconds: 100 * Self.ms))
        // Contact bounce within 20 ms, settling active.
        #expect(d.rawEdge(active: false, at: 101 * Self.ms) == nil)
        #expect(d.rawEdge(active: true, at: 103 * Self.ms) == nil)
        #expect(d.deadline == nil)
        #expect(d.timeReached(200 * Self.ms) == nil)
        #expect(d.level)
    }

    @Test func aPulseShorterThanTheWindowGivesBothEdges() {
        var d = TriggerDebouncer(windowNanoseconds: 20 * Self.ms, initialLevel: false)
        _ = d.rawEdge(active: true, at: 0)
        #expect(d.rawEdge(active: false, at: 5 * Self.ms) == nil)
        #expect(d.deadline == 20 * Self.ms)
        #expect(d.timeReached(19 * Self.ms) == nil)
        #expect(d.timeReached(20 * Self.ms) == TriggerEdge(isActive: false, timestampNanoseconds: 20 * Self.ms))
        #expect(!d.level && d.deadline == nil)
    }

    @Test func edgesAfterTheWindowAreReportedWithTheirKernelTimestamps() {
        var d = TriggerDebouncer(windowNanoseconds: 20 * Self.ms, initialLevel: true)
        #expect(d.rawEdge(active: false, at: 50 * Self.ms)?.timestampNanoseconds == 50 * Self.ms)
        #expect(d.rawEdge(active: true, at: 71 * Self.ms)?.isActive == true)
        // The same level again is no edge.
        #expect(d.rawEdge(active: true, at: 200 * Self.ms) == nil)
    }

    @Test func zeroWindowReportsEveryChange() {
        var d = TriggerDebouncer(windowNanoseconds: 0, initialLevel: false)
        let edges = (1...6).compactMap { d.rawEdge(active: $0 % 2 == 1, at: UInt64($0)) }
        #expect(edges.count == 6)
    }

    @Test func debouncingAllocatesNothing() {
        var d = TriggerDebouncer(windowNanoseconds: 20 * Self.ms, initialLevel: false)
        var reported = 0
        malloc_counter_start()
        for i in 0..<10_000 {
            let t = UInt64(i) * 7 * Self.ms
            if d.rawEdge(active: i % 3 != 0, at: t) != nil { reported += 1 }
            if d.timeReached(t + 25 * Self.ms) != nil { reported += 1 }
        }
        #expect(malloc_counter_stop() == 0)
        #expect(reported > 0)
    }
}
