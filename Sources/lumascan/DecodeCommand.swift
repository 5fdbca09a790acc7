import ArgumentParser
import Decoding
import Glibc
import ImageFiles
import Imaging
import QRCode
import Symbols

struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode barcodes and QR codes in image files.",
        discussion: """
        PATH may be an image (PGM, PPM, PBM, PNG, JPEG), a folder (walked recursively, sorted), or a \
        corpus folder with a manifest.jsonl (its images, in its order, named as in the manifest).

        --jsonl prints one JSON object per image:
          {"image": "<name>", "results": [{"format": "QRCode", "text": "…"}], "decode_ms": 0.42}
        with "hex" in place of "text" for payloads that are not text. decode_ms times the decode only.
        An image that cannot be read gets a line with "error" and is reported on stderr; the others
        are still decoded.

        Exit status: 0 when every image was read and at least one code was found, 3 when an image could \
        not be read, 4 when no code was found at all.
        """
    )

    @Flag(name: .long, help: "Print one JSON object per image (for scripts and compare.py).")
    var jsonl = false

    @Option(name: .long, help: "Comma-separated formats to look for (e.g. qr,ean13,code128). Default: all.")
    var formats: String?

    @Option(name: .long, help: "EAN-2/EAN-5 add-ons: auto (appended when read), ignore, require (only EAN/UPC with one).")
    var eanAddons: EANAddOnPolicy = .auto

    @Option(name: .long, help: "Decode each image this many times and report the fastest decode_ms (as compare.py --repeat does for its peers). Default: 1.")
    var `repeat` = 1

    @Flag(name: .long, help: "Print no progress line on stderr.")
    var quiet = false

    @Flag(name: .long, help: "Print what each reader stage did, per image, on stderr.")
    var verbose = false

    @Flag(name: .long, help: "Print every step of the QR reader on stderr (passes, eye triples, decodes).")
    var trace = false

    @Argument(help: "Image files or folders.")
    var paths: [String]

    func validate() throws {
        guard (1...1000).contains(`repeat`) else {
            throw ValidationError("--repeat takes 1 to 1000 (decodes per image), not \(`repeat`).")
        }
        if let formats {
            _ = try parseFormats(formats)
        }
    }

    func run() throws {
        let formatSet = try formats.map(parseFormats) ?? DecoderConfiguration.supportedFormats
        var problems: [String] = []
        let inputs = DecodeInputs.expand(paths, problems: &problems)
        for problem in problems { printError(problem) }
        var session = DecodeSession(formats: formatSet, eanAddOns: eanAddons, trace: trace, diagnostics: verbose)
        let output = DecodeOutput(jsonl: jsonl)
        let progress = Progress(total: inputs.count, enabled: !quiet && inputs.count >= 20)
        var unreadable = problems.count, found = 0
        for (index, input) in inputs.enumerated() {
            progress.update(done: index, name: input.displayName)
            do {
                let image = try ImageFileReader.read(path: input.path)
                let outcome = session.decode(image, repeat: `repeat`)
                if verbose, let stats = outcome.qrStatistics {
                    printError("\(input.displayName): qr candidates=\(stats.finderCandidates) triples=\(stats.triples) " +
                               "tried=\(stats.triplesTried) scored=\(stats.gridsScored) grids=\(stats.gridsSampled) attempts=\(stats.decodeAttempts) " +
                               "decoded=\(stats.decoded)")
                    let t = stats.lastAttempt
                    func f(_ p: PointF?) -> String { p.map { "(\(Int($0.x)),\(Int($0.y)))" } ?? "-" }
                    printError("  last: tl=\(f(t.topLeft)) tr=\(f(t.topRight)) bl=\(f(t.bottomLeft)) module=\(t.module) " +
                               "n=\(t.dimension) score=\(t.score) ap=\(f(t.alignment)) br=\(f(t.bottomRightEstimate)) status=\(t.status)")
                    if dumpGridRequested() { for row in outcome.lastGrid { printError("  grid " + row) } }
                    for c in outcome.finderCandidates {
                        printError("  eye (\(Int(c.center.x)),\(Int(c.center.y))) m=\(c.moduleSize) hits=\(c.hits) pol=\(c.polarity)")
                    }
                }
                found += outcome.symbols.count
                output.write(image: input.displayName, outcome: outcome)
            } catch {
                unreadable += 1
                progress.clear()
                printError("\(error)")
                output.writeError(image: input.displayName, message: "\(error)")
            }
        }
        progress.finish()
        if unreadable > 0 { throw LumascanExit.unreadableInput }
        if found == 0 { throw LumascanExit.noCodeFound }
    }

    private func parseFormats(_ list: String) throws -> FormatSet { try FormatList.parse(list) }
}

/// `LUMASCAN_DUMP_GRID=1` adds the last sampled QR grid to `--verbose` output.
private func dumpGridRequested() -> Bool { getenv("LUMASCAN_DUMP_GRID") != nil }

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}

extension EANAddOnPolicy: ExpressibleByArgument {}
