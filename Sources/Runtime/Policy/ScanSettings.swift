/// When frames are decoded and which reads are sent (the `[scan]` table).
public struct ScanSettings: Equatable, Sendable {
    /// Continuous (presentation) scanning is the only mode of this release; triggered read cycles
    /// (serial commands, a GPIO photo-eye) come with the PLC protocol work and plug into
    /// `ReadController` as further modes.
    public enum Mode: String, CaseIterable, Sendable {
        case continuous
    }

    public var mode: Mode
    /// Same-code suppression window in milliseconds; 0 sends every read.
    public var duplicateMilliseconds: Int
    /// Codes sent per read at most (the rest of a frame's codes are counted as dropped).
    public var maxCodesPerRead: Int

    public init(mode: Mode = .continuous, duplicateMilliseconds: Int = 500, maxCodesPerRead: Int = 16) {
        self.mode = mode
        self.duplicateMilliseconds = duplicateMilliseconds
        self.maxCodesPerRead = maxCodesPerRead
    }
}
