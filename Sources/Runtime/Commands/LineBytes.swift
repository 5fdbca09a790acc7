/// Byte comparisons for command lines, on buffers (no String is made from what arrives).
enum LineBytes {
    static func equal(_ line: UnsafeBufferPointer<UInt8>, _ word: [UInt8], ignoringCase: Bool = false) -> Bool {
        guard line.count == word.count, !word.isEmpty else { return false }
        for i in 0..<word.count where !same(line[i], word[i], ignoringCase) { return false }
        return true
    }

    static func equal(_ line: UnsafeBufferPointer<UInt8>, _ word: StaticString, ignoringCase: Bool = false) -> Bool {
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard line.count == w.count else { return false }
        for i in 0..<w.count where !same(line[i], w[i], ignoringCase) { return false }
        return true
    }

    @inline(__always)
    static func same(_ a: UInt8, _ b: UInt8, _ ignoringCase: Bool) -> Bool {
        a == b || (ignoringCase && upper(a) == upper(b))
    }

    @inline(__always)
    static func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }

    /// Index of the first `byte` in `line`, or nil.
    static func firstIndex(of byte: UInt8, in line: UnsafeBufferPointer<UInt8>) -> Int? {
        for i in 0..<line.count where line[i] == byte { return i }
        return nil
    }

    /// `line` without spaces at either end.
    static func trimmed(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var from = 0, to = line.count
        while from < to, line[from] == 0x20 { from += 1 }
        while to > from, line[to - 1] == 0x20 { to -= 1 }
        return UnsafeBufferPointer(rebasing: line[from..<to])
    }

    /// Appends at most `limit` bytes of `line` for echoing in a reply, with anything that is not a
    /// printable ASCII byte (or is `,`, the field separator) shown as `?`.
    static func appendEcho(_ line: UnsafeBufferPointer<UInt8>, limit: Int, into out: inout MessageBuffer) {
        for i in 0..<min(line.count, limit) {
            let b = line[i]
            out.append(b > 0x20 && b < 0x7F && b != UInt8(ascii: ",") ? b : UInt8(ascii: "?"))
        }
    }
}
