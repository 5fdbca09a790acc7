import Imaging

/// Position of one symbol in a structured-append sequence (ISO/IEC 18004 § 8): symbol `index` (0-based)
/// of `count`, with the parity byte shared by the whole sequence. `count == 0` means "not part of one".
public struct StructuredAppend: Equatable, Sendable {
    public var index: UInt8
    public var count: UInt8
    public var parity: UInt8

    public init(index: UInt8, count: UInt8, parity: UInt8) {
        self.index = index
        self.count = count
        self.parity = parity
    }

    public static let none = StructuredAppend(index: 0, count: 0, parity: 0)
    public var isPresent: Bool { count > 0 }
}

/// Facts about a decoded symbol besides its payload. Plain value: no references, fixed size.
public struct SymbolInfo: Sendable {
    public var format: SymbolFormat = .qrCode
    public var aim: AIMIdentifier = .none
    /// Error-correction level letter (`L`, `M`, `Q`, `H` for QR), or 0.
    public var ecLevel: UInt8 = 0
    /// Symbol version (QR 1…40), or 0 when the symbology has none.
    public var version: Int16 = 0
    /// Corners in reading order (top-left of the symbol as printed first), in frame pixels.
    public var corners: Quad = .zero
    public var structuredAppend: StructuredAppend = .none
    /// The symbol was printed mirrored (read from its reflection).
    public var isMirrored = false
    /// The symbol was light on dark.
    public var isInverted = false
    /// GS1 data (FNC1 in first position): element strings separated by GS (0x1D).
    public var isGS1 = false
    /// The payload declared at least one ECI.
    public var hasECI = false
    /// Codewords (or characters) that error correction repaired.
    public var errorsCorrected: Int16 = 0

    public init() {}
}
