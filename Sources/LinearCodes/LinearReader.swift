import Imaging
import Symbols

// STUB — replaced by the 1D reader.

/// Finds and decodes linear barcodes in a luma image. All memory comes from the arena at init.
public final class LinearReader {
    public init(arena: ScanArena, maxWidth: Int, maxHeight: Int, formats: FormatSet) {}

    /// Decodes the enabled linear symbols in `image` into `results` (appending). Returns how many.
    @discardableResult
    public func read(_ image: LumaImage, into results: ResultSlots) -> Int { 0 }
}
