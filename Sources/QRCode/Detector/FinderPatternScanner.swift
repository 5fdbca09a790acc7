import Imaging

/// Finds finder-pattern candidates of both polarities in a binarized plane.
///
/// Every row is cut into runs; every window of five runs in the proportion 1:1:3:1:1 is a hit for the
/// polarity its first run has. A hit is confirmed by cross-sections through its centre vertically,
/// horizontally again (which also centres it) and diagonally — for concentric squares every line through
/// the centre crosses the rings in that proportion, whatever the rotation — and then merged with the
/// candidate it belongs to. Fixed capacity; hits past it are counted in `overflowCount`, not lost silently.
struct FinderPatternScanner {
    static let defaultCapacity = 96

    private let runs: UnsafeMutableBufferPointer<Int32>
    /// Column where each run starts.
    private let runStarts: UnsafeMutableBufferPointer<Int32>
    /// Ink stretches the vertical cross-checks of this scan have found, per column.
    private let columns: StoneColumns
    let candidates: UnsafeMutableBufferPointer<FinderCandidate>
    private(set) var count = 0
    /// Confirmed hits that found no free candidate slot this frame.
    private(set) var overflowCount = 0
    /// Row hits whose cross-checks failed, merged by place: eyes with a picture in the stone or a thin
    /// grey ring look like this, for `EyeRingSearch` to confirm when a pass decodes nothing
    /// (`QRReader+MissingEye`). Most are texture.
    let weakHits: UnsafeMutableBufferPointer<FinderCandidate>
    private(set) var weakCount = 0
    /// Weak hits that found no free slot this frame.
    private(set) var weakOverflowCount = 0

    /// Row-scan and cross-check tolerances, in tenths of a module.
    var rowTolerance = 7
    var crossTolerance = 6
    var weakRowTolerance = 5
    /// Rows a weak hit stands for: the row step where rows are skipped, so that a weak eye's count does
    /// not depend on the step (the missing-eye search asks for a minimum).
    private var weakWeight: Int32 = 1

    init(arena: ScanArena, maxWidth: Int, maxHeight: Int, capacity: Int = defaultCapacity) {
        runs = arena.reserve(Int32.self, count: maxWidth + 2)
        cellColumnCapacity = (maxWidth + Self.cellSize - 1) >> Self.cellShift
        knownCells = arena.reserve(UInt8.self, count: cellColumnCapacity * ((maxHeight + Self.cellSize - 1) >> Self.cellShift))
        markedCells = arena.reserve(CellRange.self, count: capacity)
        runStarts = arena.reserve(Int32.self, count: maxWidth + 2)
        columns = StoneColumns(arena: arena, maxWidth: maxWidth)
        candidates = arena.reserve(FinderCandidate.self, count: capacity)
        weakHits = arena.reserve(FinderCandidate.self, count: Self.weakCapacity)
    }

    static let weakCapacity = 64

    /// Per cell of `cellSize`² pixels, the polarities (bit 0: dark on light, bit 1: light on dark) of
    /// the candidates whose reach (`countAgainKnown`) touches it, or once did: a row hit in a cell
    /// without its polarity's bit cannot be near a known eye, and skips the search through them (on
    /// textured frames they number in the dozens, and so do the hits).
    private let knownCells: UnsafeMutableBufferPointer<UInt8>
    private let cellColumnCapacity: Int
    /// Per candidate, the cells last marked for it (a merge that keeps its reach inside marks nothing).
    private let markedCells: UnsafeMutableBufferPointer<CellRange>
    struct CellRange: Equatable {
        var x0: Int32 = 0, y0: Int32 = 0, x1: Int32 = -1, y1: Int32 = -1
    }
    private var cellColumns = 0
    private var cellRows = 0
    static let cellShift = 3
    static let cellSize = 1 << cellShift

    mutating func reset() {
        count = 0
        overflowCount = 0
        weakCount = 0
        weakOverflowCount = 0
    }

