import CV4L2
import Glibc
import Imaging

/// A V4L2 camera through libv4l2: negotiates a luma-friendly format, streams through a few mmap
/// buffers, and always hands out the newest frame.
///
/// Freshest frame: each `acquireFrame` dequeues every buffer the driver has filled, keeps the newest
/// and queues the older ones straight back unread, so the frame decoded is never older than the one
/// the camera finished last (`Frame.sequence` jumps by what was skipped). With 3 buffers (the
/// default) the driver always has one to fill while one is decoded.
///
/// Resilience: when the device fails (`ENODEV` on unplug, an I/O error, or no frame for
/// `frameTimeoutMilliseconds`), the camera reports it, unmaps and closes everything, and
/// `acquireFrame` answers `.disconnected` while it retries with back-off (100 ms doubling to
/// `reconnectMaxMilliseconds`); when the device is back it streams again with the same format.
/// Nothing allocates per frame; a reconnect allocates only what the last teardown freed.
public final class V4L2Camera: FrameSource {
    public struct Settings: Equatable, Sendable {
        /// A path (`/dev/video0`) or a name under `/dev/v4l/by-id`, `/dev/v4l/by-path` or `/dev`.
        public var device = "/dev/video0"
        public var width = 1280
        public var height = 720
        public var fps = 30.0
        public var pixelFormat = CameraFormatChoice.Preference.auto
        /// mmap buffers asked for (2 to 8): few, so that nothing waits in a queue for long.
        public var bufferCount = 3
        public var controls = CameraControls()
        public var reconnectMaxMilliseconds = 2000
        /// No frame for this long while streaming counts as the camera gone.
        public var frameTimeoutMilliseconds = 2000

        public init() {}
    }

    /// What happened since start, for the summary line.
    public struct Statistics: Equatable, Sendable {
        public var framesDelivered: UInt64 = 0
        /// Older filled buffers handed back unread because a newer one was there.
        public var framesSkipped: UInt64 = 0
        /// Buffers the driver flagged as corrupted, or shorter than the format needs.
        public var framesCorrupted: UInt64 = 0
        public var disconnects = 0
        public var reconnects = 0
    }

    public let settings: Settings
    /// Receives start-up warnings and connection events (one line each; never per frame).
    public var report: (String) -> Void
    public private(set) var frameWidth = 0
    public private(set) var frameHeight = 0
    /// The format negotiated at start (and kept across reconnects).
    public private(set) var format: CameraFormatChoice.Offered?
    /// The device node opened (resolved from `settings.device`).
    public private(set) var devicePath = ""
    public private(set) var driverName = ""
    public private(set) var statistics = Statistics()

    private static let maxBuffers = 8
    private var fd: Int32 = -1
    private let bufferStarts: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    private let bufferLengths: UnsafeMutablePointer<Int>
    private var bufferCount = 0
    private var layout: LumaLayout?
    private var held: Int32 = -1
    private var backoff: ReconnectBackoff
    private var nextAttempt: UInt64 = 0
    private var lastFrameTime: UInt64 = 0
    private var sequenceBase: UInt64 = 0
    private var lastSequence: UInt64 = 0
    private var started = false

    public init(settings: Settings, report: @escaping (String) -> Void = { _ in }) {
        self.settings = settings
        self.report = report
        backoff = ReconnectBackoff(maximumMilliseconds: settings.reconnectMaxMilliseconds)
        bufferStarts = .allocate(capacity: Self.maxBuffers)
        bufferStarts.initialize(repeating: nil, count: Self.maxBuffers)
        bufferLengths = .allocate(capacity: Self.maxBuffers)
        bufferLengths.initialize(repeating: 0, count: Self.maxBuffers)
    }

    deinit {
        stop()
        bufferStarts.deallocate()
        bufferLengths.deallocate()
    }

    public var pollDescriptor: Int32 { fd }

    public func start() throws {
        stop()
        format = nil
        statistics = Statistics()
        sequenceBase = 0
        lastSequence = 0
        try open(firstTime: true)
        started = true
    }

    public func stop() {
        started = false
        teardown()
    }

