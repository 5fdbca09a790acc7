import Hardware

/// A feedback double that records line changes in storage reserved up front (so the allocation tests
/// can drive it), keeping the first `capacity` events and counting the rest.
final class RecordingFeedback: FeedbackOutput {
    private let events: UnsafeMutableBufferPointer<(line: FeedbackLine, on: Bool)>
    private(set) var total = 0

    init(capacity: Int = 4096) {
        events = .allocate(capacity: capacity)
    }

    deinit { events.deallocate() }

    func set(_ line: FeedbackLine, on: Bool) {
        if total < events.count { events[total] = (line, on) }
        total += 1
    }

    var recorded: [(line: FeedbackLine, on: Bool)] { Array(events[0..<min(total, events.count)]) }

    func count(_ line: FeedbackLine, on: Bool) -> Int {
        recorded.filter { $0.line == line && $0.on == on }.count
    }
}