    /// Scans every `rowStep`-th row of `plane` for eyes of the polarities in `polarities` (bit 0: dark on
    /// light, bit 1: light on dark). Around an eye the rows are scanned one by one, as a step of 1 would:
    /// after a row that crossed one, every row through the rest of its stone, and when the eye is new,
    /// the rows skipped above it within a stone's height. The eye gets the hits and centre of a step of 1
    /// (the missing-eye search counts hits) at the cost of a few rows.
    /// Without `denseAroundEyes`, simply every `rowStep`-th row.
    mutating func scan(_ plane: BitPlane, rowStep: Int = 1, denseAroundEyes: Bool = true, polarities: UInt8 = 3) {
        reset()
        let w = plane.width, h = plane.height
        guard w >= 7, h >= 7, w + 2 <= runs.count else { return }
        columns.reset(width: w)
        cellColumns = (w + Self.cellSize - 1) >> Self.cellShift
        cellRows = (h + Self.cellSize - 1) >> Self.cellShift
        let cells = cellColumns * cellRows
        guard cellColumns <= cellColumnCapacity, cells <= knownCells.count else { return }
        knownCells.baseAddress.unsafelyUnwrapped.update(repeating: 0, count: cells)
        let step = max(1, rowStep)
        var y = 0
        var dense = 0 // rows still to scan one by one
        while y < h {
            let known = count
            weakWeight = Int32(truncatingIfNeeded: dense > 0 || !denseAroundEyes ? 1 : step)
            let stone = scanRow(plane, y: y, polarities: polarities)
            if stone > 0, denseAroundEyes {
                // A new eye: the rows skipped above it, through its stone, count for it too.
                if count > known, dense == 0, step > 1 {
                    weakWeight = 1
                    var r = y - 1
                    while r >= max(0, y - stone) {
                        if (y - r) % step != 0 { _ = scanRow(plane, y: r, polarities: polarities) }
                        r -= 1
                    }
                }
                dense = max(dense, stone)
            }
            if dense > 0 {
                dense -= 1
                y += 1
            } else {
                y += step
            }
        }
    }

