import Imaging

/// Scratch buffers of the detector stages, reserved once in the arena (stack temporaries above about
/// 1 KiB would come from the heap, per frame).
struct DetectorScratch {
    static let maxEdgePoints = 128

    /// Edge points of one traced eye side.
    let edgePoints: UnsafeMutableBufferPointer<PointF>
    /// Alignment grid: pattern centres, which were found, and one transform per cell.
    let gridPoints: UnsafeMutableBufferPointer<PointF>
    let gridFound: UnsafeMutableBufferPointer<Bool>
    let gridCells: UnsafeMutableBufferPointer<PerspectiveTransform>
    /// Eye-corner correspondences for `EyeQuadFit`.
    let fitSource: UnsafeMutableBufferPointer<PointF>
    let fitTarget: UnsafeMutableBufferPointer<PointF>
    /// Ray crossings of one eye outline.
    let outlinePoints: UnsafeMutableBufferPointer<PointF>

    init(arena: ScanArena) {
        edgePoints = arena.reserve(PointF.self, count: Self.maxEdgePoints)
        let k = AlignmentGrid.maxCoordinates
        gridPoints = arena.reserve(PointF.self, count: k * k)
        gridFound = arena.reserve(Bool.self, count: k * k)
        gridCells = arena.reserve(PerspectiveTransform.self, count: (k - 1) * (k - 1))
        fitSource = arena.reserve(PointF.self, count: 12)
        fitTarget = arena.reserve(PointF.self, count: 12)
        outlinePoints = arena.reserve(PointF.self, count: EyeOutline.rays)
    }
}
