import Capture
import Glibc
import Hardware
import Imaging
import Symbols

/// The scanner: frames in, decoded, filtered by the scan policy, encoded, out on the link, with
/// feedback on the lines — in one thread, in memory reserved when the loop is made.
///
/// Every component is a concrete type parameter (no existential on the frame path). One iteration:
/// take input (serial bytes, trigger edges), let the policy act on time, hand its messages to the
/// link and write them, update the feedback lines, then wait with `poll(2)` on every descriptor that
/// matters (the frame source, the link when it has queued bytes or can receive, the trigger, the
/// driver's wake descriptor) until the next deadline; then decode the newest frame if one is ready.
/// After the first frame, an iteration allocates nothing.
public final class ScanLoop<Source: FrameSource, Link: ByteSink & ByteSource, Feedback: FeedbackOutput,
    Trigger: TriggerInput, Reader: FrameDecoding>
{
    public let source: Source
    public let link: Link
    public let feedbackOutput: Feedback
    public let trigger: Trigger
    public let reader: Reader
    public let window: DecodeWindow
    public let controller: ReadController
    public let feedback: FeedbackScheduler
    public let outbox: Outbox
    public private(set) var counters = ScanCounters()
    /// Decode time per decoded frame (kept by the policy, which reports it in status replies and
    /// zeroes it with the counters).
    public var decodeTimes: LatencyHistogram { controller.decodeTimes }
    /// From a frame's capture timestamp to its read handed to the link and written as far as it goes.
    public let frameToOutput = LatencyHistogram()
    /// Age of each decoded frame when its decoding starts (capture timestamp to decode start).
    public let frameAges = LatencyHistogram()

    private let pollSet: UnsafeMutablePointer<pollfd>
    private let receiveBuffer: UnsafeMutableRawBufferPointer
    private var sourceDown = false
    private var nextSourceRetry: UInt64 = 0
    private var lastSequence: UInt64?
    private var started = false

    /// Pause between attempts to get frames from a source that reported `.disconnected`.
    public var sourceRetryNanoseconds: UInt64 = 200_000_000
    /// Longest single wait, so that the loop looks at the clock at least this often.
    public var maxWaitNanoseconds: UInt64 = 500_000_000
    /// Pinged after each decoded frame (and told about stalls): systemd's and the kernel's watchdogs.
    public var watchdog: FrameWatchdog?

    public init(source: Source, link: Link, feedbackOutput: Feedback, trigger: Trigger, reader: Reader,
                window: DecodeWindow, controller: ReadController, feedback: FeedbackScheduler, outbox: Outbox) {
        self.source = source
        self.link = link
        self.feedbackOutput = feedbackOutput
        self.trigger = trigger
        self.reader = reader
        self.window = window
        self.controller = controller
        self.feedback = feedback
        self.outbox = outbox
        pollSet = UnsafeMutablePointer<pollfd>.allocate(capacity: 6)
        receiveBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 512, alignment: 16)
    }

    deinit {
        pollSet.deallocate()
        receiveBuffer.deallocate()
    }

    /// Starts the source and lights the status LED. Cold path.
    public func start() throws {
        try source.start()
        let now = MonotonicClock.nanoseconds()
        feedback.setRunning(true, now: now)
        feedback.apply(to: feedbackOutput)
        started = true
    }

    /// Switches every line off, sends what is queued (for at most `drainNanoseconds`) and stops the
    /// source. The link stays open (its owner closes it).
    public func stop(drainNanoseconds: UInt64 = 500_000_000) {
        guard started else { return }
        started = false
        feedback.setRunning(false, now: MonotonicClock.nanoseconds())
        feedback.apply(to: feedbackOutput)
        link.drain(timeoutNanoseconds: drainNanoseconds)
        source.stop()
    }

    /// Runs until `control` says stop, the source ends, or the wake descriptor becomes readable.
    public func run(control: LoopControl) -> StopReason {
        while true {
            let now = MonotonicClock.nanoseconds()
            if control.stopRequested { return .stopRequested }
            if now >= control.deadline { return .timedOut }
            if counters.frames >= control.maxFrames { return .frameLimit }
            if link.isFinished { return .linkFinished }

            watchdog?.tick(now: now)
            takeInput(now: now)
            controller.tick(now: now, counters: &counters)
            sendOutbox()
            link.service(nowNanoseconds: now)
            feedback.setFault(sourceDown || link.pollDescriptor < 0, now: now)
            feedback.update(now: now)
            feedback.apply(to: feedbackOutput)

            let cycleWantsFrames = controller.wantsFrames(now: now)
            if !cycleWantsFrames { watchdog?.idle(now: now) }
            let wantsFrames = cycleWantsFrames && (!sourceDown || now >= nextSourceRetry)
            let sourceFD = sourceDown ? -1 : source.pollDescriptor
            var deadline = min(feedback.nextDeadline(now: now), controller.nextDeadline(now: now), control.deadline)
            deadline = min(deadline, now &+ maxWaitNanoseconds, link.nextServiceNanoseconds)
            if sourceDown { deadline = min(deadline, nextSourceRetry) }
            if link.pollDescriptor < 0 { deadline = min(deadline, now &+ 100_000_000) }
            // A source without a descriptor is waited for inside acquireFrame; the others are only
            // looked at then.
            let waitInSource = wantsFrames && (sourceFD < 0)
            let wait = waitInSource ? 0 : (deadline > now ? deadline - now : 0)
            let (sourceReady, woken) = waitForEvents(sourceFD: wantsFrames ? sourceFD : -1,
                                                     wakeFD: control.wakeDescriptor, nanoseconds: wait)
            if woken { return .woken }
            guard wantsFrames, sourceReady || waitInSource else { continue }
            let sourceWait = waitInSource && !sourceDown ? (deadline > now ? deadline - now : 0) : 0
            switch nextFrame(timeoutNanoseconds: sourceWait) {
            case .none: break
            case .sent:
                if control.stopAfterFirstRead {
                    link.drain(timeoutNanoseconds: 1_000_000_000)
                    return .firstRead
                }
            case .ended: return .sourceEnded
            }
        }
    }

    private enum FrameOutcome { case none, sent, ended }

    /// Takes the newest frame, decodes it, lets the policy act, and writes the result at once.
    private func nextFrame(timeoutNanoseconds: UInt64) -> FrameOutcome {
        switch source.acquireFrame(timeoutNanoseconds: timeoutNanoseconds) {
        case .ready(let frame):
            sourceDown = false
            counters.frames &+= 1
            if let last = lastSequence, frame.sequence > last &+ 1 {
                counters.framesSkipped &+= frame.sequence &- last &- 1
            }
            lastSequence = frame.sequence
            guard controller.acceptsFrame(capturedAt: frame.timestampNanoseconds) else {
                source.releaseFrame()
                return .none
            }
            var count = 0
            var mapping = ViewMapping.identity
            let t0 = MonotonicClock.nanoseconds()
            frameAges.record(nanoseconds: t0 &- min(frame.timestampNanoseconds, t0))
            if let view = window.view(of: frame.image) {
                mapping = view.mapping
                count = reader.decode(view.image)
            } else {
                reader.results.reset()
            }
            let t1 = MonotonicClock.nanoseconds()
            source.releaseFrame()
            counters.framesDecoded &+= 1
            decodeTimes.record(nanoseconds: t1 &- t0)
            // Alive means frames decoded: a stuck camera or decoder stops the pings.
            watchdog?.frameDecoded(now: t1)
            let sent = controller.frameDecoded(results: reader.results, count: count, sequence: frame.sequence,
                                               decodeNanoseconds: t1 &- t0, mapping: mapping, now: t1,
                                               counters: &counters)
            if outbox.messageCount > 0 {
                sendOutbox()
                let t2 = MonotonicClock.nanoseconds()
                link.service(nowNanoseconds: t2)
                if sent > 0 { frameToOutput.record(nanoseconds: t2 &- min(frame.timestampNanoseconds, t2)) }
                feedback.update(now: t2)
                feedback.apply(to: feedbackOutput)
            }
            return sent > 0 ? .sent : .none
        case .timeout:
            sourceDown = false
            return .none
        case .end:
            return .ended
        case .disconnected:
            if !sourceDown { counters.sourceDisconnects &+= 1 }
            sourceDown = true
            nextSourceRetry = MonotonicClock.nanoseconds() &+ sourceRetryNanoseconds
            return .none
        }
    }

    /// Serial bytes to the policy (commands), trigger edges to the policy.
    private func takeInput(now: UInt64) {
        if link.receiveDescriptor >= 0 {
            for _ in 0..<16 {
                let n = link.receive(into: receiveBuffer)
                if n <= 0 { break }
                controller.received(UnsafeRawBufferPointer(rebasing: receiveBuffer[0..<n]), now: now, counters: &counters)
            }
        }
        var edges = 0
        while edges < 64, let edge = trigger.nextEdge() {
            controller.triggerEdge(edge, now: now, counters: &counters)
            edges += 1
        }
    }

    /// Hands the policy's messages to the link (queued whole or dropped whole).
    private func sendOutbox() {
        guard outbox.messageCount > 0 else { return }
        for i in 0..<outbox.messageCount where link.send(outbox.message(i)) != .queued {
            counters.messagesDropped &+= 1
        }
        counters.messagesOversized = outbox.oversizedMessages
        outbox.removeAll()
    }

    /// One poll(2) over the descriptors that matter now. Returns whether the source and the wake
    /// descriptor are readable.
    private func waitForEvents(sourceFD: Int32, wakeFD: Int32, nanoseconds: UInt64) -> (source: Bool, wake: Bool) {
        // No local function here: one that captures `n` costs a heap box per call with Swift 6.0.3.
        var n = 0
        n = addPoll(sourceFD, POLLIN, at: n)
        n = addPoll(wakeFD, POLLIN, at: n)
        let linkFD = link.pollDescriptor
        if linkFD >= 0, link.queuedByteCount > 0 { n = addPoll(linkFD, POLLOUT, at: n) }
        n = addPoll(link.receiveDescriptor, POLLIN, at: n)
        n = addPoll(trigger.pollDescriptor, POLLIN, at: n)
        let ms = Int32(min((nanoseconds + 999_999) / 1_000_000, 60_000))
        if n == 0 {
            if ms > 0 { usleep(UInt32(ms) * 1000) }
            return (false, false)
        }
        let r = poll(pollSet, nfds_t(n), ms)
        guard r > 0 else { return (false, false) }
        var i = 0
        var sourceReady = false, wake = false
        if sourceFD >= 0 {
            sourceReady = pollSet[i].revents != 0
            i += 1
        }
        if wakeFD >= 0 { wake = pollSet[i].revents != 0 }
        return (sourceReady, wake)
    }

    /// Puts `fd` (if any) at `index` of the poll set; returns the new count.
    @inline(__always)
    private func addPoll(_ fd: Int32, _ events: Int32, at index: Int) -> Int {
        guard fd >= 0 else { return index }
        pollSet[index] = pollfd(fd: fd, events: Int16(events), revents: 0) // Safe: at most 5 of 6 entries.
        return index + 1
    }
}
