import Imaging
import ImageFiles
import Runtime
import Symbols

/// A decoder double for loop tests: it "reads" codes that `MarkerFrames` wrote as bytes into the first
/// row of a frame, so that output bytes can be checked exactly whatever the state of the real readers.
/// Allocation-free like the real one (its slots come from a `ScanArena`).
final class MarkerReader: FrameDecoding {
    static let magic: UInt8 = 0xA5
    let arena = ScanArena()
    let results: ResultSlots

    init(maxResults: Int = 16, maxBytes: Int = 4096, maxText: Int = 8192) {
        results = ResultSlots(arena: arena, capacity: maxResults, maxBytes: maxBytes, maxText: maxText)
    }

    func decode(_ image: LumaImage) -> Int {
        results.reset()
        guard image.width >= 2, image.pixel(0, 0) == Self.magic else { return 0 }
        let count = Int(image.pixel(1, 0))
        var x = 2
        for k in 0..<count {
            guard x + 4 <= image.width else { break }
            let format = SymbolFormat(rawValue: image.pixel(x, 0)) ?? .qrCode
            let flags = image.pixel(x + 1, 0)
            let length = Int(image.pixel(x + 2, 0)) << 8 | Int(image.pixel(x + 3, 0))
            x += 4
            guard x + length <= image.width else { break }
            results.pendingInfo.format = format
            results.pendingInfo.isGS1 = flags & 1 != 0
            let base = Double(k * 100)
            results.pendingInfo.corners = Quad(PointF(base + 10, 20), PointF(base + 90, 20), PointF(base + 90, 100),
                                               PointF(base + 10, 100))
            for i in 0..<length {
                let b = image.pixel(x + i, 0)
                results.pendingBytes.append(b)
                if flags & 2 == 0 { results.pendingText.append(b) } // bit 1: binary, no text
            }
            x += length
            results.commit()
        }
        return results.count
    }
}

/// A code for `MarkerFrames`.
struct MarkerCode {
    var format: SymbolFormat
    var bytes: [UInt8]
    var gs1 = false
    var binary = false

    init(_ format: SymbolFormat, _ text: String, gs1: Bool = false) {
        self.format = format
        bytes = Array(text.utf8)
        self.gs1 = gs1
    }

    init(_ format: SymbolFormat, binary: [UInt8]) {
        self.format = format
        bytes = binary
        self.binary = true
    }
}

enum MarkerFrames {
    /// A grey frame whose first row carries `codes` for `MarkerReader`.
    static func frame(_ codes: [MarkerCode], width: Int = 320, height: Int = 240) -> LoadedImage {
        var pixels = [UInt8](repeating: 128, count: width * height)
        guard !codes.isEmpty else { return LoadedImage(width: width, height: height, pixels: pixels) }
        var row: [UInt8] = [MarkerReader.magic, UInt8(codes.count)]
        for c in codes {
            row += [c.format.rawValue, (c.gs1 ? 1 : 0) | (c.binary ? 2 : 0), UInt8(c.bytes.count >> 8), UInt8(c.bytes.count & 255)]
            row += c.bytes
        }
        precondition(row.count <= width, "codes do not fit the first row")
        pixels.replaceSubrange(0..<row.count, with: row)
        return LoadedImage(width: width, height: height, pixels: pixels)
    }
}
