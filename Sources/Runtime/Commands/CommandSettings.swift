/// The command channel (the `[commands]` table): which protocol the serial line speaks, and the
/// command strings of Lumascan's own protocol.
public struct CommandSettings: Equatable, Sendable {
    public enum WireProtocol: String, CaseIterable, Sendable {
        /// Lumascan's commands: configurable trigger strings, status query, test, counter reset.
        case lumascan
        /// Keyence SR: `LON` → `OK,LON`, `ER,<cmd>,<code>`, no-read `ERROR`, `KEYENCE`, `RESET`, `BCLR`,
        /// `NUM`; replies end in CR (or are framed STX … ETX like the command).
        case keyence
        /// Cognex DataMan Control Commands, subset: `||>TRIGGER ON` / `||>TRIGGER OFF`, silent replies or
        /// extended ones (`||<options>[<status>]`), the XOR checksum.
        case cognex
    }

    /// DMCC reply format (Cognex `COM.DMCC-RESPONSE`).
    public enum CognexReplies: String, CaseIterable, Sendable {
        /// No reply to commands; invalid commands are ignored.
        case silent
        /// `||<options>[<status>]` CR LF for every command.
        case extended
    }

    public var `protocol`: WireProtocol
    /// Open and close a read cycle (lumascan and keyence protocols); empty: not recognised.
    public var triggerOn: [UInt8]
    public var triggerOff: [UInt8]
    /// Lumascan protocol: status query, beep/LED test, counter reset.
    public var status: [UInt8]
    public var test: [UInt8]
    public var reset: [UInt8]
    /// Longest command line; a longer one is discarded with an error reply.
    public var maxLineBytes: Int
    /// Every this often `heartbeat` is sent (0: never).
    public var heartbeatMilliseconds: Int
    public var heartbeat: [UInt8]
    public var cognexReplies: CognexReplies

    public init(protocol: WireProtocol = .lumascan, triggerOn: [UInt8] = Array("LON".utf8),
                triggerOff: [UInt8] = Array("LOFF".utf8), status: [UInt8] = Array("?".utf8),
                test: [UInt8] = Array("TEST".utf8), reset: [UInt8] = Array("RESET".utf8), maxLineBytes: Int = 128,
                heartbeatMilliseconds: Int = 0, heartbeat: [UInt8] = Array("HEARTBEAT".utf8),
                cognexReplies: CognexReplies = .silent) {
        self.protocol = `protocol`
        self.triggerOn = triggerOn
        self.triggerOff = triggerOff
        self.status = status
        self.test = test
        self.reset = reset
        self.maxLineBytes = maxLineBytes
        self.heartbeatMilliseconds = heartbeatMilliseconds
        self.heartbeat = heartbeat
        self.cognexReplies = cognexReplies
    }
}

/// Match-code mode (the `[match]` table): each read is compared with an expected content.
public struct MatchSettings: Equatable, Sendable {
    /// The expected content; `?` stands for any one byte, `*` for any run. Empty: match-code mode off.
    public var expected: [UInt8]
    /// After each match, added to the last run of digits in `expected` (Cognex's auto-increment; the
    /// run keeps its width and wraps). 0: off.
    public var increment: Int
    /// Sent in place of the data on a match; empty: the data is sent.
    public var onMatch: [UInt8]
    /// Sent in place of the data on a mismatch; empty: the data is sent.
    public var onMismatch: [UInt8]

    public init(expected: [UInt8] = [], increment: Int = 0, onMatch: [UInt8] = [],
                onMismatch: [UInt8] = Array("MISMATCH".utf8)) {
        self.expected = expected
        self.increment = increment
        self.onMatch = onMatch
        self.onMismatch = onMismatch
    }

    public var isEnabled: Bool { !expected.isEmpty }
}
