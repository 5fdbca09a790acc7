import ArgumentParser
import Runtime

@main
struct Lumascan: ParsableCommand {
    static let version = LumascanVersion.string

    static let configuration = CommandConfiguration(
        commandName: "lumascan",
        abstract: "Barcode and QR-code scanner runtime for Raspberry Pi class boards.",
        discussion: """
        Exit codes: 0 success; 1 internal error; 3 some input could not be read; 4 no code found \
        (decode); 5 no code before the --once timeout (run); 6 configuration error; 7 frame source, \
        serial port or USB gadget unavailable; 64 command-line usage error.
        """,
        version: version,
        subcommands: [RunCommand.self, DecodeCommand.self, CheckConfigCommand.self, USBGadgetCommand.self, DevicesCommand.self, BoardCommand.self]
    )
}
