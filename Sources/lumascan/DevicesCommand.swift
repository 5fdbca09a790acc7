import ArgumentParser
import Runtime

struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List cameras, GPIO chips and serial ports, with the names the configuration takes.",
        discussion: """
        Cameras with their formats (those libv4lconvert provides marked "converted"), sizes, the \
        format lumascan would use and the controls [camera] controls can set; GPIO chips with their \
        label, line names and which lines are in use; serial ports that answer. Opens devices \
        read-only in effect: nothing is configured or written.
        """
    )

    @Flag(name: .customLong("no-controls"), help: "Leave out the camera controls.")
    var noControls = false

    func run() throws {
        StandardStreams.out(DeviceReport.render(showControls: !noControls))
    }
}
