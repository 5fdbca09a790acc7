import Imaging
import Symbols

/// What one decoder read on one scan line: the symbol's payload and facts, and where along the line it
/// lies (as element indices of the `EdgeSequence` it was read from). A vote, not yet a result.
///
/// The payload is the transmitted data as bytes: ASCII for most symbologies, Latin-1 for Code 128's
/// extended characters (FNC4), GS (0x1D) for GS1 separators. Text for the result is made from it.
struct LineSymbol {
    var format: SymbolFormat = .ean13
    /// AIM modifier character (ISO/IEC 15424), e.g. `0` for `]E0`.
    var modifier: UInt8 = UInt8(ascii: "0")
    var isGS1 = false
    /// Bars were light on a dark background.
    var isInverted = false
    var payload: PayloadBuffer
    /// EAN/UPC add-on (EAN-2 or EAN-5) digits, empty when none was read on this line.
    var addOn: PayloadBuffer
    /// An add-on guard follows the symbol but its digits did not read.
    var addOnSuspected = false
    /// First element of the symbol (its first bar) and last element (its last bar).
    var firstElement = 0
    var lastElement = 0
    /// How far a decoder got, whether or not the symbol read: characters matched (the start character
    /// counts as one) and the last element they reached. A line that matched a few characters and then
    /// failed deserves a second look.
    var progress = 0
    var progressElement = 0
    /// A Code 128 start character matched (the line may be thin print under blur: see `InkAreas`).
    var code128Started = false
    /// Smallest module (samples) of the start patterns matched at this start, 0 when none matched.
    var startModule: Float = 0
    /// Narrowest element width (module or narrow bar) in samples, for sizing neighbouring scans.
    var module: Float = 0

    init(payload: UnsafeMutablePointer<UInt8>, payloadCapacity: Int, addOn: UnsafeMutablePointer<UInt8>) {
        self.payload = PayloadBuffer(base: payload, capacity: payloadCapacity)
        self.addOn = PayloadBuffer(base: addOn, capacity: 8)
    }

    /// Clears the record for the next attempt.
    @inline(__always)
    mutating func reset() {
        payload.removeAll()
        addOn.removeAll()
        addOnSuspected = false
        modifier = UInt8(ascii: "0")
        isGS1 = false
        firstElement = 0
        lastElement = 0
        module = 0
        progress = 0
        progressElement = 0
        code128Started = false
        startModule = 0
    }

    /// Notes that a start pattern of `module` samples per module matched.
    @inline(__always)
    mutating func started(module: Float) {
        startModule = startModule == 0 ? module : min(startModule, module)
    }

    /// Notes that `characters` characters read up to element `element` (keeps the furthest).
    @inline(__always)
    mutating func advance(_ characters: Int, to element: Int) {
        if characters > progress {
            progress = characters
            progressElement = element
        }
    }
}

/// Shared limits for the decoders.
enum LinearLimits {
    /// Room for one line's payload. Code 128 at 1 px modules across the widest frame (65536 px) would
    /// carry about 11,900 characters; real symbols carry well under 100, and longer reads are refused.
    static let maxPayload = 256
}

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
