/// Netpbm images: PGM (P2 plain, P5 raw), PPM (P3, P6) and PBM (P1, P4), any maxval up to 65535.
/// Colour is converted to luma with ITU-R BT.601 weights, the same rounding as Pillow's convert('L').
enum NetpbmDecoder {
    static func isNetpbm(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == UInt8(ascii: "P") && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[1])
    }

    static func decode(_ bytes: [UInt8], path: String) throws -> LoadedImage {
        var header = HeaderReader(bytes: bytes, position: 2, path: path)
        let kind = bytes[1] - UInt8(ascii: "0")
        let width = try header.number("width")
        let height = try header.number("height")
        let isBitmap = kind == 1 || kind == 4
        let maxval = isBitmap ? 1 : try header.number("maxval")
        guard maxval >= 1, maxval <= 65535 else {
            throw ImageFileError.malformedHeader(path: path, reason: "maxval \(maxval) is not within 1…65535")
        }
        try LoadedImage.checkSize(width, height, path: path)
        let channels = (kind == 3 || kind == 6) ? 3 : 1
        let count = width * height
        if kind == 5 && maxval == 255 { // the common case: 8-bit raw grey, copied as it is
            try header.singleWhitespace()
            let start = header.position
            guard bytes.count - start >= count else {
                throw ImageFileError.truncated(path: path, expectedBytes: count, foundBytes: max(0, bytes.count - start))
            }
            return LoadedImage(width: width, height: height, pixels: Array(bytes[start..<(start + count)]))
        }
        var samples = [Int](repeating: 0, count: count * channels)
        switch kind {
        case 5, 6:
            try header.singleWhitespace()
            let wide = maxval > 255
            let needed = count * channels * (wide ? 2 : 1)
            let start = header.position
            guard bytes.count - start >= needed else {
                throw ImageFileError.truncated(path: path, expectedBytes: needed, foundBytes: max(0, bytes.count - start))
            }
            for i in 0..<(count * channels) {
                samples[i] = wide ? Int(bytes[start + 2 * i]) << 8 | Int(bytes[start + 2 * i + 1]) : Int(bytes[start + i])
            }
        case 4:
            try header.singleWhitespace()
            let rowBytes = (width + 7) / 8
            let start = header.position
            guard bytes.count - start >= rowBytes * height else {
                throw ImageFileError.truncated(path: path, expectedBytes: rowBytes * height, foundBytes: max(0, bytes.count - start))
            }
            for y in 0..<height {
                for x in 0..<width {
                    let bit = bytes[start + y * rowBytes + x / 8] >> (7 - UInt8(x % 8)) & 1
                    samples[y * width + x] = bit == 1 ? 0 : 1 // PBM: 1 is black
                }
            }
        default: // plain formats: whitespace-separated decimal samples
            for i in 0..<(count * channels) {
                let v: Int
                if kind == 1 {
                    v = try header.bitmapDigit(index: i, of: count)
                } else {
                    v = try header.sample(index: i, of: count * channels)
                }
                guard v <= maxval else {
                    throw ImageFileError.corrupt(path: path, reason: "sample \(v) exceeds maxval \(maxval)")
                }
                samples[i] = kind == 1 ? 1 - v : v
            }
        }
        var luma = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            if channels == 3 {
                let r = scale(samples[3 * i], maxval), g = scale(samples[3 * i + 1], maxval), b = scale(samples[3 * i + 2], maxval)
                luma[i] = UInt8((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16)
            } else {
                luma[i] = UInt8(scale(samples[i], maxval))
            }
        }
        return LoadedImage(width: width, height: height, pixels: luma)
    }

    private static func scale(_ v: Int, _ maxval: Int) -> Int {
        maxval == 255 ? min(v, 255) : min(255, (v * 255 + maxval / 2) / maxval)
    }
}

/// Reads the whitespace- and comment-separated tokens of a Netpbm header.
private struct HeaderReader {
    let bytes: [UInt8]
    var position: Int
    let path: String

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C }

    mutating func skipSpaceAndComments() {
        while position < bytes.count {
            if Self.isSpace(bytes[position]) {
                position += 1
            } else if bytes[position] == UInt8(ascii: "#") {
                while position < bytes.count && bytes[position] != 0x0A && bytes[position] != 0x0D { position += 1 }
            } else {
                break
            }
        }
    }

    mutating func number(_ what: String) throws -> Int {
        skipSpaceAndComments()
        guard position < bytes.count else {
            throw ImageFileError.malformedHeader(path: path, reason: "the file ends before the \(what)")
        }
        var value = 0, digits = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            digits += 1
            position += 1
            guard value <= 1 << 30 else {
                throw ImageFileError.malformedHeader(path: path, reason: "the \(what) is too large")
            }
        }
        guard digits > 0 else {
            throw ImageFileError.malformedHeader(path: path, reason: "expected the \(what) (a decimal number) at byte \(position)")
        }
        return value
    }

    mutating func singleWhitespace() throws {
        guard position < bytes.count, Self.isSpace(bytes[position]) else {
            throw ImageFileError.malformedHeader(path: path, reason: "expected one whitespace byte before the pixel data")
        }
        position += 1
    }

    mutating func sample(index: Int, of total: Int) throws -> Int {
        skipSpaceAndComments()
        guard position < bytes.count else {
            throw ImageFileError.truncated(path: path, expectedBytes: total, foundBytes: index)
        }
        return try number("sample \(index)")
    }

    /// P1 samples may be written without separators ("0101").
    mutating func bitmapDigit(index: Int, of total: Int) throws -> Int {
        skipSpaceAndComments()
        guard position < bytes.count else {
            throw ImageFileError.truncated(path: path, expectedBytes: total, foundBytes: index)
        }
        let c = bytes[position]
        guard c == UInt8(ascii: "0") || c == UInt8(ascii: "1") else {
            throw ImageFileError.corrupt(path: path, reason: "PBM sample must be 0 or 1 at byte \(position)")
        }
        position += 1
        return Int(c - UInt8(ascii: "0"))
    }
}
