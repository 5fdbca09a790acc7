import Glibc

/// The file operations a configfs gadget is built with, as replaceable functions: the real ones work
/// on `/sys/kernel/config`, where `mkdir` makes the kernel objects and their attribute files; tests
/// pass ones that imitate configfs in a temporary directory.
///
/// Every function returns 0 (or a count) or `-errno`. Attribute writes never create a file: on configfs
/// the attribute exists once its directory does, and the runtime creates no files.
public struct GadgetFileSystem: Sendable {
    public enum Kind: Sendable { case missing, directory, symlink, file }

    public var makeDirectory: @Sendable (String) -> Int32
    public var removeDirectory: @Sendable (String) -> Int32
    /// Writes `bytes` to an existing attribute in one write(2).
    public var writeAttribute: @Sendable (String, [UInt8]) -> Int32
    /// Reads an attribute (at most 4 KiB), or nil with the errno.
    public var readAttribute: @Sendable (String) -> Result<[UInt8], Errno>
    public var symlink: @Sendable (_ target: String, _ link: String) -> Int32
    public var unlink: @Sendable (String) -> Int32
    public var kind: @Sendable (String) -> Kind
    /// Names in a directory (without `.` and `..`), sorted; nil when it cannot be read.
    public var list: @Sendable (String) -> [String]?

    public struct Errno: Error, Sendable { public let code: Int32 }

    public init(makeDirectory: @escaping @Sendable (String) -> Int32, removeDirectory: @escaping @Sendable (String) -> Int32,
                writeAttribute: @escaping @Sendable (String, [UInt8]) -> Int32,
                readAttribute: @escaping @Sendable (String) -> Result<[UInt8], Errno>,
                symlink: @escaping @Sendable (String, String) -> Int32, unlink: @escaping @Sendable (String) -> Int32,
                kind: @escaping @Sendable (String) -> Kind, list: @escaping @Sendable (String) -> [String]?) {
        self.makeDirectory = makeDirectory
        self.removeDirectory = removeDirectory
        self.writeAttribute = writeAttribute
        self.readAttribute = readAttribute
        self.symlink = symlink
        self.unlink = unlink
        self.kind = kind
        self.list = list
    }

    /// The real calls.
    public static let linux = GadgetFileSystem(
        makeDirectory: { path in retrying { mkdir(path, 0o755) } },
        removeDirectory: { path in retrying { rmdir(path) } },
        writeAttribute: { path, bytes in
            let fd = retrying { open(path, O_WRONLY | O_CLOEXEC) }
            guard fd >= 0 else { return fd }
            defer { _ = Glibc.close(fd) }
            let n = bytes.withUnsafeBytes { b in retryingSize { write(fd, b.baseAddress, b.count) } }
            return n < 0 ? Int32(n) : n == bytes.count ? 0 : -EIO
        },
        readAttribute: { path in
            let fd = retrying { open(path, O_RDONLY | O_CLOEXEC) }
            guard fd >= 0 else { return .failure(Errno(code: -fd)) }
            defer { _ = Glibc.close(fd) }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = buffer.withUnsafeMutableBytes { b in retryingSize { read(fd, b.baseAddress, b.count) } }
            if n < 0 { return .failure(Errno(code: Int32(-n))) }
            return .success(Array(buffer[0..<n]))
        },
        symlink: { target, link in retrying { Glibc.symlink(target, link) } },
        unlink: { path in retrying { Glibc.unlink(path) } },
        kind: { path in
            var st = stat()
            guard lstat(path, &st) == 0 else { return .missing }
            switch st.st_mode & S_IFMT {
            case S_IFDIR: return .directory
            case S_IFLNK: return .symlink
            default: return .file
            }
        },
        list: { path in
            guard let dir = opendir(path) else { return nil }
            defer { closedir(dir) }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: CChar.self))
                }
                if name != ".", name != ".." { names.append(name) }
            }
            return names.sorted()
        }
    )
}
