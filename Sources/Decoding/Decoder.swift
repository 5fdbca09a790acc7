import Imaging
import LinearCodes
import QRCode
import Symbols

/// Runs the readers a configuration enables over a frame, into fixed result slots.
///
/// Everything is reserved at init in one `ScanArena`; `decode` allocates nothing. Not thread-safe: one
/// decoder per scanning thread.
public final class Decoder {
    public let configuration: DecoderConfiguration
    public let arena: ScanArena
    public let results: ResultSlots
    private let qr: QRReader?
    private let linear: LinearReader?

    public init(configuration: DecoderConfiguration = DecoderConfiguration()) {
        self.configuration = configuration
        let arena = ScanArena()
        self.arena = arena
        let w = max(1, configuration.maxWidth), h = max(1, configuration.maxHeight)
        results = ResultSlots(arena: arena, capacity: configuration.maxResults,
                              maxBytes: configuration.maxPayloadBytes, maxText: configuration.maxTextBytes)
        qr = configuration.formats.contains(.qrCode) ? QRReader(arena: arena, maxWidth: w, maxHeight: h) : nil
        let linearFormats = FormatSet(rawValue: configuration.formats.rawValue & FormatSet.linear.rawValue)
        linear = linearFormats.isEmpty ? nil
            : LinearReader(arena: arena, maxWidth: w, maxHeight: h, formats: linearFormats,
                           eanAddOns: configuration.eanAddOns)
    }

    /// Receives the QR reader's steps (diagnostics only: `lumascan decode --trace`).
    public var qrTrace: ((QRTraceEvent) -> Void)? {
        get { qr?.trace }
        set { qr?.trace = newValue }
    }

    /// What the QR reader did on the last frame (nil when QR is not enabled).
    public var qrStatistics: QRReaderStatistics? { qr?.statistics }

    /// QR finder candidates of the last frame (diagnostics; allocates).
    public var qrFinderCandidates: [FinderCandidate] {
        guard let qr else { return [] }
        return (0..<qr.finderCandidateCount).map { qr.finderCandidate($0) }
    }

    /// The QR grid sampled last, as rows of "#" and "." (diagnostics; allocates).
    public var qrLastGrid: [String] {
        guard let qr else { return [] }
        let (n, m) = qr.lastSampledGrid
        return (0..<n).map { y in String((0..<n).map { m[y * n + $0] == 1 ? "#" : "." }) }
    }

    /// Whether a frame of this size fits the buffers.
    public func accepts(width: Int, height: Int) -> Bool {
        width >= 1 && height >= 1 && width <= configuration.maxWidth && height <= configuration.maxHeight
    }

    /// Decodes `image`; the symbols found are in `results` until the next call. Returns their number.
    /// A frame larger than the configured maximum decodes nothing (`accepts` tells beforehand).
    @discardableResult
    public func decode(_ image: LumaImage) -> Int {
        results.reset()
        guard accepts(width: image.width, height: image.height) else { return 0 }
        qr?.read(image, into: results)
        linear?.read(image, into: results)
        return results.count
    }
}
