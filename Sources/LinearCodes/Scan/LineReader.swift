import Imaging
import Symbols

/// Reads one scan line: grey samples → sub-pixel edges → the decoders at every possible start, both
/// ways along the line and in both polarities. What it reads goes to the vote table; where a symbol
/// began and broke off it leaves a hint.
final class LineReader {
    private let samples: UnsafeMutablePointer<Int32>
    let sampleCapacity: Int
    let edges: EdgeDetector
    private let decoders: SymbolDecoders
    private let starts: StartCandidates
    let votes: VoteTable
    let hints: HintTable
    let decodedAreas: DecodedAreas
    private var symbol: LineSymbol
    private var serial: Int32 = 0
    private let focuses: UnsafeMutablePointer<Focus>
    /// Start patterns of small modules (`Progress.smallCount`), for the sharpened look.
    private let smallStarts: UnsafeMutablePointer<Focus>
    private let deferred: DeferredLines
    /// Where the current line read symbols (sample positions along the line, forward, low and high
    /// ends): no other symbol can start inside one, so the other polarity and the other direction skip
    /// those starts. Reset with every line.
    private let readSpans: UnsafeMutablePointer<Float>
    private var readSpanCount = 0
    /// Whether second looks wait for `runDeferred` (see `DeferredLines`).
    var isDeferring = false
    /// Samples of the current line (in `samples`).
    private var sampleCount = 0
    /// The current line's samples, sharpened (`sharpenedLook`).
    private let sharpened: UnsafeMutablePointer<Int32>

    /// Frame settings (see `LinearReader.read`): band half-width, and the edge floors (luma × 16) for
    /// band-averaged lines and for the diagonals' staircases, which are not averaged.
    var band = 0
    var floor: Int32 = EdgeDetector.minimumFloor
    var plainFloor: Int32 = EdgeDetector.minimumFloor
    /// Votes a content needs in this frame, and the coarse line spacing (pixels), for
    /// `acceptedSymbol(at:)`.
    var requiredVotes: Int32 = 2
    var spacing = 16.0

    /// A start bar's edges must be this many times the edge floor.
    static let startContrast: Float = 2
    /// Characters a decoder must have matched on a failed line for the second looks (start + one), and
    /// for a hint (start + four).
    static let retryProgress = 2
    static let hintProgress = 4
    /// Elements a failed decode of only a start and one character must span for the second looks: an
    /// EAN guard and one digit (7 elements) are too little. (Measured over the corpus at 0° and 90°
    /// and 1,240 synthetic frames: 16,000 such lines were retried, 20 read, and every symbol they read
    /// was read by other lines too; dropping them saves 2 % of a frame.)
    static let retryElements = 8
    /// Band half-width for the second sampling of a promising line.
    static let retryBand = 2
    /// How far (samples) a start may move between edge placements and still count as the same start.
    static let focusReach: Float = 3
    /// Starts per line kept for a second look.
    static let focusCapacity = 6
    /// Lines whose second looks can wait per direction; past it they are looked at at once.
    static let deferredCapacity = 48
    /// Symbols per line whose span is kept for skipping starts (more are simply not skipped).
    static let readSpanCapacity = 8
    /// Levels (fraction of the way from local ink to local paper) of the binarizer-like looks, tried in
    /// order. Light narrow bars reach below 0.8 but not 0.5; blur lifts narrow spaces less high, which
    /// 0.65 still cuts. Measured on the corpus: one level reads 5 to 7 of the images two levels read.
    static let paperSideLevels: [Float] = [0.65, 0.8]
    /// Elements a failed decode must have read for those looks: an EAN guard and two digits, a
    /// Codabar or Code 128 start and one character. (Lines across 2D symbols and text often show a
    /// start and one EAN digit; skipping them saves two thirds of the looks' cost.)
    static let paperSideProgress = 10
    /// A start pattern of at most `smallModule` samples per module whose decode read `smallProgress`
    /// characters (an EAN guard and two digits, a Code 128 start and two characters) and broke off
    /// sends its line to the sharpened look. Measured around the corpus median (165 images, two
    /// decodes each): from one character on, the look costs +2.0 % instructions (+1.4 % from two,
    /// +0.3 % from three); from two or three it reads 23 of the 40 frames of 1.1–1.6 px modules of
    /// the synthetic set (15 without the look), from one 26.
    /// The look serves rows and columns only: on 1,240 synthetic frames no symbol read through it on
    /// a diagonal or in-between line, which held 40 % of its cost.
    static let smallModule: Float = 2.2
    static let smallProgress = 3
    /// Small-module starts per line kept for the sharpened look (the one read furthest; a second one
    /// read no more symbols and cost 0.13 % of a frame).
    static let smallStartCapacity = 1
    /// The probe of a small-module start: modules sharpened before and after it, characters it must
    /// read, and edges its part must hold.
    static let probeMargin: Float = 12
    static let probeModules: Float = 44
    static let probeProgress = 3
    static let probeEdges = 12
    /// The whole look: modules sharpened before a promising start (quiet zones are asked up to 10
    /// modules) and after it (an EAN-13 with an EAN-5 add-on is 151, a Code 128 symbol of eight
    /// characters 134).
    static let sharpenedMargin: Float = 12
    static let sharpenedModules: Float = 150

