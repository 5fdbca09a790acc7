import Symbols

/// Command-line settings that win over the file (`lumascan run --demo --baud 9600 …`). Kept apart from
/// the file's values so that a reload after SIGHUP applies them again to the new file.
public struct ConfigOverrides: Equatable, Sendable {
    public var demo = false
    public var replayPath: String?
    public var fps: Double?
    public var serialDevice: String?
    public var baudRate: Int?
    public var outputFormat: OutputSettings.Format?
    public var aimIdentifier: Bool?
    public var formats: FormatSet?
    public var duplicateMilliseconds: Int?

    public init() {}

    /// `config` with the overrides applied.
    public func applied(to config: ScannerConfiguration) -> ScannerConfiguration {
        var c = config
        if demo { c.source.kind = .demo }
        if let replayPath {
            c.source.kind = .replay
            c.source.replay.path = replayPath
        }
        if let fps {
            switch c.source.kind {
            case .camera: c.source.camera.fps = fps
            case .replay: c.source.replay.fps = fps
            case .demo: c.source.demo.fps = fps
            }
        }
        if let serialDevice { c.serial.device = serialDevice }
        if demo && serialDevice == nil { c.serial.device = LinkSettings.standardOutput }
        if let baudRate { c.serial.line.baudRate = baudRate }
        if let outputFormat { c.output.format = outputFormat }
        if let aimIdentifier { c.output.aimIdentifier = aimIdentifier }
        if let formats { c.decode.formats = formats }
        if let duplicateMilliseconds { c.scan.duplicateMilliseconds = duplicateMilliseconds }
        return c
    }
}
