import Imaging
import LinearCodes
import Symbols
import TestSupport

/// What a test sees of one decoded symbol.
struct LinearRead: Equatable, CustomStringConvertible {
    var format: String
    var text: String
    var aim: String
    var isGS1: Bool
    var isInverted: Bool
    var corners: Quad

    var description: String { "\(format) \(aim) \"\(text)\"" }
}

/// A `LinearReader` with its arena and result slots, sized for the frames a test uses.
final class LinearTestHarness {
    let arena = ScanArena()
    let reader: LinearReader
    let results: ResultSlots

    init(maxWidth: Int = 2000, maxHeight: Int = 2000, formats: FormatSet = .linear, eanAddOns: EANAddOnPolicy = .auto) {
        reader = LinearReader(arena: arena, maxWidth: maxWidth, maxHeight: maxHeight, formats: formats,
                              eanAddOns: eanAddOns)
        results = ResultSlots(arena: arena)
    }

    /// Decodes `image` (a fresh frame: the slots are reset first).
    func read(_ image: GrayImage) -> [LinearRead] {
        image.withLumaImage { read($0) }
    }

    func read(_ luma: LumaImage) -> [LinearRead] {
        results.reset()
        let n = reader.read(luma, into: results)
        return (0..<n).map { i in
            let s = results[i]
            return LinearRead(format: s.format.name, text: s.textString, aim: s.info.aim.description, isGS1: s.info.isGS1,
                              isInverted: s.info.isInverted, corners: s.info.corners)
        }
    }

    /// Renders `symbol` and decodes it.
    func roundTrip(_ symbol: LinearSymbol, _ options: LinearRenderOptions) -> [LinearRead] {
        read(LinearRenderer.render(symbol, options))
    }
}

extension LinearSymbol {
    /// Whether `reads` holds exactly this symbol (format, text and AIM identifier) and nothing else.
    func isOnlyRead(in reads: [LinearRead]) -> Bool {
        reads.count == 1 && reads[0].format == format && reads[0].text == text && reads[0].aim == aim
    }
}
