import Glibc

/// Reads a configuration file read-only (`O_RDONLY`; nothing is ever created or written), refusing
/// anything that is not a regular file or is too large to be a configuration.
enum ConfigFileReader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func read(path: String, limit: Int) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: "cannot open: " + String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Failure(description: "cannot read: " + String(cString: strerror(errno))) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw Failure(description: "not a regular file") }
        guard Int(st.st_size) <= limit else {
            throw Failure(description: "\(st.st_size) bytes is too large for a configuration file (limit \(limit))")
        }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw Failure(description: "cannot read: " + String(cString: strerror(errno))) }
            if n == 0 { break }
            count += n
        }
        return Array(bytes[0..<count])
    }
}
