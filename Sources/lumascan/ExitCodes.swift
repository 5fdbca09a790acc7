import ArgumentParser

/// Exit codes of `lumascan`, documented in `lumascan --help` and the README.
enum LumascanExit {
    /// Some input (image file, folder, manifest) could not be read; the rest was processed.
    static let unreadableInput = ExitCode(3)
    /// `decode` read every input but found no code in any of them.
    static let noCodeFound = ExitCode(4)
}
