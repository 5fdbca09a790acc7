import Imaging
import Symbols

/// What is decoded and where (the `[decode]` table).
public struct DecodeSettings: Equatable, Sendable {
    /// How a frame is reduced for `scale` 2 or 4.
    public enum ScaleMethod: String, CaseIterable, Sendable {
        /// Every 2nd (4th) pixel of every 2nd (4th) row, read in place: no copy, no time. Thin bars
        /// can fall between samples; prefer `average` for 1D codes on big sensors.
        case subsample
        /// The mean of each 2×2 (4×4) block, written to a buffer reserved at start-up.
        case average
    }

    public var formats: FormatSet
    /// Rectangle of the frame to decode, in frame pixels; nil for the whole frame.
    public var regionOfInterest: PixelRect?
    /// 1 (full resolution), 2 or 4 (for 8 MP and 12 MP sensors).
    public var scale: Int
    public var scaleMethod: ScaleMethod
    /// Result slots per frame, and room per result.
    public var maxResults: Int
    public var maxPayloadBytes: Int
    public var maxTextBytes: Int
    /// EAN-2/EAN-5 add-ons (`ean_addons`): appended when read, never, or required.
    public var eanAddOns: EANAddOnPolicy

    public init(formats: FormatSet = FormatSet([.qrCode, .ean13, .ean8, .upcA, .upcE, .code128, .code39, .code93,
                                                .itf, .codabar]),
                regionOfInterest: PixelRect? = nil, scale: Int = 1, scaleMethod: ScaleMethod = .subsample,
                maxResults: Int = 16, maxPayloadBytes: Int = 4096, maxTextBytes: Int = 8192,
                eanAddOns: EANAddOnPolicy = .auto) {
        self.formats = formats
        self.regionOfInterest = regionOfInterest
        self.scale = scale
        self.scaleMethod = scaleMethod
        self.maxResults = maxResults
        self.maxPayloadBytes = maxPayloadBytes
        self.maxTextBytes = maxTextBytes
        self.eanAddOns = eanAddOns
    }
}
