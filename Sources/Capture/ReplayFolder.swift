import Glibc
import ImageFiles

/// The images of a replay folder, loaded at start-up in name order.
enum ReplayFolder {
    /// Pixels replayed from a folder at most (a replay is a test tool, not a video player).
    static let maxTotalBytes = 256 << 20

    /// The image files of `folder`, sorted by name (PGM, PPM, PBM, PNG, JPEG).
    static func imagePaths(in folder: String) throws(CaptureError) -> [String] {
        guard let dir = opendir(folder) else {
            throw CaptureError("replay: cannot open folder \(folder): " + String(cString: strerror(errno)))
        }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard !name.hasPrefix("."), let dot = name.lastIndex(of: ".") else { continue }
            if ImageFileReader.knownExtensions.contains(name[name.index(after: dot)...].lowercased()) { names.append(name) }
        }
        closedir(dir)
        guard !names.isEmpty else { throw CaptureError("replay: no images (PGM, PNG, JPEG) in \(folder)") }
        return names.sorted().map { folder.hasSuffix("/") ? folder + $0 : folder + "/" + $0 }
    }

    static func load(_ path: String) throws(CaptureError) -> LoadedImage {
        do {
            return try ImageFileReader.read(path: path)
        } catch {
            throw CaptureError("replay: \(error)")
        }
    }
}
