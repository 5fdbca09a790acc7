import Imaging

/// The fixed set of result slots a frame's decode fills: `capacity` symbols, each with room for
/// `maxBytes` of raw payload and `maxText` of UTF-8 text, all reserved in a `ScanArena` at set-up.
///
/// A reader fills the pending slot (`pendingInfo`, `pendingBytes`, `pendingText`) and calls `commit()`;
/// a failed decode just leaves it, and the next attempt overwrites it. Results read back as
/// `DecodedSymbol` views into the slots, valid until the next `reset()`.
public final class ResultSlots {
    public let capacity: Int
    public let maxBytes: Int
    public let maxText: Int
    public private(set) var count = 0
    /// Symbols decoded this frame that found no free slot (reported, never silently lost).
    public private(set) var droppedCount = 0

    private let infos: UnsafeMutableBufferPointer<SymbolInfo>
    private let byteCounts: UnsafeMutableBufferPointer<Int>
    private let textCounts: UnsafeMutableBufferPointer<Int>
    private let bytePool: UnsafeMutableBufferPointer<UInt8>
    private let textPool: UnsafeMutableBufferPointer<UInt8>

    /// The slot being filled, valid while `count < capacity`.
    public var pendingInfo = SymbolInfo()
    public var pendingBytes: PayloadBuffer
    public var pendingText: PayloadBuffer

    public init(arena: ScanArena, capacity: Int = 16, maxBytes: Int = 7168, maxText: Int = 9216) {
        self.capacity = max(1, capacity)
        self.maxBytes = max(1, maxBytes)
        self.maxText = max(1, maxText)
        infos = arena.reserve(SymbolInfo.self, count: self.capacity)
        infos.initialize(repeating: SymbolInfo())
        byteCounts = arena.reserve(Int.self, count: self.capacity)
        textCounts = arena.reserve(Int.self, count: self.capacity)
        // One spare slot so that a decoder always has somewhere to write, even when all are taken.
        bytePool = arena.reserve(UInt8.self, count: (self.capacity + 1) * self.maxBytes)
        textPool = arena.reserve(UInt8.self, count: (self.capacity + 1) * self.maxText)
        pendingBytes = PayloadBuffer(base: bytePool.baseAddress.unsafelyUnwrapped, capacity: self.maxBytes)
        pendingText = PayloadBuffer(base: textPool.baseAddress.unsafelyUnwrapped, capacity: self.maxText)
    }

    /// Empties all slots for a new frame.
    public func reset() {
        count = 0
        droppedCount = 0
        beginPending()
    }

    /// Clears the pending slot for a new decode attempt.
    public func beginPending() {
        pendingInfo = SymbolInfo()
        let slot = min(count, capacity) // the spare slot when full
        pendingBytes = PayloadBuffer(base: bytePool.baseAddress.unsafelyUnwrapped + slot * maxBytes, capacity: maxBytes)
        pendingText = PayloadBuffer(base: textPool.baseAddress.unsafelyUnwrapped + slot * maxText, capacity: maxText)
    }

    /// Keeps the pending slot as a result. Returns false (and counts a drop) when all slots are taken.
    @discardableResult
    public func commit() -> Bool {
        guard count < capacity else {
            droppedCount += 1
            beginPending()
            return false
        }
        infos[count] = pendingInfo
        byteCounts[count] = pendingBytes.count
        textCounts[count] = pendingText.count
        count += 1
        beginPending()
        return true
    }

    /// Removes result `i`, moving later ones down (used when a later pass finds a better read).
    public func remove(at i: Int) {
        guard i >= 0, i < count else { return }
        for j in i..<(count - 1) {
            infos[j] = infos[j + 1]
            byteCounts[j] = byteCounts[j + 1]
            textCounts[j] = textCounts[j + 1]
            let bytes = bytePool.baseAddress.unsafelyUnwrapped
            (bytes + j * maxBytes).update(from: bytes + (j + 1) * maxBytes, count: byteCounts[j])
            let text = textPool.baseAddress.unsafelyUnwrapped
            (text + j * maxText).update(from: text + (j + 1) * maxText, count: textCounts[j])
        }
        count -= 1
        beginPending()
    }

    public subscript(i: Int) -> DecodedSymbol {
        precondition(i >= 0 && i < count, "result index out of range")
        return DecodedSymbol(
            info: infos[i],
            bytes: UnsafeBufferPointer(start: bytePool.baseAddress.unsafelyUnwrapped + i * maxBytes, count: byteCounts[i]),
            text: UnsafeBufferPointer(start: textPool.baseAddress.unsafelyUnwrapped + i * maxText, count: textCounts[i]))
    }

    /// Whether a committed result already holds `format` with exactly the pending bytes.
    public func containsPending(format: SymbolFormat) -> Bool {
        let p = pendingBytes.contents
        for i in 0..<count where infos[i].format == format && byteCounts[i] == p.count {
            let q = bytePool.baseAddress.unsafelyUnwrapped + i * maxBytes
            var same = true
            for k in 0..<p.count where q[k] != p[k] {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }

    /// Info of committed result `i`, writable (e.g. to add corners found after the decode).
    public func updateInfo(at i: Int, _ body: (inout SymbolInfo) -> Void) {
        guard i >= 0, i < count else { return }
        body(&infos[i])
    }
}

/// A decoded symbol: its facts, its raw payload bytes and its text in UTF-8. A view into `ResultSlots`,
/// valid until the slots are reset.
public struct DecodedSymbol {
    public let info: SymbolInfo
    /// The payload as encoded (bytes of byte segments, ASCII for numeric/alphanumeric segments, …).
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The payload as text, UTF-8, decoded per ECI / character set; GS1 separators as GS (0x1D).
    public let text: UnsafeBufferPointer<UInt8>

    public var format: SymbolFormat { info.format }

    /// The text as a Swift String (allocates: not for the frame path).
    public var textString: String { String(decoding: text, as: UTF8.self) }
}
