#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc
import ImageFiles

/// One image to decode: where it is, and the name to print for it (relative to a folder or manifest).
struct DecodeInput {
    let path: String
    let displayName: String
}

/// Expands the command-line paths: files as given, folders walked (sorted, image extensions only),
/// and folders with a `manifest.jsonl` taken in the manifest's order with its image names.
enum DecodeInputs {
    static func expand(_ paths: [String], problems: inout [String]) -> [DecodeInput] {
        var inputs: [DecodeInput] = []
        for path in paths {
            switch fileKind(path) {
            case .directory:
                let manifest = join(path, "manifest.jsonl")
                if fileKind(manifest) == .regular {
                    inputs += manifestInputs(folder: path, manifest: manifest, problems: &problems)
                } else {
                    inputs += folderInputs(path).map { DecodeInput(path: join(path, $0), displayName: $0) }
                }
            case .regular, .other:
                inputs.append(DecodeInput(path: path, displayName: path))
            case .missing:
                // Reported when it is read, so that it still gets an output line.
                inputs.append(DecodeInput(path: path, displayName: path))
            }
        }
        return inputs
    }

    private struct ManifestLine: Decodable {
        let image: String
    }

    private static func manifestInputs(folder: String, manifest: String, problems: inout [String]) -> [DecodeInput] {
        guard let bytes = try? readAll(manifest) else {
            problems.append("\(manifest): cannot read the manifest")
            return []
        }
        var inputs: [DecodeInput] = []
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do {
                let entry = try JSONDecoder().decode(ManifestLine.self, from: Data(line))
                inputs.append(DecodeInput(path: join(folder, entry.image), displayName: entry.image))
            } catch {
                problems.append("\(manifest):\(lineNumber): not a JSON object with an \"image\" string")
            }
        }
        return inputs
    }

    /// Image files under `folder`, recursively, as sorted relative paths.
    static func folderInputs(_ folder: String, prefix: String = "") -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        var found: [String] = []
        for name in names.sorted() {
            let full = join(folder, name)
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            switch fileKind(full) {
            case .directory:
                found += folderInputs(full, prefix: relative)
            case .regular:
                let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
                if name.contains("."), ImageFileReader.knownExtensions.contains(ext) { found.append(relative) }
            default:
                break
            }
        }
        return found
    }

    enum Kind { case regular, directory, other, missing }

    static func fileKind(_ path: String) -> Kind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        default: return .other
        }
    }

    static func join(_ a: String, _ b: String) -> String {
        a.hasSuffix("/") ? a + b : a + "/" + b
    }

    private static func readAll(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CocoaLikeError.cannotOpen }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw CocoaLikeError.cannotOpen }
            if n == 0 { return bytes }
            bytes += chunk[0..<n]
        }
    }

    private enum CocoaLikeError: Error { case cannotOpen }
}