    init(arena: ScanArena, maxSamples: Int, formats: FormatSet, votes: VoteTable, hints: HintTable,
         decodedAreas: DecodedAreas) {
        sampleCapacity = max(16, maxSamples)
        samples = arena.reserve(Int32.self, count: sampleCapacity).baseAddress.unsafelyUnwrapped
        sharpened = arena.reserve(Int32.self, count: sampleCapacity).baseAddress.unsafelyUnwrapped
        edges = EdgeDetector(arena: arena, maxSamples: sampleCapacity)
        decoders = SymbolDecoders(arena: arena, formats: formats)
        starts = StartCandidates(arena: arena, capacity: sampleCapacity)
        self.votes = votes
        self.hints = hints
        self.decodedAreas = decodedAreas
        let payload = arena.reserve(UInt8.self, count: LinearLimits.maxPayload).baseAddress.unsafelyUnwrapped
        let addOn = arena.reserve(UInt8.self, count: 8).baseAddress.unsafelyUnwrapped
        symbol = LineSymbol(payload: payload, payloadCapacity: LinearLimits.maxPayload, addOn: addOn)
        focuses = arena.reserve(Focus.self, count: LineReader.focusCapacity).baseAddress.unsafelyUnwrapped
        focuses.initialize(repeating: Focus(), count: LineReader.focusCapacity)
        smallStarts = arena.reserve(Focus.self, count: LineReader.smallStartCapacity).baseAddress.unsafelyUnwrapped
        smallStarts.initialize(repeating: Focus(), count: LineReader.smallStartCapacity)
        readSpans = arena.reserve(Float.self, count: 2 * LineReader.readSpanCapacity).baseAddress.unsafelyUnwrapped
        deferred = DeferredLines(arena: arena, capacity: LineReader.deferredCapacity, focusCapacity: LineReader.focusCapacity,
                                 smallStartCapacity: LineReader.smallStartCapacity)
    }

    var isEnabled: Bool { decoders.isEnabled }

    /// Scans the line of direction `d` through `intercept` (nothing when it misses the frame), outside
    /// the 2D symbols decoded in the frame.
    func scan(_ image: LumaImage, _ d: Int, intercept: Double) {
        guard let whole = ScanDirections.line(d, intercept: intercept, width: image.width, height: image.height,
                                              band: band, minCount: 16) else { return }
        guard decodedAreas.count > 0 else {
            scan(image, whole, intercept: intercept, majorRange: nil)
            return
        }
        let segments = decodedAreas.segments(of: whole)
        for i in 0..<segments {
            let range = decodedAreas.segment(i)
            guard let part = whole.restricted(major: range.low, range.high) else { continue }
            scan(image, part, intercept: intercept, majorRange: range)
        }
    }

    /// `line` restricted to `majorRange` (all of it without one).
    private static func part(_ line: ScanLine?, _ majorRange: (low: Int, high: Int)?) -> ScanLine? {
        guard let line, let majorRange else { return line }
        return line.restricted(major: majorRange.low, majorRange.high)
    }

