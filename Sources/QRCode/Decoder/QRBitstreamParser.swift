import Imaging
import Symbols

/// Turns the corrected data codewords of a symbol into its payload (ISO/IEC 18004:2015 § 7.4):
/// segments in numeric, alphanumeric, byte and Kanji mode (and GB/T 18284 Hanzi mode); ECI designators
/// (§ 7.4.3); FNC1 in first position (GS1) and second position (AIM application indicator, § 7.4.8); the
/// structured append header (§ 8); up to the terminator or the end of the data.
///
/// Payload bytes go to `results.pendingBytes` as encoded (numeric and alphanumeric data as ASCII, Kanji
/// as Shift_JIS pairs, byte data raw); their text, decoded per ECI or guessed, to `results.pendingText`.
struct QRBitstreamParser {
    private var runs: TextRuns
    /// Non-empty segments a v40 symbol can hold stay far below this (each takes 18+ bits of 23 648).
    static let maxRuns = 2048

    init(arena: ScanArena) {
        runs = TextRuns(arena: arena, capacity: Self.maxRuns)
    }

    /// What the bit stream declared besides its data.
    private struct Flags {
        var hasECI = false
        var gs1 = false // FNC1 in first position
        var applicationIndicator = false // FNC1 in second position
        var encoding: TextEncoding? // the current ECI's, nil before any
        var structuredAppend = StructuredAppend.none
        var model1 = false
    }

    /// Parses `count` data codewords of a `version` symbol. Fills the pending payload, text and the
    /// stream-level facts of `results.pendingInfo` (AIM modifier, GS1, ECI, structured append).
    /// A Model 1 stream (`model1`) starts with 4 bits that carry nothing and has no ECI (`QRModel1`).
    mutating func parse(_ data: UnsafePointer<UInt8>, count: Int, version: Int, model1: Bool = false,
                        into results: ResultSlots) -> QRDecodeStatus {
        runs.reset()
        var reader = QRBitReader(bytes: data, count: count)
        var bytes = results.pendingBytes // a copy of the view; written back below
        var flags = Flags()
        flags.model1 = model1
        defer { results.pendingBytes = bytes }
        if model1 { _ = reader.read(4) }

        while reader.available >= 4 {
            guard let mode = QRMode(rawValue: reader.read(4)) else { return .badBitstream }
            let start = bytes.count
            switch mode {
            case .terminator:
                return finish(flags, bytes: bytes, results: results)
            case .numeric, .alphanumeric, .byte, .kanji:
                let countBits = QRMode.characterCountBits(mode, version: version)
                guard reader.available >= countBits else { return .badBitstream }
                let characters = reader.read(countBits)
                let status: QRDecodeStatus
                switch mode {
                case .numeric: status = Self.numeric(characters, &reader, &bytes)
                case .alphanumeric: status = Self.alphanumeric(characters, fnc1: flags.gs1 || flags.applicationIndicator, &reader, &bytes)
                case .byte: status = Self.byteData(characters, &reader, &bytes)
                default: status = Self.kanji(characters, &reader, &bytes)
                }
                guard status == .decoded else { return status }
                // Numeric and alphanumeric data is ASCII whatever the ECI; Kanji mode is always JIS X 0208.
                let encoding: TextEncoding? = mode == .byte ? flags.encoding : (mode == .kanji ? .shiftJIS : .iso8859_1)
                runs.append(start: start, end: bytes.count, encoding: encoding)
            case .eci:
                guard !model1, let designator = Self.eciDesignator(&reader) else { return .badBitstream }
                flags.hasECI = true
                // An ECI Lumascan cannot read keeps its bytes; the text shows them as ISO-8859-1.
                flags.encoding = TextEncoding(eci: designator) ?? .binary
            case .fnc1FirstPosition:
                flags.gs1 = true
            case .fnc1SecondPosition:
                // § 7.4.8.3: the application indicator comes first in the data; zxing-cpp transmits it
                // as two digits ("00"…"99") or one letter, in front of the data.
                guard bytes.count == 0, !flags.gs1, reader.available >= 8 else { return .badBitstream }
                let indicator = reader.read(8)
                if indicator < 100 {
                    bytes.append(UInt8(truncatingIfNeeded: 0x30 + indicator / 10))
                    bytes.append(UInt8(truncatingIfNeeded: 0x30 + indicator % 10))
                } else if (165...190).contains(indicator) || (197...222).contains(indicator) {
                    bytes.append(UInt8(truncatingIfNeeded: indicator - 100)) // "A"…"Z", "a"…"z"
                } else {
                    return .badBitstream
                }
                flags.applicationIndicator = true
                runs.append(start: start, end: bytes.count, encoding: .iso8859_1)
            case .structuredAppend:
                guard reader.available >= 16 else { return .badBitstream }
                let index = reader.read(4), total = reader.read(4) + 1, parity = reader.read(8)
                flags.structuredAppend = StructuredAppend(
                    index: UInt8(truncatingIfNeeded: index), count: UInt8(truncatingIfNeeded: total),
                    parity: UInt8(truncatingIfNeeded: parity))
            case .hanzi:
                // GB/T 18284: a 4-bit subset indicator (1 = GB 2312, the only one defined), then a count.
                guard reader.available >= 4, reader.read(4) == 1 else { return .badBitstream }
                let countBits = QRMode.characterCountBits(.hanzi, version: version)
                guard reader.available >= countBits else { return .badBitstream }
                let status = Self.hanzi(reader.read(countBits), &reader, &bytes)
                guard status == .decoded else { return status }
                runs.append(start: start, end: bytes.count, encoding: .gb2312)
            }
            if bytes.overflowed { return .payloadTooLarge }
        }
        // Fewer than 4 bits left: the terminator may be cut short or left out (§ 7.4.9).
        return finish(flags, bytes: bytes, results: results)
    }

    private mutating func finish(_ flags: Flags, bytes: PayloadBuffer, results: ResultSlots) -> QRDecodeStatus {
        guard !bytes.overflowed else { return .payloadTooLarge }
        guard !runs.overflowed else { return .badBitstream }
        var text = results.pendingText
        // Bytes before the first ECI of a symbol that has one are in the default ECI 000003 (§ 7.4.3.1);
        // in a symbol without any, byte data is guessed (UTF-8, Shift_JIS or ISO-8859-1).
        runs.render(bytes.contents, undeclared: flags.hasECI ? .iso8859_1 : nil, to: &text)
        results.pendingText = text
        guard !text.overflowed else { return .payloadTooLarge }

        let base: UInt8 = flags.gs1 ? 3 : (flags.applicationIndicator ? 5 : 1)
        // ISO/IEC 15424: "]Q0" is a Model 1 symbol, whatever it holds.
        let modifier = flags.model1 ? UInt8(ascii: "0") : UInt8(ascii: "0") + base + (flags.hasECI ? 1 : 0)
        results.pendingInfo.aim = AIMIdentifier(code: UInt8(ascii: "Q"), modifier: modifier)
        results.pendingInfo.isGS1 = flags.gs1
        results.pendingInfo.hasECI = flags.hasECI
        results.pendingInfo.structuredAppend = flags.structuredAppend
        return .decoded
    }
}
