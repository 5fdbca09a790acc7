import Glibc

/// Writes to stdout/stderr with write(2): unbuffered, so lines interleave in order, and free of the
/// C `FILE*` globals that Swift 6 strict concurrency rejects.
enum StandardStreams {
    static func out(_ text: String) { write(fd: STDOUT_FILENO, text) }
    static func err(_ text: String) { write(fd: STDERR_FILENO, text) }

    static func write(fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return // a closed pipe: nothing sensible left to do with the output
                }
                offset += n
            }
        }
    }
}

func printError(_ message: String) {
    StandardStreams.err("lumascan: " + message + "\n")
}
