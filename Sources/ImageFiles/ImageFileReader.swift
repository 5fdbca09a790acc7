import CImageCodecs

/// Reads PGM/PPM/PBM, PNG and JPEG files into 8-bit luma, telling formats apart by their first bytes.
public enum ImageFileReader {
    /// File name extensions `lumascan decode` picks up when it walks a folder.
    public static let knownExtensions: Set<String> = ["pgm", "ppm", "pbm", "pnm", "png", "jpg", "jpeg"]

    public static func read(path: String) throws -> LoadedImage {
        try decode(FileBytes.read(path: path), path: path)
    }

    /// Decodes an image held in memory; `path` only names it in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws -> LoadedImage {
        if NetpbmDecoder.isNetpbm(bytes) { return try NetpbmDecoder.decode(bytes, path: path) }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return try decodeWithCodec(bytes, path: path, png: true) }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return try decodeWithCodec(bytes, path: path, png: false) }
        throw ImageFileError.unknownFormat(path: path)
    }

    private static func decodeWithCodec(_ bytes: [UInt8], path: String, png: Bool) throws -> LoadedImage {
        var out: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0, height: Int32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { data in
            message.withUnsafeMutableBufferPointer { err in
                png ? lumascan_png_decode_luma(data.baseAddress, data.count, &out, &width, &height, err.baseAddress, err.count)
                    : lumascan_jpeg_decode_luma(data.baseAddress, data.count, &out, &width, &height, err.baseAddress, err.count)
            }
        }
        guard status == 0, let pixels = out else {
            let text = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw ImageFileError.corrupt(path: path, reason: text)
        }
        defer { lumascan_image_free(pixels) }
        try LoadedImage.checkSize(Int(width), Int(height), path: path)
        let count = Int(width) * Int(height)
        return LoadedImage(width: Int(width), height: Int(height),
                           pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }
}
