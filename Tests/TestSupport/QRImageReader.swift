import Imaging
import QRCode
import Symbols

/// Reads test images with a fresh `QRReader` sized to each, for tests of the whole reader.
public enum QRImageReader {
    /// The texts of the symbols `QRReader` finds in `image`, in the order it reports them.
    public static func texts(in image: GrayImage) -> [String] {
        let arena = ScanArena()
        let reader = QRReader(arena: arena, maxWidth: image.width, maxHeight: image.height)
        let results = ResultSlots(arena: arena)
        results.reset()
        let n = image.withLumaImage { reader.read($0, into: results) }
        return (0..<n).map { results[$0].textString }
    }
}
