import Imaging
import Symbols

/// The enabled per-symbology decoders, tried one after the other at each possible start of a symbol.
final class SymbolDecoders {
    private let ean: EANDecoder
    private let code128: Code128Decoder
    private let code39: Code39Decoder
    private let code93: Code93Decoder
    private let itf: ITFDecoder
    private let codabar: CodabarDecoder
    let formats: FormatSet
    private let useEAN: Bool, useCode128: Bool, useCode39: Bool, useCode93: Bool, useITF: Bool, useCodabar: Bool

    /// Fewest edges a line needs to hold the smallest symbol of any kind (Code 128 with one data
    /// character has 25 elements, ITF with four digits 27, Code 39 with one character 29).
    static let minimumEdges = 22

    init(arena: ScanArena, formats: FormatSet) {
        self.formats = formats
        ean = EANDecoder(arena: arena, formats: formats)
        code128 = Code128Decoder(arena: arena)
        code39 = Code39Decoder(arena: arena)
        code93 = Code93Decoder(arena: arena)
        itf = ITFDecoder()
        codabar = CodabarDecoder(arena: arena)
        useEAN = ean.isEnabled
        useCode128 = formats.contains(.code128)
        useCode39 = formats.contains(.code39)
        useCode93 = formats.contains(.code93)
        useITF = formats.contains(.itf)
        useCodabar = formats.contains(.codabar)
    }

    var isEnabled: Bool { useEAN || useCode128 || useCode39 || useCode93 || useITF || useCodabar }

    /// Tries every enabled symbology with its first bar at element `s`; true when one read a symbol.
    /// After a failure, `sym.progress` tells how far the best of them got.
    @inline(__always)
    func decode(_ e: EdgeSequence, at s: Int, into sym: inout LineSymbol) -> Bool {
        sym.reset()
        if useEAN, ean.decode(e, at: s, into: &sym) { return true }
        if useCode128, code128.decode(e, at: s, into: &sym) { return true }
        if useCode39, code39.decode(e, at: s, into: &sym) { return true }
        if useCode93, code93.decode(e, at: s, into: &sym) { return true }
        if useITF, itf.decode(e, at: s, into: &sym) { return true }
        if useCodabar, codabar.decode(e, at: s, into: &sym) { return true }
        return false
    }
}
