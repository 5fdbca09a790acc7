import Symbols

/// What a `Decoder` is built for. Every buffer it needs is sized from these values at init.
public struct DecoderConfiguration: Sendable, Equatable {
    /// Largest frame the decoder accepts, in pixels.
    public var maxWidth: Int
    public var maxHeight: Int
    /// Symbologies to look for.
    public var formats: FormatSet
    /// Result slots per frame (symbols beyond this are counted as dropped).
    public var maxResults: Int
    /// Room per result for the raw payload and for its UTF-8 text. The defaults hold any QR Code: up to
    /// 7,089 numeric characters, or 2,953 bytes that can grow to 8,859 bytes of UTF-8 (half-width katakana
    /// in Shift_JIS take three bytes each).
    public var maxPayloadBytes: Int
    public var maxTextBytes: Int
    /// EAN-2/EAN-5 add-ons: appended when read (`auto`), never, or required.
    public var eanAddOns: EANAddOnPolicy

    /// Formats this build can read.
    public static let supportedFormats = FormatSet([.qrCode, .ean13, .ean8, .upcA, .upcE, .code128, .code39,
                                                     .code93, .itf, .codabar])

    public init(maxWidth: Int = 1280, maxHeight: Int = 720, formats: FormatSet = supportedFormats,
                maxResults: Int = 16, maxPayloadBytes: Int = 7168, maxTextBytes: Int = 9216,
                eanAddOns: EANAddOnPolicy = .auto) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.formats = formats
        self.maxResults = maxResults
        self.maxPayloadBytes = maxPayloadBytes
        self.maxTextBytes = maxTextBytes
        self.eanAddOns = eanAddOns
    }
}
