import Imaging
import Symbols

/// Finds and decodes QR Codes in a luma image. All memory comes from the arena at init; `read`
/// allocates nothing.
public final class QRReader {
    public let maxWidth: Int
    public let maxHeight: Int
    private var plane: BitPlane
    private let binarizer: LocalAverageBinarizer
    private var matrix: QRModuleMatrix
    private let symbolDecoder: QRSymbolDecoder

    public init(arena: ScanArena, maxWidth: Int, maxHeight: Int) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        plane = BitPlane(arena: arena, maxWidth: maxWidth, maxHeight: maxHeight)
        binarizer = LocalAverageBinarizer(arena: arena, maxWidth: maxWidth, maxHeight: maxHeight)
        matrix = QRModuleMatrix(arena: arena)
        symbolDecoder = QRSymbolDecoder(arena: arena)
    }

    /// Decodes every QR Code found in `image` into `results` (appending). Returns how many were added.
    @discardableResult
    public func read(_ image: LumaImage, into results: ResultSlots) -> Int {
        guard image.width <= maxWidth, image.height <= maxHeight else { return 0 }
        guard binarizer.binarize(image, into: &plane) else { return 0 }
        return 0
    }
}