    /// Scans `line` (all or, with `majorRange`, part of the line of its direction through `intercept`).
    private func scan(_ image: LumaImage, _ line: ScanLine, intercept: Double, majorRange: (low: Int, high: Int)?) {
        let n = LineSampler.sample(image, line, band: band, into: samples, capacity: sampleCapacity)
        guard n >= 16 else { return }
        sampleCount = n
        serial &+= 1
        readSpanCount = 0
        let lineFloor = line.halfSteps ? plainFloor : floor
        let startStrength = Float(lineFloor) * LineReader.startContrast
        edges.detect(samples, n, floor: lineFloor)
        guard edges.count >= SymbolDecoders.minimumEdges else { return }
        var best = Progress()
        var read = decode(edges.forward, line, startStrength, &best)
        read = decode(edges.reversed, line, startStrength, &best) || read
        if read, best.addOnSuspected {
            // The symbol read, its add-on did not: another look at the add-on.
            _ = retry(line, startStrength, best, forAddOn: true)
            return
        }
        if read {
            // A start of small modules beside the symbol read (a small label next to a large one) gets
            // the sharpened look, the only look that reads such a start.
            if keepSmallStartsBesideReads(&best, length: edges.forward.length) {
                _ = sharpenedLook(line, best)
            }
            return
        }
        // Lines that broke off after a few characters get second looks; so do lines where only a Code 128
        // start matched (noted as focuses), for the ink-area look.
        guard LineReader.deservesSecondLook(best) else { return }
        // A line that broke off on a symbol the frame has already read has nothing left to find there.
        switch acceptedSymbol(at: line.point(at: Double(best.middle))) {
        case .done: return
        case let .addOnOpen(i): if !addOnZoneHasEdges(of: i, line) { return }
        case .none: break
        }
        if isDeferring, deferred.add(line, intercept: intercept, majorRange: majorRange, serial: serial, best: best,
                                     focuses: focuses, smallStarts: smallStarts) { return }
        secondLook(image, line, intercept: intercept, majorRange: majorRange, best: best)
    }

    /// Keeps only the small-module starts of `best` outside the symbols this line read; true when one is
    /// left.
    private func keepSmallStartsBesideReads(_ best: inout Progress, length: Float) -> Bool {
        var kept = 0
        for k in 0..<best.smallCount {
            let start = smallStarts[k] // Safe: k < smallCount <= smallStartCapacity.
            let forward = start.reversed ? length - start.start : start.start
            guard !isInReadSpan(forward: forward) else { continue }
            smallStarts[kept] = start
            kept += 1
        }
        best.smallCount = kept
        return kept > 0
    }

    /// Whether a line whose decodes got as far as `best` gets the second looks.
    private static func deservesSecondLook(_ best: Progress) -> Bool {
        if best.characters < retryProgress { return best.focusCount > 0 } // a Code 128 start: the ink-area look
        return best.characters > retryProgress || best.elements >= retryElements
    }

    /// Looks again, with the second looks, at the lines deferred since the last call that do not lie
    /// on a symbol read meanwhile. Each is sampled again (its samples and edges are long gone).
    var hasDeferred: Bool { deferred.count > 0 }

    func runDeferred(_ image: LumaImage) {
        let lineSerial = serial
        deferred.sortByProgress()
        for k in 0..<deferred.count {
            let i = deferred.entryIndex(k)
            let entry = deferred[i]
            let onSymbol = acceptedSymbol(at: entry.line.point(at: Double(entry.best.middle)))
            if case .done = onSymbol { continue }
            let n = LineSampler.sample(image, entry.line, band: band, into: samples, capacity: sampleCapacity)
            let lineFloor = entry.line.halfSteps ? plainFloor : floor
            guard n >= 16, edges.detect(samples, n, floor: lineFloor) >= SymbolDecoders.minimumEdges else { continue }
            sampleCount = n
            if case let .addOnOpen(symbol) = onSymbol, !addOnZoneHasEdges(of: symbol, entry.line) { continue }
            deferred.restoreFocuses(of: i, into: focuses, smallStarts: smallStarts)
            serial = entry.serial // a read here is that line's vote
            readSpanCount = 0
            secondLook(image, entry.line, intercept: entry.intercept,
                       majorRange: entry.hasRange ? (entry.majorLow, entry.majorHigh) : nil, best: entry.best)
        }
        serial = lineSerial
        deferred.reset()
    }

