import Glibc
import ImageFiles
import Imaging

/// Frames replayed at a given rate, through the same `FrameSource` contract as a camera: a folder of
/// images (PGM, PNG, JPEG; loaded at start-up, sorted by name), raw 8-bit luma (Y8) or YUYV frames
/// from a file or a FIFO, or frames handed over in memory (tests, the benchmark).
///
/// `fps` > 0 paces frames with a timer (ticks the loop misses are skipped, as a camera would); 0 hands
/// out frames as fast as they are taken. Images are loaded at `start()`, one at a time, each into a
/// buffer of its own (so loading costs one image of extra memory, not a second copy of them all); raw
/// frames are read one at a time into one frame buffer. Nothing allocates per frame.
public final class ReplaySource: FrameSource {
    public enum RawFormat: Sendable {
        /// One byte of luma per pixel.
        case y8
        /// Y U Y V per two pixels; the luma is read in place (every other byte).
        case yuyv
    }

    public enum Input {
        /// Image files in a folder.
        case folder(String)
        /// Raw frames of a fixed size, back to back, in a file or FIFO.
        case raw(path: String, format: RawFormat, width: Int, height: Int)
        /// Luma frames already in memory.
        case images([LoadedImage])
    }

    public let input: Input
    public let fps: Double
    public let loops: Bool
    public private(set) var frameWidth = 0
    public private(set) var frameHeight = 0
    /// Largest frame accepted (frames are checked against it at start-up).
    public let maxWidth: Int
    public let maxHeight: Int

    private let timer: FrameTimer?
    /// One buffer per image, or the one raw frame buffer.
    private var frames: [(pixels: UnsafeMutablePointer<UInt8>, width: Int, height: Int)] = []
    private var next = 0
    private var sequence: UInt64 = 0
    private var rawFD: Int32 = -1
    private var rawSeekable = false
    private var rawFrameBytes = 0
    private var loadedBytes = 0

    public init(input: Input, fps: Double, loops: Bool = true, maxWidth: Int = 16384, maxHeight: Int = 16384) {
        self.input = input
        self.fps = fps
        self.loops = loops
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        timer = fps > 0 ? FrameTimer(fps: fps) : nil
    }

    deinit {
        stop()
        freeFrames()
    }

    public var pollDescriptor: Int32 {
        if let timer { return timer.descriptor }
        return rawFD >= 0 && !rawSeekable ? rawFD : -1
    }

    public func start() throws {
        stop()
        if case .images(let images) = input, images.isEmpty { throw CaptureError("replay: no images to replay") }
        freeFrames()
        switch input {
        case .folder(let path):
            for file in try ReplayFolder.imagePaths(in: path) { try add(try ReplayFolder.load(file)) }
        case .images(let images):
            for image in images { try add(image) }
        case .raw(let path, let format, let width, let height): try openRaw(path, format, width, height)
        }
        next = 0
        sequence = 0
        try timer?.start()
    }

    public func acquireFrame(timeoutNanoseconds: UInt64) -> FrameStatus {
        var timestamp: UInt64
        if let timer {
            let ticks = timer.wait(timeoutNanoseconds: timeoutNanoseconds)
            guard ticks > 0 else { return .timeout }
            sequence &+= ticks
            timestamp = timer.lastTickTime
            if rawFD < 0 { next &+= Int(ticks &- 1) } // skip what the loop missed
        } else {
            sequence &+= 1
            timestamp = MonotonicClock.nanoseconds()
        }
        guard !frames.isEmpty else { return .end }
        if rawFD >= 0 {
            let storage = frames[0].pixels
            guard readRawFrame(into: storage) else { return .end }
            if timer == nil { timestamp = MonotonicClock.nanoseconds() }
            let (w, h) = (frames[0].width, frames[0].height)
            let yuyv = rawFrameBytes == 2 * w * h
            let image = LumaImage(pixels: storage, width: w, height: h, stride: yuyv ? 2 * w : w, pixelStep: yuyv ? 2 : 1)
            return .ready(Frame(image: image, sequence: sequence &- 1, timestampNanoseconds: timestamp))
        }
        if next >= frames.count {
            guard loops else { return .end }
            next %= frames.count
        }
        let f = frames[next]
        next += 1
        let image = LumaImage(pixels: f.pixels, width: f.width, height: f.height, stride: f.width)
        return .ready(Frame(image: image, sequence: sequence &- 1, timestampNanoseconds: timestamp))
    }

    public func releaseFrame() {}

    public func stop() {
        timer?.stop()
        if rawFD >= 0 { close(rawFD) }
        rawFD = -1
    }

    // MARK: Loading

    /// Copies one image into a buffer of its own.
    private func add(_ image: LoadedImage) throws(CaptureError) {
        guard image.width <= maxWidth, image.height <= maxHeight else {
            throw CaptureError("replay: an image is \(image.width)x\(image.height), larger than the configured \(maxWidth)x\(maxHeight)")
        }
        loadedBytes += image.width * image.height
        guard loadedBytes <= ReplayFolder.maxTotalBytes else {
            throw CaptureError("replay: the images hold more than \(ReplayFolder.maxTotalBytes >> 20) MiB of pixels; that is the most replayed")
        }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: $0.count) }
        frames.append((buffer, image.width, image.height))
        frameWidth = max(frameWidth, image.width)
        frameHeight = max(frameHeight, image.height)
    }

    private func freeFrames() {
        for f in frames { f.pixels.deallocate() }
        frames = []
        frameWidth = 0
        frameHeight = 0
        loadedBytes = 0
    }

    private func openRaw(_ path: String, _ format: RawFormat, _ width: Int, _ height: Int) throws(CaptureError) {
        guard LumaImage.isValid(width: width, height: height, stride: width), width <= maxWidth, height <= maxHeight else {
            throw CaptureError("replay: raw frame size \(width)x\(height) is not usable")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC) // a FIFO waits here for its writer
        guard fd >= 0 else { throw CaptureError("replay: cannot open \(path): " + String(cString: strerror(errno))) }
        var st = stat()
        fstat(fd, &st)
        rawSeekable = st.st_mode & S_IFMT == S_IFREG
        rawFrameBytes = format == .y8 ? width * height : 2 * width * height
        frames = [(UnsafeMutablePointer<UInt8>.allocate(capacity: rawFrameBytes), width, height)]
        frameWidth = width
        frameHeight = height
        rawFD = fd
    }

    /// Reads one whole frame; at the end of a file starts again when looping. False at the end.
    private func readRawFrame(into buffer: UnsafeMutablePointer<UInt8>) -> Bool {
        var rewound = false
        while true {
            var got = 0
            while got < rawFrameBytes {
                let n = read(rawFD, buffer + got, rawFrameBytes - got)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                got += n
            }
            if got == rawFrameBytes { return true }
            // End of the stream (a partial last frame is dropped).
            guard loops, rawSeekable, !rewound, lseek(rawFD, 0, SEEK_SET) == 0 else { return false }
            rewound = true
        }
    }
}
