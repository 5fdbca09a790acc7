// lumascan-bench: decode speed, heap allocations per frame and peak memory of the Decoder.
//
//   swift run -c release lumascan-bench [--repeat N] [--formats qr,ean13,…] PATH…
//
// PATHs are image files, folders, or corpus folders with manifest.jsonl (see `lumascan decode`).
// Every image is decoded once to warm up, then N times with the malloc counter on; the report gives
// per-image decode time (fastest of N, median and p95 over images), frames per second, heap
// allocations per frame (0 is the requirement), the arena size and the process's peak RSS.

import Decoding
import Glibc
import ImageFiles
import Imaging
import MallocCounter
import Symbols

struct Options {
    var repeatCount = 5
    var formats = DecoderConfiguration.supportedFormats
    var paths: [String] = []
}

func parseOptions() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst()
    while let a = args.popFirst() {
        switch a {
        case "--repeat":
            o.repeatCount = max(1, Int(args.popFirst() ?? "") ?? 5)
        case "--formats":
            var set = FormatSet()
            for key in (args.popFirst() ?? "").split(separator: ",") {
                guard let f = SymbolFormat(key: String(key)) else { fail("unknown format \(key)") }
                set.insert(FormatSet(f))
            }
            o.formats = set
        case "-h", "--help":
            print("usage: lumascan-bench [--repeat N] [--formats LIST] PATH…")
            exit(0)
        default:
            o.paths.append(a)
        }
    }
    if o.paths.isEmpty { fail("no images given (try ../shared/corpus)") }
    return o
}

func fail(_ message: String) -> Never {
    printError("lumascan-bench: \(message)")
    exit(2)
}

func imagePaths(_ paths: [String]) -> [String] {
    var out: [String] = []
    for path in paths {
        var st = stat()
        guard stat(path, &st) == 0 else { fail("\(path): not found") }
        if st.st_mode & S_IFMT != S_IFDIR {
            out.append(path)
            continue
        }
        let manifest = path + "/manifest.jsonl"
        if let f = fopen(manifest, "r") {
            defer { fclose(f) }
            var line: UnsafeMutablePointer<CChar>?
            var cap = 0
            while getline(&line, &cap, f) > 0, let l = line {
                // The manifest's "image" value (plain file names: no escapes needed here).
                let text = String(cString: l)
                let fields = text.split(separator: "\"")
                guard let key = fields.firstIndex(of: "image"), key + 2 < fields.count else { continue }
                out.append(path + "/" + fields[key + 2])
            }
            free(line)
        } else if let dir = opendir(path) {
            defer { closedir(dir) }
            var names: [String] = []
            while let e = readdir(dir) {
                let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
                if let ext = name.split(separator: ".").last, ImageFileReader.knownExtensions.contains(ext.lowercased()) {
                    names.append(name)
                }
            }
            out += names.sorted().map { path + "/" + $0 }
        }
    }
    return out
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1_000_000
}

let options = parseOptions()
var images: [LoadedImage] = []
for path in imagePaths(options.paths) {
    do { images.append(try ImageFileReader.read(path: path)) } catch { printError("lumascan-bench: \(error)") }
}
guard !images.isEmpty else { fail("no readable images") }
let maxW = images.map(\.width).max()!, maxH = images.map(\.height).max()!
let decoder = Decoder(configuration: DecoderConfiguration(maxWidth: maxW, maxHeight: maxH, formats: options.formats))

var found = 0
for image in images { found += image.withLumaImage { decoder.decode($0) } } // warm-up
var best = [Double](repeating: .infinity, count: images.count)
var allocations: UInt64 = 0
var frames = 0
let wallStart = now()
for _ in 0..<options.repeatCount {
    for (i, image) in images.enumerated() {
        image.pixels.withUnsafeBufferPointer { p in
            let luma = LumaImage(pixels: p.baseAddress!, width: image.width, height: image.height, stride: image.width)
            malloc_counter_start()
            let t0 = now()
            _ = decoder.decode(luma)
            let t1 = now()
            allocations += malloc_counter_stop()
            best[i] = min(best[i], t1 - t0)
        }
        frames += 1
    }
}
let wall = now() - wallStart
let sorted = best.sorted()
func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))] }
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
print("images              \(images.count) (largest \(maxW)x\(maxH))")
print("symbols decoded     \(found)")
print("decode ms median    \(String(format3(percentile(0.5))))")
print("decode ms p95       \(String(format3(percentile(0.95))))")
print("decode ms mean      \(String(format3(best.reduce(0, +) / Double(best.count))))")
print("frames per second   \(Int(Double(frames) / (wall / 1000)))")
print("mallocs per frame   \(format3(Double(allocations) / Double(frames))) (\(allocations) in \(frames) frames)")
print("arena bytes         \(decoder.arena.reservedBytes)")
print("peak RSS KiB        \(usage.ru_maxrss)")

func format3(_ v: Double) -> String {
    let micro = Int((v * 1000).rounded())
    let f = String(micro % 1000)
    return "\(micro / 1000)." + String(repeating: "0", count: 3 - f.count) + f
}

func printError(_ s: String) {
    var line = s + "\n"
    line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
