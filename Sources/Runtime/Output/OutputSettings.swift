/// How reads are written on the serial line (the `[output]` table of the configuration).
public struct OutputSettings: Equatable, Sendable {
    public enum Format: String, CaseIterable, Sendable {
        /// prefix + data + suffix (default suffix CR LF); several codes of one read joined by `separator`.
        case plain
        /// STX + prefix + data + suffix + ETX + BCC (XOR of every byte after STX up to and including ETX,
        /// as Denso readers frame it).
        case stxEtx = "stx-etx"
        /// One JSON object per read and line, for software hosts.
        case jsonLines = "jsonl"
    }

    /// What "data" is for a code.
    public enum Payload: String, CaseIterable, Sendable {
        /// The decoded text in UTF-8 (character sets and ECI applied; GS1 separators as GS, 0x1D).
        /// Codes that are not text (binary byte-mode payloads) are sent as their raw bytes.
        case text
        /// Always the raw payload bytes as encoded in the symbol.
        case raw
    }

    public var format: Format
    /// Put the ISO/IEC 15424 symbology identifier (`]Q1`, `]E0`, …) in front of each code's data.
    public var aimIdentifier: Bool
    public var prefix: [UInt8]
    /// Nil means the format's default: CR LF for `plain`, nothing for `stx-etx` (ETX ends the frame).
    public var suffix: [UInt8]?
    /// Between the codes of one read (the Keyence and Microscan default is `,`).
    public var separator: [UInt8]
    public var payload: Payload

    public init(format: Format = .plain, aimIdentifier: Bool = false, prefix: [UInt8] = [], suffix: [UInt8]? = nil,
                separator: [UInt8] = Array(",".utf8), payload: Payload = .text) {
        self.format = format
        self.aimIdentifier = aimIdentifier
        self.prefix = prefix
        self.suffix = suffix
        self.separator = separator
        self.payload = payload
    }

    /// The suffix in effect.
    public var effectiveSuffix: [UInt8] {
        if let suffix { return suffix }
        switch format {
        case .plain: return [0x0D, 0x0A]
        case .stxEtx: return []
        case .jsonLines: return [0x0A]
        }
    }
}