    /// The second looks at a line (its edges detected) where a symbol began and broke off; a hint
    /// where they read nothing either.
    private func secondLook(_ image: LumaImage, _ line: ScanLine, intercept: Double, majorRange: (low: Int, high: Int)?,
                            best: Progress) {
        let d = line.direction
        let lineFloor = line.halfSteps ? plainFloor : floor
        let startStrength = Float(lineFloor) * LineReader.startContrast
        var read = false
        guard best.characters >= LineReader.retryProgress else {
            // Only a Code 128 start: thin print under blur can hide every character from the other
            // placements, not from the ink-area look.
            _ = inkAreaLook(line, startStrength, best)
            return
        }
        // A start that led a few characters and broke off. Weak edges (texture, print voids) may have
        // split an element, or blur may have shifted the edges of narrow ones: try the strong edges
        // only, then the other two edge placements.
        if retry(line, startStrength, best) { return }
        if best.elements >= LineReader.paperSideProgress, inkAreaLook(line, startStrength, best) { return }
        if best.smallModules, sharpenedLook(line, best) { return }
        // Ragged bar edges (halftone print, a rough surface) jitter from row to row: average a wider
        // band across the line and look again.
        if band < LineReader.retryBand, !line.halfSteps, best.characters > LineReader.retryProgress,
           let wide = LineReader.part(ScanDirections.line(d, intercept: intercept, width: image.width,
                                                          height: image.height, band: LineReader.retryBand,
                                                          minCount: 16), majorRange) {
            let m = LineSampler.sample(image, wide, band: LineReader.retryBand, into: samples, capacity: sampleCapacity)
            readSpanCount = 0
            if m >= 16, edges.detect(samples, m, floor: lineFloor) >= SymbolDecoders.minimumEdges {
                var again = Progress()
                read = decode(edges.forward, wide, startStrength, &again)
                read = decode(edges.reversed, wide, startStrength, &again) || read
                if read || (again.focusCount > 0 && retry(wide, startStrength, again)) { return }
            }
        }
        // Still nothing: note the spot for lines of the neighbouring directions.
        if best.characters >= LineReader.hintProgress {
            let spot = line.point(at: Double(best.middle))
            if !decodedAreas.contains(spot) { hints.add(Hint(direction: d, intercept: intercept, point: spot)) }
        }
    }

    /// Decodes the current line again from its samples sharpened (`Sharpening`) near the start
    /// patterns of small modules noted in `best`: the look for modules of one or two samples under
    /// blur. True on a read. The current edges are replaced.
    ///
    /// Many such starts are text or 2D modules, so each is probed first: the line is sharpened from a
    /// quiet zone before it to `probeModules` after it, and decoded from it. Only when that gets
    /// `probeProgress` characters is the part of the line a symbol from there can cover sharpened,
    /// and decoded at every start both ways (a symbol that broke off from one end often reads from
    /// the other: three frames of the synthetic set read only that way).
    private func sharpenedLook(_ line: ScanLine, _ best: Progress) -> Bool {
        let n = sampleCount
        guard n >= 16, n <= sampleCapacity, best.smallCount > 0 else { return false }
        // The decoders ask for quiet zones of up to 10 modules before a start.
        let reach = LineReader.sharpenedMargin * LineReader.smallModule + LineReader.focusReach + 1
        let probe = LineReader.probeModules * LineReader.smallModule
        let span = LineReader.sharpenedModules * LineReader.smallModule
        let probeReach = LineReader.probeMargin * LineReader.smallModule + LineReader.focusReach + 1
        let last = Float(n - 1)
        var promising = false
        var low = last, high: Float = 0 // forward positions the starts reach
        for k in 0..<best.smallCount {
            var focus = smallStarts[k]
            let t = focus.reversed ? last - focus.start : focus.start
            low = min(low, focus.reversed ? t - span : t - reach)
            high = max(high, focus.reversed ? t + reach : t + span)
            guard !promising, let part = sharpen(line, from: focus.reversed ? t - probe : t - probeReach,
                                                 to: focus.reversed ? t + probeReach : t + probe) else { continue }
            let startStrength = Float(part.floor) * LineReader.startContrast
            focus.start = LineReader.position(focus.start, reversed: focus.reversed, lineEnd: last, partStart: part.offset,
                                              partEnd: edges.length)
            readSpanCount = 0
            var again = Progress()
            if decode(focus.reversed ? edges.reversed : edges.forward, part.line, startStrength, &again, focus: focus) {
                return true
            }
            promising = again.characters >= LineReader.probeProgress
        }
        guard promising, let part = sharpen(line, from: low, to: high) else { return false }
        let startStrength = Float(part.floor) * LineReader.startContrast
        readSpanCount = 0
        var again = Progress()
        var read = decode(edges.forward, part.line, startStrength, &again, focus: nil, note: false)
        read = decode(edges.reversed, part.line, startStrength, &again, focus: nil, note: false) || read
        return read
    }

