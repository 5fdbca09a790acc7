import Imaging
import Symbols

/// Why a sampled matrix did not decode. `decoded` means the pending result slot holds the payload.
public enum QRDecodeStatus: UInt8, Sendable {
    case decoded
    /// Neither copy of the format information is within 3 bits of a valid word.
    case badFormatInformation
    /// The matrix has no QR size, or its version information names another version than its size.
    case badVersionInformation
    /// A Reed-Solomon block holds more errors than its level can correct.
    case tooManyErrors
    /// The corrected data is not a valid bit stream (unknown mode, cut-short segment, bad digit…).
    case badBitstream
    /// The payload or its text does not fit the result slot.
    case payloadTooLarge
}

/// Turns a module matrix into a decoded payload (ISO/IEC 18004:2015 § 7, decoding steps of § 12):
/// format information → version → unmask and read codewords → de-interleave and correct blocks →
/// parse the bit stream → text. All scratch comes from the arena at init; `decode` allocates nothing.
///
/// One decoder per scanning thread (its scratch is shared between calls).
public final class QRSymbolDecoder {
    /// Codewords as read from the matrix (interleaved).
    private let codewords: UnsafeMutablePointer<UInt8>
    /// Data codewords after correction, in block order.
    private let data: UnsafeMutablePointer<UInt8>
    private let reader: QRCodewordReader
    private let corrector: QRBlockCorrector
    private var parser: QRBitstreamParser
    /// The last `decode` read format information that is clearly Model 1 (at most 1 bit off a Model 1
    /// word), whether or not the rest decoded: the detector then samples that symbol as Model 1.
    public private(set) var lastFormatWasModel1 = false

    public init(arena: ScanArena) {
        codewords = arena.reserve(UInt8.self, count: QRVersion.maxTotalCodewords).baseAddress.unsafelyUnwrapped
        data = arena.reserve(UInt8.self, count: QRVersion.maxTotalCodewords).baseAddress.unsafelyUnwrapped
        reader = QRCodewordReader(arena: arena)
        corrector = QRBlockCorrector(arena: arena)
        parser = QRBitstreamParser(arena: arena)
        // Touch the global tables once here, so that their lazy initialisation (which may allocate in
        // an unoptimised build) never happens inside `decode`.
        QRSymbolDecoder.warmUpTables()
    }

    /// Decodes `matrix` as printed (not mirrored). Starts by clearing the pending slot of `results`.
    /// On `.decoded`, `results.pendingInfo/Bytes/Text` hold the symbol (format, AIM id, EC level,
    /// version, structured append, GS1/ECI flags, corrected codewords) and the caller sets corners and
    /// the flags it knows (mirrored, inverted), then commits.
    ///
    /// For versions 7 and up, the version information must agree with the size when it can be read;
    /// when neither copy can be read, the size alone decides (Reed-Solomon still guards the result).
    /// Format information masked as in Model 1 (versions 1–14) makes it a Model 1 symbol (`QRModel1`):
    /// no version information, its own placement, blocks and AIM identifier.
    public func decode(_ matrix: QRModuleMatrix, into results: ResultSlots) -> QRDecodeStatus {
        results.beginPending()
        lastFormatWasModel1 = false
        guard let version = QRVersion.version(forDimension: matrix.dimension) else { return .badVersionInformation }
        let format = QRFormatInformation.readCopies(from: matrix)
        guard let preferred = format.preferred else { return .badFormatInformation }
        lastFormatWasModel1 = preferred.isModel1 && preferred.bitErrors <= 1
        if !preferred.isModel1, version >= 7, let read = QRVersionInformation.read(from: matrix), read != version {
            return .badVersionInformation
        }
        let status = decode(matrix, version: version, format: preferred, into: results)
        // The two copies disagree: the other reading gets its chance when the first fails.
        guard status != .decoded, let alternative = format.alternative else { return status }
        results.beginPending()
        let second = decode(matrix, version: version, format: alternative, into: results)
        return second == .decoded ? second : status
    }

    private func decode(
        _ matrix: QRModuleMatrix, version: Int, format: QRFormatInformation, into results: ResultSlots
    ) -> QRDecodeStatus {
        let model1 = format.isModel1
        guard let layout = model1 ? QRBlockLayout(model1Version: version, level: format.level)
                                  : QRBlockLayout(version: version, level: format.level)
        else { return .badVersionInformation }
        let total = reader.read(
            matrix, version: version, model1: model1, mask: format.mask, into: codewords,
            capacity: QRVersion.maxTotalCodewords)
        // Model 1 symbols may hold remainder codewords after their blocks.
        guard model1 ? total >= layout.totalCodewords : total == layout.totalCodewords else { return .badVersionInformation }
        if model1 { codewords[0] &= 0x0F } // its upper half is the corner readers ignore (`QRModel1`)
        guard let corrected = corrector.correct(
            codewords, count: layout.totalCodewords, layout: layout, data: data, dataCapacity: QRVersion.maxTotalCodewords)
        else { return .tooManyErrors }

        let status = parser.parse(data, count: layout.dataCodewords, version: version, model1: model1, into: results)
        guard status == .decoded else { return status }
        results.pendingInfo.format = .qrCode
        results.pendingInfo.ecLevel = format.level.letter
        results.pendingInfo.version = Int16(version)
        results.pendingInfo.errorsCorrected = Int16(truncatingIfNeeded: corrected)
        return .decoded
    }

    private static func warmUpTables() {
        _ = QRBlockLayout(version: 1, level: .low)
        _ = QRBlockLayout(model1Version: 1, level: .low)
        _ = QRVersion.alignmentCoordinate(2, 0)
        _ = QRFormatInformation.decode(bits: 0)
        TextTranscoder.prepareTables()
    }
}
