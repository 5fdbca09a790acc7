import ArgumentParser
import Runtime

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a configuration file and print the effective configuration.",
        discussion: """
        Prints every key with the value in force (defaults filled in) as TOML on stdout, or every \
        mistake on stderr as FILE:LINE:COLUMN: KEY = VALUE: problem; allowed: … (exit status 6).
        """
    )

    @Argument(help: "The configuration file (e.g. /etc/lumascan/lumascan.toml).")
    var file: String

    func run() throws {
        do {
            let config = try ConfigLoader.load(path: file)
            StandardStreams.out(ConfigPrinter.render(config))
        } catch {
            for e in error.errors { printError(e.description) }
            printError("\(error.errors.count) error\(error.errors.count == 1 ? "" : "s") in \(file)")
            throw LumascanExit.configurationError
        }
    }
}