    /// Sharpens the current line's samples at forward positions `from ... to` (clamped to the line)
    /// and detects their edges: the part of the line, its first sample, and the edge floor used. Nil
    /// when the part is too short or holds too few edges.
    private func sharpen(_ line: ScanLine, from: Float, to: Float) -> (line: ScanLine, offset: Int, floor: Int32)? {
        let n = sampleCount
        let first = max(0, checkedFloor(Double(from)) ?? 0), last = min(n - 1, (checkedFloor(Double(to)) ?? 0) + 1)
        // A staircase's part starts at an even sample (a whole step).
        let firstStep = line.halfSteps ? first / 2 : first, lastStep = line.halfSteps ? last / 2 : last
        guard lastStep > firstStep,
              let part = line.restricted(major: line.start + firstStep, line.start + lastStep) else { return nil }
        let offset = line.halfSteps ? 2 * firstStep : firstStep
        let m = part.count
        guard m >= 16, offset >= 0, offset + m <= n else { return nil }
        Sharpening.apply(samples + offset, m, into: sharpened)
        let lineFloor = Sharpening.floor(line.halfSteps ? plainFloor : floor)
        guard edges.detectCrossings(sharpened, m, floor: lineFloor, openStart: offset > 0, openEnd: offset + m < n)
                >= LineReader.probeEdges else { return nil }
        return (part, offset, lineFloor)
    }

    /// Position `t` of a sequence of the whole line (whose last sample is `lineEnd`) in the same
    /// sequence of a part that starts at sample `partStart` and is `partEnd` samples long.
    @inline(__always)
    private static func position(_ t: Float, reversed: Bool, lineEnd: Float, partStart: Int, partEnd: Float) -> Float {
        reversed ? t - (lineEnd - Float(partStart) - partEnd) : t - Float(partStart)
    }

    /// Decodes the current line's edges again, strict, with the other two placements, then as a local
    /// binarizer near the paper level would see them (light narrow bars: halftone, thin print). True on
    /// a read. Only the sequence, polarity and start where `best` got furthest are tried (the other edge
    /// placements move edges by a pixel or two, not more). With `forAddOn`, keeps looking while the
    /// symbol reads without its suspected add-on.
    private func retry(_ line: ScanLine, _ startStrength: Float, _ best: Progress, forAddOn: Bool = false) -> Bool {
        let looks = best.elements >= LineReader.paperSideProgress ? 3 + LineReader.paperSideLevels.count : 3
        for attempt in 0..<looks {
            let kept = attempt == 0 ? edges.refilter(relative: EdgeDetector.strictRelative)
                : attempt >= 3 ? edges.refilter(crossingAt: LineReader.paperSideLevels[attempt &- 3])
                : edges.refilter(relative: EdgeDetector.relative, placement: attempt == 1 ? .halfStep : .envelope)
            guard kept >= SymbolDecoders.minimumEdges else { continue }
            if attempt == 2, !forAddOn {
                // The envelope placement can also mend a start pattern that did not show at all.
                var again = Progress()
                var read = decode(edges.forward, line, startStrength, &again, focus: nil, note: false)
                read = decode(edges.reversed, line, startStrength, &again, focus: nil, note: false) || read
                if read { return true }
                continue
            }
            for f in 0..<best.focusCount {
                let focus = focuses[f]
                guard !forAddOn || focus.characters == .max else { continue }
                var again = Progress()
                let read = decode(focus.reversed ? edges.reversed : edges.forward, line, startStrength, &again,
                                  focus: focus)
                if read, !(forAddOn && again.addOnSuspected) { return true }
            }
        }
        return false
    }

