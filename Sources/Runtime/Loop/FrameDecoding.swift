import Decoding
import Imaging
import Symbols

/// What the scan loop needs from a decoder: decode a view into fixed result slots. `Decoder` is the
/// real one; tests substitute scripted decoders to check output bytes exactly.
public protocol FrameDecoding: AnyObject {
    /// Decodes `image`; the symbols are in `results` until the next call. Returns their number.
    func decode(_ image: LumaImage) -> Int
    var results: ResultSlots { get }
}

extension Decoder: FrameDecoding {}
