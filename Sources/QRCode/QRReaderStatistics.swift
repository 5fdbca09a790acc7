import Imaging

/// Geometry and outcome of one decode attempt (diagnostics).
public struct QRAttemptTrace: Sendable {
    public var topLeft = PointF.zero, topRight = PointF.zero, bottomLeft = PointF.zero
    public var module = 0.0
    public var dimension = 0
    public var alignment: PointF?
    public var bottomRightEstimate: PointF?
    public var status: QRDecodeStatus = .badFormatInformation
    public var score = 0.0

    public init() {}
}

/// Per-frame counters of the QR reader's stages.
public struct QRReaderStatistics: Sendable {
    /// The last attempt that reached the decoder.
    public var lastAttempt = QRAttemptTrace()
    public var finderCandidates = 0
    /// Finder hits dropped because the candidate table was full.
    public var finderOverflow = 0
    /// Weak hits (rows like an eye's that failed the cross-checks) dropped because their table was full.
    public var weakHitOverflow = 0
    public var triples = 0
    public var triplesTried = 0
    public var gridsScored = 0
    public var gridsSampled = 0
    public var decodeAttempts = 0
    public var refinements = 0
    /// Symbols that decoded but did not fit a result slot.
    public var oversized = 0
    public var versionsRead = 0
    public var outlineFits = 0
    public var anchorSearches = 0
    /// Eye pairs whose missing third eye was looked for, and third eyes found by their rings.
    public var eyePairsTried = 0
    public var eyesLocated = 0
    /// The smoothed pass ran.
    public var smoothedPass = false
    public var decoded = 0

    public init() {}
}
