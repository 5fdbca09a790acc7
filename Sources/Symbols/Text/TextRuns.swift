import Imaging

/// The encodings of a decoded payload, run by run: which bytes of the payload buffer are in which
/// `TextEncoding`, or in none declared (byte data without an ECI, whose encoding is guessed).
///
/// A decoder appends a run per segment while it fills the payload bytes, then `render` writes the text.
/// Adjacent runs in the same encoding merge, so that a character split across two segments stays one.
/// Storage is reserved in the arena at init; nothing allocates afterwards.
public struct TextRuns {
    private let starts: UnsafeMutablePointer<Int32>
    private let ends: UnsafeMutablePointer<Int32>
    private let encodings: UnsafeMutablePointer<UInt8>
    public let capacity: Int
    public private(set) var count = 0
    /// A run was refused because all `capacity` entries were taken.
    public private(set) var overflowed = false

    /// Marks a run whose encoding no ECI declared.
    private static let undeclared: UInt8 = 0xFF

    public init(arena: ScanArena, capacity: Int) {
        self.capacity = max(1, capacity)
        starts = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        ends = arena.reserve(Int32.self, count: self.capacity).baseAddress.unsafelyUnwrapped
        encodings = arena.reserve(UInt8.self, count: self.capacity).baseAddress.unsafelyUnwrapped
    }

    public mutating func reset() {
        count = 0
        overflowed = false
    }

    /// Records that payload bytes `start..<end` are in `encoding` (nil: none declared). Empty runs are
    /// ignored; a run continuing the previous one in the same encoding extends it.
    public mutating func append(start: Int, end: Int, encoding: TextEncoding?) {
        guard start >= 0, end > start, end <= Int(Int32.max) else { return }
        let code = encoding?.rawValue ?? Self.undeclared
        if count > 0, encodings[count - 1] == code, Int(ends[count - 1]) == start { // Safe: 0 < count <= capacity.
            ends[count - 1] = Int32(end)
            return
        }
        guard count < capacity else {
            overflowed = true
            return
        }
        starts[count] = Int32(start) // Safe: count < capacity.
        ends[count] = Int32(end)
        encodings[count] = code
        count += 1
    }

    /// Whether any run has no declared encoding.
    public var hasUndeclared: Bool {
        for i in 0..<count where encodings[i] == Self.undeclared { return true } // Safe: i < count.
        return false
    }

    /// The guess (`TextEncodingGuesser`) over all undeclared runs taken together, in order.
    public func guessUndeclared(_ bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding {
        var guesser = TextEncodingGuesser()
        for i in 0..<count where encodings[i] == Self.undeclared {
            if let run = slice(i, of: bytes) { guesser.feed(run) }
        }
        return guesser.guess
    }

    /// Appends the text of `bytes` (the payload the runs describe) to `out` as UTF-8. Undeclared runs
    /// are read as `undeclared`, or, when that is nil, as `guessUndeclared` finds. Bytes outside every
    /// run are skipped.
    public func render(_ bytes: UnsafeBufferPointer<UInt8>, undeclared: TextEncoding?, to out: inout PayloadBuffer) {
        let fallback = undeclared ?? (hasUndeclared ? guessUndeclared(bytes) : .iso8859_1)
        for i in 0..<count {
            guard let run = slice(i, of: bytes) else { continue }
            let code = encodings[i] // Safe: i < count.
            let encoding = code == Self.undeclared ? fallback : (TextEncoding(rawValue: code) ?? .iso8859_1)
            TextTranscoder.append(run, as: encoding, to: &out)
        }
    }

    /// Run `i` as a slice of `bytes`, nil if it does not lie inside.
    private func slice(_ i: Int, of bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        let start = Int(starts[i]), end = Int(ends[i]) // Safe: callers pass i < count.
        guard let base = bytes.baseAddress, start >= 0, end > start, end <= bytes.count else { return nil }
        return UnsafeBufferPointer(start: base + start, count: end - start)
    }
}
