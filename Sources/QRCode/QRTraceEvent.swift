import Imaging

/// What the QR reader is doing, step by step, for `lumascan decode --trace` and tuning. Delivered only
/// to a `QRReader.trace` handler, which is nil in production (then nothing is built or called).
public enum QRTraceEvent: Sendable {
    /// A pass started: binarized plain or smoothed, with the frame's noise estimate.
    case pass(smoothed: Bool, noise: Double, candidates: Int, triples: Int)
    /// A finder-pattern candidate of the pass.
    case eye(center: PointF, module: Double, hits: Int, polarity: UInt8)
    /// A weak hit of the pass (rows like an eye's whose cross-checks failed), with 3 or more rows.
    case weakEye(center: PointF, module: Double, hits: Int, polarity: UInt8)
    /// An eye triple about to be tried with dimension `dimension`, ranked by `score` (timing + eyes, 0…2).
    case triple(topLeft: PointF, topRight: PointF, bottomLeft: PointF, module: Double, dimension: Int, score: Double)
    /// An eye-outline fit: eyes traced (how many of 3) and the best dimension with its mean corner error
    /// in modules (dimension 0 when none fitted).
    case outlineFit(eyesTraced: Int, dimension: Int, error: Double)
    /// A third eye found by its rings beside two found eyes (`EyeRingSearch`), with the module size used
    /// and the fraction of ring modules that matched.
    case missingEye(center: PointF, module: Double, score: Double)
    /// The version blocks read beside the eyes.
    case versionRead(Int)
    /// A decode of a grid sampled with bottom-right anchor `anchor` (nil: the alignment grid).
    case decode(dimension: Int, anchor: PointF?, status: QRDecodeStatus)
}
