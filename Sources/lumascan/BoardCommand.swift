import ArgumentParser
import Runtime

struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Show a board profile: config.txt lines, serial device, default wiring and parts.",
        discussion: """
        Without a name, lists the profiles. `board = "NAME"` in the configuration takes the profile's \
        GPIO chip, serial device and pins for every key the file does not set.
        """
    )

    @Argument(help: "pi-zero-2w, pi3b+, pi4, pi5 or generic.")
    var name: String?

    func run() throws {
        guard let name else {
            StandardStreams.out(BoardProfile.all.map { "\($0.key)\t\($0.name)" }.joined(separator: "\n") + "\n")
            return
        }
        guard let board = BoardProfile.named(name) else {
            throw ValidationError("unknown board \"\(name)\"; known: " + BoardProfile.all.map(\.key).joined(separator: ", "))
        }
        StandardStreams.out(BoardReport.render(board))
    }
}
