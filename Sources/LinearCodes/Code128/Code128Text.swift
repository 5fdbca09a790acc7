/// Turns Code 128 symbol values into data bytes (ISO/IEC 15417 § 4.3).
///
/// - Code sets A (control characters and upper case), B (printable ASCII) and C (digit pairs), with
///   CODE A/B/C latches and SHIFT (one character from the other of A/B).
/// - FNC4 (§ 4.3.4.2): alone, it adds 128 to the next data character; doubled, it latches extended
///   (Latin-1 high half) characters until the next double FNC4, and inside the latch a single FNC4
///   makes the next character a plain one.
/// - FNC1 in the first data position marks GS1-128 (AIM `]C1`); after a single letter or digit pair it
///   marks an AIM application (`]C2`); anywhere else it is the GS1 field separator GS (0x1D).
/// - FNC2 (message append) and FNC3 (reader initialisation) carry no data and are dropped.
enum Code128Text {
    private static let fnc1: UInt8 = 102
    private enum Set { case a, b, c }

    /// Decodes `values[0 ..< count]` (start character first, check character excluded) into
    /// `sym.payload`, setting `isGS1` and the AIM modifier. Returns false for a malformed sequence.
    static func decode(_ values: UnsafePointer<UInt8>, count: Int, into sym: inout LineSymbol) -> Bool {
        guard count >= 2 else { return false }
        var set: Set
        switch values[0] {
        case 103: set = .a
        case 104: set = .b
        case 105: set = .c
        default: return false
        }
        sym.isGS1 = false
        sym.modifier = UInt8(ascii: "0")
        var shift = false          // next character from the other of A/B
        var extendedLatch = false  // double FNC4 seen
        var extendedOnce = false   // single FNC4 seen: toggles the next character
        var dataCount = 0          // data characters so far (for FNC1 positions)
        var i = 1
        while i < count {
            let v = values[i]
            let current: Set = shift ? (set == .a ? .b : .a) : set
            shift = false
            if current == .c {
                if v < 100 {
                    sym.payload.append(UInt8(ascii: "0") + v / 10)
                    sym.payload.append(UInt8(ascii: "0") + v % 10)
                    dataCount += 1
                } else {
                    switch v {
                    case 100: set = .b
                    case 101: set = .a
                    case fnc1: handleFNC1(&sym, dataCount: dataCount)
                    default: return false
                    }
                }
                i += 1
                continue
            }
            if v < 96 {
                var byte: UInt8
                if current == .a {
                    byte = v < 64 ? v + 32 : v - 64
                } else {
                    byte = v + 32
                }
                if extendedLatch != extendedOnce { byte |= 0x80 }
                extendedOnce = false
                sym.payload.append(byte)
                dataCount += 1
                i += 1
                continue
            }
            switch v {
            case 96, 97: break // FNC3, FNC2
            case 98: shift = true
            case 99: set = .c
            case 100, 101:
                // FNC4 in its own set (B: 100, A: 101), else a latch to the other set.
                let isFNC4 = (current == .b && v == 100) || (current == .a && v == 101)
                if isFNC4 {
                    if i + 1 < count, values[i + 1] == v {
                        extendedLatch.toggle()
                        extendedOnce = false
                        i += 1
                    } else {
                        extendedOnce = true
                    }
                } else {
                    set = v == 100 ? .b : .a
                }
            case fnc1: handleFNC1(&sym, dataCount: dataCount)
            default: return false
            }
            i += 1
        }
        return !sym.payload.overflowed
    }

    @inline(__always)
    private static func handleFNC1(_ sym: inout LineSymbol, dataCount: Int) {
        if dataCount == 0 {
            sym.isGS1 = true
            sym.modifier = UInt8(ascii: "1")
        } else if dataCount == 1, !sym.isGS1, sym.modifier == UInt8(ascii: "0") {
            // AIM application indicator: one letter or one digit pair, then FNC1.
            sym.modifier = UInt8(ascii: "2")
        } else {
            sym.payload.append(0x1D)
        }
    }
}
