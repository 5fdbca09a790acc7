/// Where frames come from: a V4L2 camera, a replay of files or raw streams, the built-in demo.
///
/// Sources are classes (`AnyObject`) and the scan loop is generic over the concrete type, so that calls
/// are direct and nothing is boxed per frame. The contract, for every conforming type:
///
/// - `start()` does all the allocating and negotiating (open the device, agree on the format, map the
///   buffers); `frameWidth`/`frameHeight` are valid after it returns. It is the only call that throws.
/// - `acquireFrame(timeoutNanoseconds:)` waits at most `timeoutNanoseconds` (0: do not wait) and returns
///   the newest frame the device has: older frames queued meanwhile are handed back unread, so that a
///   result never describes the past. It allocates nothing and never traps, whatever the device does.
/// - Every `.ready` is paired with exactly one `releaseFrame()` before the next `acquireFrame`.
/// - `stop()` releases the device; the source may be started again (after a configuration reload).
public protocol FrameSource: AnyObject {
    /// Size of the frames delivered, in pixels (valid after `start()`).
    var frameWidth: Int { get }
    var frameHeight: Int { get }

    /// A descriptor that becomes readable when a frame is ready, for a scan loop that waits on several
    /// things with `poll(2)`; -1 when the source has none (then the loop waits in `acquireFrame`).
    var pollDescriptor: Int32 { get }

    /// Opens and prepares the source. Cold path: may allocate, may block briefly.
    func start() throws

    /// Borrows the newest frame, waiting up to `timeoutNanoseconds` for one.
    func acquireFrame(timeoutNanoseconds: UInt64) -> FrameStatus

    /// Gives back the frame of the last `.ready` (its buffer may be reused from now on).
    func releaseFrame()

    /// Stops delivering frames and releases the device. Safe to call when not started.
    func stop()
}