    /// Scans row `y`; returns the height of the tallest stone (3 modules, in rows) that one of its hits
    /// found confirmed, 0 for none.
    private mutating func scanRow(_ plane: BitPlane, y: Int, polarities: UInt8) -> Int {
        let w = plane.width
        let row = UnsafePointer(plane.bits) + y * w
        let runs = self.runs.baseAddress.unsafelyUnwrapped, starts = self.runStarts.baseAddress.unsafelyUnwrapped
        let n = Self.runLengths(row, width: w, into: runs, starts: starts)
        guard n >= 5 else { return 0 }
        var stone = 0
        let firstInk = row[0]
        let cellRow = (y &>> Self.cellShift) &* cellColumns // this row's first cell in `knownCells`
        let windows = n &- 4 // window i is runs i … i + 4
        /// Tests window i, whose stone is the longest run, for the proportion.
        @inline(__always) func testRatio(_ i: Int) {
            // Safe: i + 4 < n.
            let five = FiveRuns(r0: runs[i], r1: runs[i &+ 1], r2: runs[i &+ 2], r3: runs[i &+ 3], r4: runs[i &+ 4])
            guard five.isFinderRatio(tenths: rowTolerance) else { return }
            // Window starts on ink (value 1) in plane terms → normal polarity; on light → inverted.
            let inkOfFirst = firstInk ^ UInt8(i & 1)
            let centerX = Float(starts[i] + five.r0 + five.r1) + Float(five.r2) * 0.5
            let polarity = inkOfFirst ^ 1
            if polarities & (1 << polarity) != 0,
               isNearKnown(cell: cellRow &+ Int(truncatingIfNeeded: (starts[i] &+ five.r0 &+ five.r1 &+ five.r2 &>> 1) &>> Int32(Self.cellShift)),
                           polarity: polarity) && countAgainKnown(x: Double(centerX), y: Double(y), polarity: polarity)
                || confirm(plane, x: centerX, y: y, row: five, polarity: polarity) {
                stone = max(stone, Int(3 * five.total / 7) + 1)
            }
        }
        // Four windows at a time: a lane of (stone − neighbour) | (2·stone − outer run) is negative when its
        // stone is not the longest run (most windows), and only the others are tested further.
        let raw = UnsafeRawPointer(runs)
        var i = 0
        while i &+ 4 <= windows {
            // Safe: lanes read runs i … i + 7, and i + 7 <= windows + 3 = n − 1.
            let a = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD4<Int32>.self)
            let b = raw.loadUnaligned(fromByteOffset: (i &+ 1) &* 4, as: SIMD4<Int32>.self)
            let c = raw.loadUnaligned(fromByteOffset: (i &+ 2) &* 4, as: SIMD4<Int32>.self)
            let d = raw.loadUnaligned(fromByteOffset: (i &+ 3) &* 4, as: SIMD4<Int32>.self)
            let e = raw.loadUnaligned(fromByteOffset: (i &+ 4) &* 4, as: SIMD4<Int32>.self)
            let twice = c &+ c
            let shortfall = (c &- b) | (c &- d) | (twice &- a) | (twice &- e) // runs < 2¹⁶: no overflow
            let halves = unsafeBitCast(shortfall, to: SIMD2<UInt64>.self)
            // A lane's sign bit (bits 31 and 63 of each half; lanes 0 and 2 in the low halves, little-endian
            // as every target) is clear where its window passes.
            let h0 = halves[0], h1 = halves[1]
            if h0 & 0x8000_0000 == 0 { testRatio(i) }
            if h0 & 0x8000_0000_0000_0000 == 0 { testRatio(i &+ 1) }
            if h1 & 0x8000_0000 == 0 { testRatio(i &+ 2) }
            if h1 & 0x8000_0000_0000_0000 == 0 { testRatio(i &+ 3) }
            i &+= 4
        }
        while i < windows {
            // Safe: i + 4 < n.
            let r0 = runs[i], r1 = runs[i &+ 1], r2 = runs[i &+ 2], r3 = runs[i &+ 3], r4 = runs[i &+ 4]
            if r2 >= r1, r2 >= r3, r2 &* 2 >= r0, r2 &* 2 >= r4 { testRatio(i) }
            i &+= 1
        }
        return stone
    }

    /// Cuts a row of 0/1 bytes into run lengths; returns their number. Compares eight neighbouring pairs
    /// at a time (XOR of the row with itself shifted by one): a uniform stretch costs one step per 8 px,
    /// and each pair that differs, one set bit (bytes are 0 or 1), is a run boundary taken off the XOR
    /// lowest first.
    @inline(__always)
    static func runLengths(_ row: UnsafePointer<UInt8>, width w: Int, into runs: UnsafeMutablePointer<Int32>,
                           starts: UnsafeMutablePointer<Int32>) -> Int {
        var n = 0
        var runStart = 0
        var x = 1
        let raw = UnsafeRawPointer(row)
        // Safe: runs has room for w entries (at most w runs); bytes x − 1 … x + 7 are inside the row.
        while x &+ 8 <= w {
            let a = raw.loadUnaligned(fromByteOffset: x &- 1, as: UInt64.self)
            let b = raw.loadUnaligned(fromByteOffset: x, as: UInt64.self)
            var diff = (a ^ b).littleEndian // byte k set: pixel x + k starts a new run
            while diff != 0 {
                let start = x &+ diff.trailingZeroBitCount &>> 3
                runs[n] = Int32(truncatingIfNeeded: start &- runStart)
                starts[n] = Int32(truncatingIfNeeded: runStart)
                n &+= 1
                runStart = start
                diff &= diff &- 1
            }
            x &+= 8
        }
        while x < w {
            if row[x] != row[x &- 1] { // Safe: 1 <= x < w.
                runs[n] = Int32(truncatingIfNeeded: x &- runStart)
                starts[n] = Int32(truncatingIfNeeded: runStart)
                n &+= 1
                runStart = x
            }
            x &+= 1
        }
        runs[n] = Int32(truncatingIfNeeded: w &- runStart)
        starts[n] = Int32(truncatingIfNeeded: runStart)
        return n &+ 1
    }

    /// Cross-checks a row hit and merges it into the candidates; true when it passed.
    @discardableResult
    private mutating func confirm(_ plane: BitPlane, x centerX: Float, y: Int, row: FiveRuns, polarity: UInt8) -> Bool {
        let rowTotal = row.total
        let probe = RunProbe(plane: plane, polarity: polarity)
        let x = Int(centerX)
        let maxRun = rowTotal
        // Vertical through the row centre.
        guard let vertical = probe.verticalSection(x: x, y: y, maxRun: maxRun, ratioTenths: crossTolerance, columns: columns),
              vertical.runs.isFinderRatio(tenths: crossTolerance) else {
            if row.isFinderRatio(tenths: weakRowTolerance) {
                noteWeak(x: Double(centerX) + 0.5, y: Double(y) + 0.5, row: row, polarity: polarity)
            }
            return false
        }
        let vTotal = vertical.runs.total
        guard 5 * vTotal >= 2 * rowTotal, 2 * vTotal <= 5 * rowTotal else { return false }
        let cy = Float(y) + vertical.centerOffset
        let iy = Int(cy)
        // Horizontal again at the vertical centre, to centre x.
        guard let horizontal = probe.crossSection(x: x, y: iy, dx: 1, dy: 0, maxRun: maxRun + vTotal, ratioTenths: crossTolerance),
              horizontal.runs.isFinderRatio(tenths: crossTolerance) else {
            if row.isFinderRatio(tenths: weakRowTolerance) {
                noteWeak(x: Double(centerX) + 0.5, y: Double(cy) + 0.5, row: row, polarity: polarity)
            }
            return false
        }
        let cx = Float(x) + horizontal.centerOffset
        let hTotal = horizontal.runs.total
        // One diagonal: rejects most texture that happens to pass both axes.
        let ix = Int(cx)
        let diagonalMax = (hTotal + vTotal)
        guard let diagonal = probe.crossSection(x: ix, y: iy, dx: 1, dy: 1, maxRun: diagonalMax)
                ?? probe.crossSection(x: ix, y: iy, dx: 1, dy: -1, maxRun: diagonalMax),
              diagonal.runs.isFinderRatio(tenths: crossTolerance + 2) else {
            if row.isFinderRatio(tenths: weakRowTolerance) {
                noteWeak(x: Double(cx) + 0.5, y: Double(cy) + 0.5, row: row, polarity: polarity)
            }
            return false
        }
        let moduleSize = Double(hTotal + vTotal) / 14
        merge(center: PointF(Double(cx) + 0.5, Double(cy) + 0.5), moduleSize: moduleSize, polarity: polarity)
        return true
    }

    /// Merges a row hit that failed its cross-checks into the weak hit at its place (rows through one eye
    /// land within a module and a half across and 4 modules down of each other's mean), or adds one.
    /// Only rows close to 1:1:3:1:1 (`weakRowTolerance`, checked by the caller) count: looser ones are
    /// mostly text and texture.
    @inline(never)
    private mutating func noteWeak(x: Double, y: Double, row: FiveRuns, polarity: UInt8) {
        let module = Double(row.total) / 7
        // Newest first: rows come top-down, so the hit of this eye is among the last ones added (at most
        // 16 back: texture beside an eye adds a few per row), and hits that began far above cannot be it.
        var i = weakCount
        let oldest = max(0, weakCount - 16)
        while i > oldest {
            i -= 1
            var c = weakHits[i]
            if c.center.y < y - module * 8 { break }
            guard c.polarity == polarity, abs(c.center.x - x) < module * 1.5, abs(c.center.y - y) < module * 4 else {
                continue
            }
            c.addHits(weakWeight, center: PointF(x, y), moduleSize: module)
            weakHits[i] = c
            return
        }
        Self.add(FinderCandidate(center: PointF(x, y), moduleSize: module, hits: weakWeight, polarity: polarity),
                 to: weakHits, count: &weakCount, overflowCount: &weakOverflowCount)
    }

    /// A row hit through the stone of an eye already confirmed only adds a hit: no cross-checks again.
    private mutating func countAgainKnown(x: Double, y: Double, polarity: UInt8) -> Bool {
        for i in 0..<count where candidates[i].polarity == polarity {
            let c = candidates[i]
            if abs(c.center.x - x) < c.moduleSize * 1.5 && abs(c.center.y - y) < c.moduleSize * 1.5 {
                candidates[i].hits &+= 1
                return true
            }
        }
        return false
    }

    private mutating func merge(center: PointF, moduleSize: Double, polarity: UInt8) {
        for i in 0..<count {
            var c = candidates[i]
            guard c.polarity == polarity else { continue }
            let reach = max(c.moduleSize, moduleSize) * 1.75
            guard abs(c.center.x - center.x) <= reach, abs(c.center.y - center.y) <= reach else { continue }
            let ratio = c.moduleSize > moduleSize ? c.moduleSize / moduleSize : moduleSize / c.moduleSize
            guard ratio < 1.7 else { continue }
            c.addHits(1, center: center, moduleSize: moduleSize)
            candidates[i] = c
            markReach(of: c, slot: i)
            return
        }
        let c = FinderCandidate(center: center, moduleSize: moduleSize, hits: 1, polarity: polarity)
        if count < candidates.count {
            markedCells[count] = CellRange()
            markReach(of: c, slot: count)
        }
        Self.add(c, to: candidates, count: &count, overflowCount: &overflowCount)
    }

    /// Whether a hit of `polarity` in cell `cell` (the index of the cell holding the floor of its centre)
    /// may be near a known eye.
    @inline(__always)
    private func isNearKnown(cell: Int, polarity: UInt8) -> Bool {
        // Safe: the hit's centre is inside the plane, so its cell is one of the `reset` ones.
        knownCells.baseAddress.unsafelyUnwrapped[cell] & (1 << polarity) != 0
    }

    /// Sets `c`'s polarity bit in every cell its `countAgainKnown` reach (1.5 modules each way of its
    /// centre) touches.
    private func markReach(of c: FinderCandidate, slot: Int) {
        let reach = c.moduleSize * 1.5
        let x0 = Int(Swift.max(0, c.center.x - reach)) >> Self.cellShift
        let y0 = Int(Swift.max(0, c.center.y - reach)) >> Self.cellShift
        let x1 = Swift.min(cellColumns - 1, Int(Swift.max(0, Swift.min(c.center.x + reach, 1e9))) >> Self.cellShift)
        let y1 = Swift.min(cellRows - 1, Int(Swift.max(0, Swift.min(c.center.y + reach, 1e9))) >> Self.cellShift)
        guard x0 <= x1, y0 <= y1 else { return }
        let old = markedCells[slot]
        if Int(old.x0) <= x0, Int(old.y0) <= y0, Int(old.x1) >= x1, Int(old.y1) >= y1 { return }
        markedCells[slot] = CellRange(x0: Int32(x0), y0: Int32(y0), x1: Int32(x1), y1: Int32(y1))
        let bit: UInt8 = 1 << c.polarity
        for cy in y0...y1 {
            let row = cy &* cellColumns
            for cx in x0...x1 { knownCells[row &+ cx] |= bit }
        }
    }

    /// Puts `candidate` in the first free slot of `slots` (`count` are taken), or counts it in
    /// `overflowCount` when all are.
    @inline(__always)
    private static func add(_ candidate: FinderCandidate, to slots: UnsafeMutableBufferPointer<FinderCandidate>,
                            count: inout Int, overflowCount: inout Int) {
        guard count < slots.count else {
            overflowCount += 1
            return
        }
        slots[count] = candidate
        count += 1
    }
}
