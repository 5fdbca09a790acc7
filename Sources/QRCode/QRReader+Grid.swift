import Imaging
import Symbols

/// From a geometry guess to a decoded symbol: fourth anchors, sampling, decoding.
extension QRReader {
    /// Tries the fourth anchor points for module (N-6.5, N-6.5) in order of trust — an alignment pattern
    /// found near the traced estimate, the traced estimate itself, one found near the affine guess, the
    /// parallelogram — and decodes with each distinct one until one decodes. Returns whether one did and
    /// the first anchor tried (where a rescue would start).
    func decodeWithAnchors(_ geometry: SymbolGeometry, dimension n: Int, polarity: UInt8,
                           into results: ResultSlots) -> (decoded: Bool, firstAnchor: PointF?) {
        let module = geometry.module
        let finder = AlignmentPatternFinder(probe: RunProbe(plane: plane, polarity: polarity))
        var tried = (PointF?.none, PointF?.none, PointF?.none)
        for step in 0..<4 {
            var anchor: PointF?
            switch step {
            case 0:
                if n >= 25, let estimate = geometry.bottomRightEstimate {
                    anchor = finder.find(near: estimate, module: module, radius: 3 * module)
                }
            case 1:
                anchor = geometry.bottomRightEstimate
            case 2:
                if n >= 25 {
                    anchor = finder.find(near: geometry.parallelogramAnchor(dimension: n), module: module, radius: 5 * module)
                }
            default:
                anchor = geometry.parallelogramAnchor(dimension: n)
            }
            guard let point = anchor else { continue }
            // Skip anchors within a module of one already tried: they sample the same grid.
            if let t = tried.0, t.distance(to: point) < module { continue }
            if let t = tried.1, t.distance(to: point) < module { continue }
            if let t = tried.2, t.distance(to: point) < module { continue }
            let isFirst = tried.0 == nil
            if isFirst { tried.0 = point } else if tried.1 == nil { tried.1 = point } else { tried.2 = point }
            statistics.lastAttempt.alignment = point
            anchorForTrace = point
            // The alignment grid locates its own patterns: it needs the first anchor only.
            if decodeSampled(geometry.transform(dimension: n, anchor: point), dimension: n, polarity: polarity,
                             alignmentGrid: isFirst, into: results) {
                return (true, tried.0)
            }
        }
        return (false, tried.0)
    }

    /// Samples with `transform` and decodes, also as a mirrored symbol; commits on success. Modules are
    /// judged between pixels from the grey image first (sub-pixel: small and warped modules), then at the
    /// nearest binarized pixel (which keeps blotches and damage from bending the threshold). With
    /// `alignmentGrid`, symbols of version 7 and up are first sampled cell by cell between their alignment
    /// patterns.
    func decodeSampled(_ transform: PerspectiveTransform, dimension n: Int, polarity: UInt8,
                       alignmentGrid: Bool = true, into results: ResultSlots) -> Bool {
        statistics.lastAttempt.dimension = n
        if alignmentGrid, n >= 45, let version = QRVersion.version(forDimension: n) {
            let anchor = anchorForTrace
            anchorForTrace = nil
            defer { anchorForTrace = anchor }
            for pass in 0..<2 where sampleAlignmentGrid(version, transform, polarity, between: pass == 0) {
                if decodeMatrix(transform, dimension: n, polarity: polarity, into: results) { return true }
            }
        }
        for pass in 0..<2 where sample(transform, dimension: n, polarity: polarity, between: pass == 0) {
            if decodeMatrix(transform, dimension: n, polarity: polarity, into: results) { return true }
        }
        return false
    }

    private func sampleAlignmentGrid(_ version: Int, _ transform: PerspectiveTransform, _ polarity: UInt8,
                                     between: Bool) -> Bool {
        guard matrix.reset(dimension: QRVersion.dimension(version)) else { return false }
        statistics.gridsSampled += 1
        var located = 0
        return AlignmentGrid(plane: plane, polarity: polarity, scratch: scratch, grey: between ? binarizer.greyView : nil)
            .sample(version: version, global: transform, into: matrix, located: &located)
    }

    private func sample(_ transform: PerspectiveTransform, dimension n: Int, polarity: UInt8, between: Bool) -> Bool {
        guard transform.isUsable, matrix.reset(dimension: n) else { return false }
        statistics.gridsSampled += 1
        return GridSampler.sample(plane, polarity: polarity, transform: transform, into: matrix,
                                  grey: between ? binarizer.greyView : nil)
    }

    /// Decodes the sampled matrix, also transposed (a mirrored symbol); commits on success.
    private func decodeMatrix(_ transform: PerspectiveTransform, dimension n: Int, polarity: UInt8,
                              into results: ResultSlots) -> Bool {
        results.beginPending()
        statistics.decodeAttempts += 1
        var mirrored = false
        var status = symbolDecoder.decode(matrix, into: results)
        if status == .payloadTooLarge { statistics.oversized += 1 }
        if status != .decoded && status != .payloadTooLarge { // a payload too large did read: not mirrored
            if symbolDecoder.lastFormatWasModel1 { tripleIsModel1 = true }
            matrix.transpose()
            results.beginPending()
            status = symbolDecoder.decode(matrix, into: results)
            if symbolDecoder.lastFormatWasModel1 { tripleIsModel1 = true }
            mirrored = true
        }
        statistics.lastAttempt.status = status
        statistics.lastAttempt.dimension = n
        trace?(.decode(dimension: n, anchor: anchorForTrace, status: status))
        guard status == .decoded else { return false }
        let nd = Double(n)
        let p00 = transform.apply(0, 0), pn0 = transform.apply(nd, 0)
        let pnn = transform.apply(nd, nd), p0n = transform.apply(0, nd)
        results.pendingInfo.corners = mirrored ? Quad(p00, p0n, pnn, pn0) : Quad(p00, pn0, pnn, p0n)
        lastDecodedCorners = Quad(p00, pn0, pnn, p0n)
        lastDecodedModule = (p00.distance(to: pn0) + p00.distance(to: p0n)) / (2 * nd)
        results.pendingInfo.isMirrored = mirrored
        results.pendingInfo.isInverted = polarity == 1
        if results.containsPending(format: .qrCode) { return true } // same symbol found twice
        results.commit()
        return true
    }
}
