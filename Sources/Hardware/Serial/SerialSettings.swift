/// Line settings of a serial port: what a PLC's serial card must be set to as well.
///
/// Defaults are those of industrial readers (Keyence SR, Honeywell): 115200 baud, 8 data bits, no
/// parity, 1 stop bit, no flow control ("115200 8N1").
public struct SerialSettings: Equatable, Sendable {
    public enum Parity: String, CaseIterable, Sendable {
        case none, even, odd
    }

    /// Bits per second; one of `supportedBaudRates`.
    public var baudRate: Int
    /// 5, 6, 7 or 8.
    public var dataBits: Int
    public var parity: Parity
    /// 1 or 2.
    public var stopBits: Int
    /// RTS/CTS hardware flow control (the C flag is `CRTSCTS`).
    public var hardwareFlowControl: Bool

    public init(baudRate: Int = 115_200, dataBits: Int = 8, parity: Parity = .none, stopBits: Int = 1,
                hardwareFlowControl: Bool = false) {
        self.baudRate = baudRate
        self.dataBits = dataBits
        self.parity = parity
        self.stopBits = stopBits
        self.hardwareFlowControl = hardwareFlowControl
    }

    /// The rates Linux names with a `B…` constant between 1200 and 4,000,000 (what `cfsetspeed` takes).
    public static let supportedBaudRates = [
        1200, 1800, 2400, 4800, 9600, 19200, 38400, 57600, 115_200, 230_400, 460_800, 500_000, 576_000,
        921_600, 1_000_000, 1_152_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000, 3_500_000, 4_000_000,
    ]
    public static let supportedDataBits = [5, 6, 7, 8]
    public static let supportedStopBits = [1, 2]

    /// "115200 8N1", "9600 7E2 RTS/CTS".
    public var summary: String {
        let p = parity == .none ? "N" : parity == .even ? "E" : "O"
        return "\(baudRate) \(dataBits)\(p)\(stopBits)" + (hardwareFlowControl ? " RTS/CTS" : "")
    }
}
