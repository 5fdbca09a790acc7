import Imaging
import Symbols

// STUB — replaced by the QR decoding implementation (format/version information, masks, codewords,
// Reed-Solomon, bit stream). The interface below is the contract with the detector.

/// Why a sampled matrix did not decode. `decoded` means the pending result slot holds the payload.
public enum QRDecodeStatus: UInt8, Sendable {
    case decoded
    case badFormatInformation
    case badVersionInformation
    case tooManyErrors
    case badBitstream
    case payloadTooLarge
}

/// Error-correction level of a QR symbol.
public enum QRErrorCorrectionLevel: UInt8, Sendable {
    case low, medium, quartile, high

    public var letter: UInt8 {
        switch self {
        case .low: UInt8(ascii: "L")
        case .medium: UInt8(ascii: "M")
        case .quartile: UInt8(ascii: "Q")
        case .high: UInt8(ascii: "H")
        }
    }
}

/// Turns a module matrix into a decoded payload. All scratch comes from the arena at init.
public final class QRSymbolDecoder {
    public init(arena: ScanArena) {}

    /// Decodes `matrix` as printed (not mirrored). On `.decoded`, `results.pendingInfo/Bytes/Text` hold
    /// the symbol (format, AIM id, EC level, version, structured append, GS1/ECI flags) and the caller sets
    /// corners and flags it knows, then commits.
    public func decode(_ matrix: QRModuleMatrix, into results: ResultSlots) -> QRDecodeStatus {
        .badFormatInformation
    }
}
