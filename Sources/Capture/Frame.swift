import Glibc
import Imaging

/// One frame borrowed from a `FrameSource`: a luma view of the source's buffer, its sequence number and
/// when it was captured.
///
/// The frame owns nothing. Its `image` points into memory the source owns (a V4L2 mmap buffer, a replay
/// buffer) and stays valid only until the source's `releaseFrame()` or its next `acquireFrame`. Nothing
/// keeps a `Frame` past that: the scan loop decodes it, then hands it back.
public struct Frame {
    /// The luma plane (GREY, the Y plane of YUV420/NV12, or every other byte of YUYV through `pixelStep`).
    public let image: LumaImage
    /// Counts frames delivered by the device since the source started, from 0. A gap means the device
    /// or the source dropped frames (for example older queued buffers skipped to deliver the newest).
    public let sequence: UInt64
    /// When the frame was captured (the driver's timestamp when it has one, else when it was dequeued),
    /// in nanoseconds of `CLOCK_MONOTONIC`: the same clock as `MonotonicClock.nanoseconds()`.
    public let timestampNanoseconds: UInt64

    public init(image: LumaImage, sequence: UInt64, timestampNanoseconds: UInt64) {
        self.image = image
        self.sequence = sequence
        self.timestampNanoseconds = timestampNanoseconds
    }
}

/// What `FrameSource.acquireFrame(timeoutNanoseconds:)` found. A plain value: no error object per frame.
public enum FrameStatus {
    /// A frame is borrowed; give it back with `releaseFrame()` before acquiring the next one.
    case ready(Frame)
    /// No frame arrived within the timeout. The source is still running.
    case timeout
    /// The source has no more frames and never will (a replay that does not loop, a FIFO whose writer
    /// closed). The scan loop stops.
    case end
    /// The device went away (unplugged, driver error). The source tries to reopen it on later calls to
    /// `acquireFrame`, pacing the attempts itself; the loop keeps calling and shows the fault on the
    /// status LED meanwhile.
    case disconnected
}

/// The monotonic clock every timestamp in Lumascan is taken from (`CLOCK_MONOTONIC`).
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point (boot). Never goes backwards; no allocation.
    @inline(__always)
    public static func nanoseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
    }
}
