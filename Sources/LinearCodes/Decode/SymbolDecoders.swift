import Imaging
import Symbols

/// The enabled per-symbology decoders, run one after the other over a line's edges.
final class SymbolDecoders {
    private let ean: EANDecoder
    private let code128: Code128Decoder
    private let code39: Code39Decoder
    private let code93: Code93Decoder
    private let itf: ITFDecoder
    private let codabar: CodabarDecoder
    let formats: FormatSet

    /// Number of decoders `find` dispatches to (indices `0 ..< passCount`).
    static let passCount = 6
    /// Fewest edges a line needs to hold the smallest symbol of any kind (Code 128 with one data
    /// character has 25 elements, ITF with four digits 27, Code 39 with one character 29).
    static let minimumEdges = 22

    init(arena: ScanArena, formats: FormatSet) {
        self.formats = formats
        ean = EANDecoder(arena: arena, formats: formats)
        code128 = Code128Decoder(arena: arena)
        code128.isEnabled = formats.contains(.code128)
        code39 = Code39Decoder(arena: arena)
        code39.isEnabled = formats.contains(.code39)
        code93 = Code93Decoder(arena: arena)
        code93.isEnabled = formats.contains(.code93)
        itf = ITFDecoder()
        itf.isEnabled = formats.contains(.itf)
        codabar = CodabarDecoder(arena: arena)
        codabar.isEnabled = formats.contains(.codabar)
    }

    var isEnabled: Bool {
        ean.isEnabled || code128.isEnabled || code39.isEnabled || code93.isEnabled || itf.isEnabled
            || codabar.isEnabled
    }

    /// Runs decoder `pass` from element `from`; true when it read a symbol into `sym`.
    @inline(__always)
    func find(_ pass: Int, _ e: EdgeSequence, dark: Bool, from: Int, into sym: inout LineSymbol) -> Bool {
        sym.reset()
        switch pass {
        case 0: return ean.isEnabled && ean.find(e, dark: dark, from: from, into: &sym)
        case 1: return code128.isEnabled && code128.find(e, dark: dark, from: from, into: &sym)
        case 2: return code39.isEnabled && code39.find(e, dark: dark, from: from, into: &sym)
        case 3: return code93.isEnabled && code93.find(e, dark: dark, from: from, into: &sym)
        case 4: return itf.isEnabled && itf.find(e, dark: dark, from: from, into: &sym)
        case 5: return codabar.isEnabled && codabar.find(e, dark: dark, from: from, into: &sym)
        default: return false
        }
    }
}
