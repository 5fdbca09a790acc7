import Imaging

/// The built-in demo: a short film of scenes with QR Codes and 1D codes, one with two codes, and
/// empty frames between them, drawn by the project's own code at any frame size and delivered at a
/// real frame rate through the same `FrameSource` contract as a camera. It loops forever.
///
/// One frame buffer is drawn when the scene changes (not every frame), so the demo costs one frame of
/// memory and almost no time.
public final class DemoSource: FrameSource {
    public let frameWidth: Int
    public let frameHeight: Int
    public let fps: Double
    private let timer: FrameTimer
    private var buffer: UnsafeMutablePointer<UInt8>?
    private var drawnScene = -1
    private var sequence: UInt64 = 0

    /// Each scene and how long it lasts, in seconds.
    static let scenes: [(items: [DemoItem], seconds: Double)] = [
        ([DemoItem(kind: .matrix(DemoSymbols.qrGreeting), centerX: 0.5, centerY: 0.5, size: 0.6)], 0.5),
        ([], 0.3),
        ([DemoItem(kind: .linear(DemoSymbols.ean13), centerX: 0.5, centerY: 0.5, size: 0.7)], 0.5),
        ([], 0.3),
        ([DemoItem(kind: .linear(DemoSymbols.code128), centerX: 0.5, centerY: 0.45, size: 0.8)], 0.5),
        ([], 0.3),
        ([DemoItem(kind: .matrix(DemoSymbols.qrURL), centerX: 0.27, centerY: 0.5, size: 0.6),
          DemoItem(kind: .linear(DemoSymbols.ean13), centerX: 0.73, centerY: 0.5, size: 0.42)], 0.5),
        ([], 0.3),
        ([DemoItem(kind: .matrix(DemoSymbols.qrLot), centerX: 0.55, centerY: 0.5, size: 0.5)], 0.5),
        ([], 0.5),
    ]

    public init(width: Int = 640, height: Int = 480, fps: Double = 30) {
        frameWidth = max(64, width)
        frameHeight = max(64, height)
        self.fps = fps
        timer = FrameTimer(fps: fps)
    }

    deinit {
        timer.stop()
        buffer?.deallocate()
    }

    public var pollDescriptor: Int32 { timer.descriptor }

    public func start() throws {
        if buffer == nil { buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: frameWidth * frameHeight) }
        drawnScene = -1
        sequence = 0
        try timer.start()
    }

    public func acquireFrame(timeoutNanoseconds: UInt64) -> FrameStatus {
        guard let buffer else { return .end }
        let ticks = timer.wait(timeoutNanoseconds: timeoutNanoseconds)
        guard ticks > 0 else { return .timeout }
        sequence &+= ticks
        let scene = Self.scene(at: Double(sequence) / fps)
        if scene != drawnScene {
            DemoRenderer.draw(Self.scenes[scene].items, into: buffer, width: frameWidth, height: frameHeight)
            drawnScene = scene
        }
        let image = LumaImage(pixels: buffer, width: frameWidth, height: frameHeight, stride: frameWidth)
        return .ready(Frame(image: image, sequence: sequence, timestampNanoseconds: timer.lastTickTime))
    }

    public func releaseFrame() {}

    public func stop() {
        timer.stop()
    }

    /// The scene shown `seconds` after start (the film loops).
    static func scene(at seconds: Double) -> Int {
        let total = scenes.reduce(0) { $0 + $1.seconds }
        var t = seconds.truncatingRemainder(dividingBy: total)
        for (i, s) in scenes.enumerated() {
            if t < s.seconds { return i }
            t -= s.seconds
        }
        return scenes.count - 1
    }

    /// Draws scene `index` into `pixels` (tests and the benchmark use the demo's pictures directly).
    public static func drawScene(_ index: Int, into pixels: UnsafeMutablePointer<UInt8>, width: Int, height: Int) {
        DemoRenderer.draw(scenes[index % scenes.count].items, into: pixels, width: width, height: height)
    }

    public static var sceneCount: Int { scenes.count }
}
