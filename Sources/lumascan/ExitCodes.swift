import ArgumentParser

/// Exit codes of `lumascan`, documented in `lumascan --help` and the README.
enum LumascanExit {
    /// Some input (image file, folder, manifest) could not be read; the rest was processed.
    static let unreadableInput = ExitCode(3)
    /// `decode` read every input but found no code in any of them.
    static let noCodeFound = ExitCode(4)
    /// `run --once`: the timeout passed before a code was read.
    static let timedOut = ExitCode(5)
    /// The configuration file is missing, unreadable or invalid (every mistake is printed).
    static let configurationError = ExitCode(6)
    /// A device could not be opened: the frame source (camera, replay file) or the serial port.
    static let deviceUnavailable = ExitCode(7)
}
