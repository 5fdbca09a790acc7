/// Owner of every scratch buffer a scan needs, reserved once at start-up.
///
/// Workspaces (binarizer planes, finder candidate tables, sampled grids, Reed-Solomon scratch, result
/// slots) call `reserve` while they are built; after that nothing on the frame path allocates. The arena
/// frees everything when it goes away, and reports how much it holds so that start-up can log the figure.
/// It is a final class so that workspaces can share one owner without copying buffers by accident.
public final class ScanArena {
    private var regions: [UnsafeMutableRawPointer] = []
    /// Bytes reserved so far.
    public private(set) var reservedBytes = 0

    public init() {}

    /// Reserves zero-filled storage for `count` values of a trivial type `T`. Set-up only.
    public func reserve<T>(_ type: T.Type, count: Int) -> UnsafeMutableBufferPointer<T> {
        precondition(_isPOD(T.self), "arena storage holds trivial values only")
        let count = max(count, 1)
        let bytes = count * MemoryLayout<T>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: max(MemoryLayout<T>.alignment, 16))
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        regions.append(raw)
        reservedBytes += bytes
        return UnsafeMutableBufferPointer(start: raw.bindMemory(to: T.self, capacity: count), count: count)
    }

    deinit {
        for region in regions { region.deallocate() }
    }
}