    /// Decodes the current line again with its bars placed by the ink they hold (`InkAreas`), at the
    /// starts noted in `best`. True on a read.
    private func inkAreaLook(_ line: ScanLine, _ startStrength: Float, _ best: Progress) -> Bool {
        var placedDark = false, placedLight = false
        for f in 0..<best.focusCount {
            let focus = focuses[f]
            guard focus.characters != .max else { continue }
            // The placement is redone only when the polarity changes.
            if focus.dark ? !placedDark : !placedLight {
                placedDark = focus.dark
                placedLight = !focus.dark
                guard edges.refilter(inkAreasOfDarkBars: focus.dark) >= SymbolDecoders.minimumEdges else { continue }
            }
            var again = Progress()
            if decode(focus.reversed ? edges.reversed : edges.forward, line, startStrength, &again, focus: focus) {
                return true
            }
        }
        return false
    }

    /// The furthest a failed decode got on this line: where (sample position along the line, forward),
    /// and the sequence, polarity and start position to look at again. A read with an unread add-on
    /// is remembered the same way.
    struct Progress {
        var characters = 0
        var middle: Float = 0
        var addOnSuspected = false
        /// Elements read from a start by the furthest failed decode (a start pattern and characters).
        var elements = 0
        /// Starts worth a second look (see `Focus`), kept in the reader's focus list.
        var focusCount = 0
        /// Start patterns with modules of at most `smallModule` that matched and read nothing, kept in
        /// the reader's list of small starts: the sharpened look.
        var smallCount = 0
        var smallModules: Bool { smallCount > 0 }
    }

    /// Where a second look aims: one sequence, one polarity, starts near one position.
    struct Focus {
        var reversed = false
        var dark = true
        var start: Float = 0
        /// Characters read from there (`Int.max` for a read whose add-on did not).
        var characters = 0
    }

    /// Notes a start pattern of small modules (`smallStarts`, for the sharpened look).
    private func noteSmall(_ best: inout Progress, _ start: Focus) {
        Self.keep(start, in: smallStarts, count: &best.smallCount, capacity: LineReader.smallStartCapacity)
    }

    /// Notes a start worth a second look (`focuses`).
    private func note(_ best: inout Progress, _ focus: Focus) {
        Self.keep(focus, in: focuses, count: &best.focusCount, capacity: LineReader.focusCapacity)
    }

    /// Adds `focus` to the first `count` entries of `list`; when `capacity` are taken, it replaces the
    /// entry that read the fewest characters if it read more.
    private static func keep(_ focus: Focus, in list: UnsafeMutablePointer<Focus>, count: inout Int, capacity: Int) {
        if count < capacity {
            list[count] = focus // Safe: count < capacity, the list's size.
            count += 1
            return
        }
        guard count > 0 else { return } // a list of no capacity keeps nothing
        var weakest = 0
        for i in 1..<count where list[i].characters < list[weakest].characters { weakest = i }
        if list[weakest].characters < focus.characters { list[weakest] = focus }
    }