    public func acquireFrame(timeoutNanoseconds: UInt64) -> FrameStatus {
        guard started else { return .end }
        if fd < 0 { return reconnect() }
        if held >= 0 { releaseFrame() }
        if timeoutNanoseconds > 0 {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, Int32(min((timeoutNanoseconds + 999_999) / 1_000_000, 60_000)))
        }
        var newest: Int32 = -1
        var newestBytes = 0, newestSequence: UInt32 = 0, newestTime: UInt64 = 0
        // At most two rounds of the queue: a camera faster than this loop cannot keep it here.
        for _ in 0..<(2 * Self.maxBuffers) {
            // Only dequeue what poll says is there: libv4l2 prints every failed DQBUF on stderr, EAGAIN
            // included, which would be a log line per frame.
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 0) > 0, ready.revents != 0 else { break }
            var index: UInt32 = 0, bytes: UInt32 = 0, sequence: UInt32 = 0
            var timestamp: UInt64 = 0
            var monotonic: Int32 = 0, corrupted: Int32 = 0
            if lumascan_v4l2_dequeue_buffer(fd, &index, &bytes, &sequence, &timestamp, &monotonic, &corrupted) != 0 {
                if errno == EAGAIN { break }
                let e = errno
                if newest >= 0 { _ = lumascan_v4l2_queue_buffer(fd, UInt32(newest)) }
                return lose(e)
            }
            guard Int(index) < bufferCount, corrupted == 0, let layout, Int(bytes) >= layout.requiredBytes else {
                statistics.framesCorrupted &+= 1
                _ = lumascan_v4l2_queue_buffer(fd, index)
                continue
            }
            if newest >= 0 {
                // An older frame: straight back to the driver, unread.
                _ = lumascan_v4l2_queue_buffer(fd, UInt32(newest))
                statistics.framesSkipped &+= 1
            }
            newest = Int32(index)
            newestBytes = Int(bytes)
            newestSequence = sequence
            newestTime = monotonic != 0 ? timestamp : 0
        }
        let now = MonotonicClock.nanoseconds()
        guard newest >= 0, let layout else {
            let timeout = UInt64(settings.frameTimeoutMilliseconds) &* 1_000_000
            if now &- lastFrameTime > timeout { return lose(ETIMEDOUT) }
            return .timeout
        }
        // Safe: newest < bufferCount, checked above; the buffer is mapped while streaming.
        guard let base = bufferStarts[Int(newest)],
              let image = layout.view(base: UnsafeRawPointer(base), bytesUsed: min(newestBytes, bufferLengths[Int(newest)]))
        else {
            statistics.framesCorrupted &+= 1
            _ = lumascan_v4l2_queue_buffer(fd, UInt32(newest))
            return .timeout
        }
        held = newest
        lastFrameTime = now
        statistics.framesDelivered &+= 1
        lastSequence = sequenceBase &+ UInt64(newestSequence)
        let timestamp = newestTime > 0 && newestTime <= now ? newestTime : now
        return .ready(Frame(image: image, sequence: lastSequence, timestampNanoseconds: timestamp))
    }

    public func releaseFrame() {
        guard held >= 0 else { return }
        let index = held
        held = -1
        if fd >= 0, lumascan_v4l2_queue_buffer(fd, UInt32(index)) != 0, errno != EINVAL { _ = lose(errno) }
    }

    // MARK: Opening and losing the device

    /// Opens, negotiates, maps and starts streaming. On the first start a failure throws with the
    /// reason; on a reconnect the format must come back the same.
    private func open(firstTime: Bool) throws(CaptureError) {
        devicePath = CameraDevicePath.resolve(settings.device)
        let descriptor = lumascan_v4l2_open(devicePath)
        guard descriptor >= 0 else {
            throw CaptureError("camera \(devicePath): cannot open: \(String(cString: strerror(errno)))"
                + (firstTime ? Self.openAdvice(errno) : ""))
        }
        fd = descriptor
        do {
            try negotiate(firstTime: firstTime)
            try mapAndStream()
        } catch {
            teardown()
            throw error
        }
        lastFrameTime = MonotonicClock.nanoseconds()
    }

    private static func openAdvice(_ e: Int32) -> String {
        switch e {
        case ENOENT: "; no such device (`lumascan devices` lists the cameras found)"
        case EACCES: "; permission denied (add the user to group video)"
        case EBUSY: "; another program is using the camera"
        default: ""
        }
    }

    private func negotiate(firstTime: Bool) throws(CaptureError) {
        var driver = [CChar](repeating: 0, count: 40), card = [CChar](repeating: 0, count: 40)
        var bus = [CChar](repeating: 0, count: 40)
        var caps: UInt32 = 0
        guard lumascan_v4l2_querycap(fd, &driver, &card, &bus, &caps) == 0 else {
            throw CaptureError("camera \(devicePath): not a V4L2 device (\(String(cString: strerror(errno))))")
        }
        driverName = stringFromC(driver)
        guard caps & lumascan_v4l2_cap_video_capture() != 0, caps & lumascan_v4l2_cap_streaming() != 0 else {
            throw CaptureError("camera \(devicePath) (\(driverName)) is not a streaming capture device; "
                + "`lumascan devices` shows which /dev/video node captures")
        }
        let chosen: CameraFormatChoice.Offered
        if let kept = format {
            chosen = kept
        } else {
            let offered = CameraInventory.formats(fd: fd).map { CameraFormatChoice.Offered($0.fourcc, emulated: $0.emulated) }
            switch CameraFormatChoice.choose(from: offered, preference: settings.pixelFormat) {
            case .success(let o): chosen = o
            case .failure(let f):
                throw CaptureError(CameraFormatChoice.message(f, device: devicePath, driver: driverName))
            }
        }
        var width = UInt32(settings.width), height = UInt32(settings.height), fourcc = chosen.fourcc.rawValue
        var bytesPerLine: UInt32 = 0, sizeImage: UInt32 = 0
        guard lumascan_v4l2_set_format(fd, &width, &height, &fourcc, &bytesPerLine, &sizeImage) == 0 else {
            throw CaptureError("camera \(devicePath): cannot set format \(chosen.fourcc) \(settings.width)x\(settings.height): "
                + String(cString: strerror(errno)))
        }
        guard fourcc == chosen.fourcc.rawValue else {
            throw CaptureError("camera \(devicePath): asked for \(chosen.fourcc), the driver chose \(FourCC(rawValue: fourcc))")
        }
        if firstTime {
            guard Int(width) <= settings.width, Int(height) <= settings.height else {
                throw CaptureError("camera \(devicePath) delivers \(width)x\(height) for the \(settings.width)x\(settings.height) "
                    + "configured; set [camera] width and height to \(width) and \(height) (or to a size it offers: "
                    + "`lumascan devices`)")
            }
            if Int(width) != settings.width || Int(height) != settings.height {
                report("camera \(devicePath): \(settings.width)x\(settings.height) not offered; using \(width)x\(height)")
            }
        } else if Int(width) != frameWidth || Int(height) != frameHeight {
            throw CaptureError("camera \(devicePath) came back with \(width)x\(height) instead of \(frameWidth)x\(frameHeight)")
        }
        guard let l = LumaLayout(format: chosen.fourcc, width: Int(width), height: Int(height), bytesPerLine: Int(bytesPerLine))
        else {
            throw CaptureError("camera \(devicePath): unusable geometry \(width)x\(height), \(bytesPerLine) bytes per line")
        }
        layout = l
        frameWidth = Int(width)
        frameHeight = Int(height)
        format = chosen
        setFrameRate(quiet: !firstTime)
        applyControls(quiet: !firstTime)
    }

    private func setFrameRate(quiet: Bool) {
        var numerator: UInt32 = 1000, denominator = UInt32(max(1, (settings.fps * 1000).rounded()))
        if lumascan_v4l2_set_frame_rate(fd, &numerator, &denominator) != 0 {
            if !quiet { report("camera \(devicePath): frame rate not settable (driver \(driverName)); using its own") }
            return
        }
        let got = numerator > 0 ? Double(denominator) / Double(numerator) : 0
        if !quiet, abs(got - settings.fps) > 0.5 {
            report("camera \(devicePath): \(settings.fps) fps not offered; the camera runs at \(got) fps")
        }
    }

    private func applyControls(quiet: Bool) {
        let plan = CameraControlPlan(settings.controls, available: CameraInventory.controls(fd: fd), known: Self.knownControls)
        for w in plan.writes where lumascan_v4l2_set_control(fd, w.id, w.value) != 0 {
            if !quiet { report("camera \(devicePath): setting \(w.name) = \(w.value) failed: \(String(cString: strerror(errno)))") }
        }
        if !quiet {
            for p in plan.problems { report("camera \(devicePath): \(p); ignored") }
        }
    }

    static let knownControls = CameraControlPlan.Known(
        exposureAuto: lumascan_v4l2_cid_exposure_auto(), exposureAbsolute: lumascan_v4l2_cid_exposure_absolute(),
        exposure: lumascan_v4l2_cid_exposure(), gain: lumascan_v4l2_cid_gain(),
        analogueGain: lumascan_v4l2_cid_analogue_gain(), autoGain: lumascan_v4l2_cid_autogain(),
        focusAuto: lumascan_v4l2_cid_focus_auto(), focusAbsolute: lumascan_v4l2_cid_focus_absolute(),
        exposureManualValue: lumascan_v4l2_exposure_manual(),
        exposureAutomaticValue: lumascan_v4l2_exposure_aperture_priority())

    private func mapAndStream() throws(CaptureError) {
        var count = UInt32(min(Self.maxBuffers, max(2, settings.bufferCount)))
        guard lumascan_v4l2_request_buffers(fd, &count) == 0, count >= 1 else {
            throw CaptureError("camera \(devicePath): cannot get mmap buffers: \(String(cString: strerror(errno)))")
        }
        bufferCount = min(Int(count), Self.maxBuffers)
        for i in 0..<bufferCount {
            var length: UInt32 = 0
            let p = lumascan_v4l2_map_buffer(fd, UInt32(i), &length)
            guard let p, p != MAP_FAILED else {
                throw CaptureError("camera \(devicePath): cannot map buffer \(i): \(String(cString: strerror(errno)))")
            }
            bufferStarts[i] = p
            bufferLengths[i] = Int(length)
            guard lumascan_v4l2_queue_buffer(fd, UInt32(i)) == 0 else {
                throw CaptureError("camera \(devicePath): cannot queue buffer \(i): \(String(cString: strerror(errno)))")
            }
        }
        guard lumascan_v4l2_stream(fd, 1) == 0 else {
            throw CaptureError("camera \(devicePath): cannot start streaming: \(String(cString: strerror(errno)))")
        }
    }

    /// Unmaps and closes whatever is open. Safe to call at any point of a failed start.
    private func teardown() {
        held = -1
        guard fd >= 0 else { return }
        _ = lumascan_v4l2_stream(fd, 0)
        for i in 0..<bufferCount {
            if let p = bufferStarts[i] { _ = lumascan_v4l2_unmap_buffer(p, UInt32(bufferLengths[i])) }
            bufferStarts[i] = nil
            bufferLengths[i] = 0
        }
        if bufferCount > 0 {
            var zero: UInt32 = 0
            _ = lumascan_v4l2_request_buffers(fd, &zero)
        }
        bufferCount = 0
        _ = lumascan_v4l2_close(fd)
        fd = -1
    }

    /// The device failed: report, release it, and schedule the first reopen.
    @inline(never)
    private func lose(_ error: Int32) -> FrameStatus {
        let reason = error == ETIMEDOUT
            ? "no frame for \(settings.frameTimeoutMilliseconds) ms"
            : String(cString: strerror(error))
        report("camera \(devicePath): \(reason); reopening with back-off")
        teardown()
        statistics.disconnects += 1
        backoff.reset()
        nextAttempt = MonotonicClock.nanoseconds() &+ backoff.nextDelay()
        // Frames after the reconnect continue the sequence (the driver restarts at 0).
        sequenceBase = lastSequence &+ 1
        return .disconnected
    }

    @inline(never)
    private func reconnect() -> FrameStatus {
        let now = MonotonicClock.nanoseconds()
        guard now >= nextAttempt else { return .disconnected }
        do {
            try open(firstTime: false)
        } catch {
            nextAttempt = now &+ backoff.nextDelay()
            return .disconnected
        }
        statistics.reconnects += 1
        report("camera \(devicePath): streaming again after \(backoff.attempts) attempt(s)")
        backoff.reset()
        return .timeout
    }
}