    /// Runs the decoders over one sequence in both polarities (or, with `focus`, only at the starts
    /// near the focus); true when something was read.
    private func decode(_ seq: EdgeSequence, _ line: ScanLine, _ startStrength: Float, _ best: inout Progress,
                        focus: Focus? = nil, note noting: Bool = true) -> Bool {
        var read = false
        if let focus, focus.reversed != seq.isReversed { return false }
        for polarity in 0..<2 {
            let dark = polarity == 0
            if let focus, focus.dark != dark { continue }
            if let focus {
                // Only starts near the focus are decoded (the reach test below); the window is a little
                // wider than that test so that it alone decides.
                let reach = LineReader.focusReach + 1
                starts.collect(seq, dark: dark, minStrength: startStrength, from: focus.start - reach,
                               to: focus.start + reach)
            } else {
                starts.collect(seq, dark: dark, minStrength: startStrength)
            }
            var next = 0 // the first element a new symbol may start at
            for i in 0..<starts.count {
                let s = starts[i]
                guard s >= next else { continue }
                if decodedAreas.count > 0 {
                    let t = seq.start(of: s)
                    if decodedAreas.contains(line.point(at: Double(seq.isReversed ? seq.length - t : t))) { continue }
                }
                if let focus, abs(seq.start(of: s) - focus.start) > LineReader.focusReach { continue }
                if focus == nil, readSpanCount > 0, isInReadSpan(seq, s) { continue }
                if decoders.decode(seq, at: s, into: &symbol) {
                    symbol.isInverted = !dark
                    if symbol.addOnSuspected, focus == nil, noting {
                        best.addOnSuspected = true
                        note(&best, Focus(reversed: seq.isReversed, dark: dark, start: seq.start(of: s), characters: .max))
                    }
                    record(seq, line)
                    read = true
                    next = symbol.lastElement + 1
                } else if symbol.progress > 0 {
                    let a = seq.start(of: s)
                    if focus == nil, noting, line.direction < 2, symbol.startModule > 0,
                       symbol.startModule <= LineReader.smallModule, symbol.progress >= LineReader.smallProgress {
                        noteSmall(&best, Focus(reversed: seq.isReversed, dark: dark, start: a,
                                               characters: symbol.progress))
                    }
                    if focus == nil, noting,
                       symbol.progress >= LineReader.retryProgress || symbol.code128Started {
                        note(&best, Focus(reversed: seq.isReversed, dark: dark, start: a, characters: symbol.progress))
                        best.elements = max(best.elements, symbol.progressElement &- s)
                    }
                    if symbol.progress > best.characters {
                        best.characters = symbol.progress
                        let b = seq.position[min(symbol.progressElement, seq.count)]
                        let middle = (a + b) * 0.5
                        best.middle = seq.isReversed ? seq.length - middle : middle
                    }
                }
            }
        }
        return read
    }

    /// Whether start `s` of `seq` lies within a symbol this line already read (its far end included:
    /// read the other way, a symbol starts where it ended).
    private func isInReadSpan(_ seq: EdgeSequence, _ s: Int) -> Bool {
        let t = seq.start(of: s)
        return isInReadSpan(forward: seq.isReversed ? seq.length - t : t)
    }

    /// Whether the sample position `forward` (counted along the line) lies within a symbol this line read.
    private func isInReadSpan(forward: Float) -> Bool {
        for k in 0..<readSpanCount {
            // Safe: k < readSpanCount <= readSpanCapacity.
            if forward >= readSpans[2 &* k] - 1, forward <= readSpans[2 &* k &+ 1] + 1 { return true }
        }
        return false
    }

    private func record(_ seq: EdgeSequence, _ line: ScanLine) {
        var t0 = seq.start(of: symbol.firstElement)
        var t1 = seq.position[symbol.lastElement]
        if seq.isReversed {
            t0 = seq.length - t0
            t1 = seq.length - t1
        }
        if readSpanCount < LineReader.readSpanCapacity {
            // Safe: readSpanCount < readSpanCapacity, two floats each.
            readSpans[2 &* readSpanCount] = min(t0, t1)
            readSpans[2 &* readSpanCount &+ 1] = max(t0, t1)
            readSpanCount &+= 1
        }
        votes.vote(symbol, serial: serial, line: line, start: line.point(at: Double(t0)),
                   end: line.point(at: Double(t1)))
    }
}
