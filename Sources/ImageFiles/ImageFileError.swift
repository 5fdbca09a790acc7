/// Why an image file could not be read. Every case names the file and says what was wrong.
public enum ImageFileError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case unknownFormat(path: String)
    case malformedHeader(path: String, reason: String)
    case truncated(path: String, expectedBytes: Int, foundBytes: Int)
    case corrupt(path: String, reason: String)
    case tooLarge(path: String, width: Int, height: Int)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "\(path): cannot open: \(reason)"
        case let .unknownFormat(path):
            "\(path): not a PGM, PPM, PBM, PNG or JPEG image"
        case let .malformedHeader(path, reason):
            "\(path): malformed header: \(reason)"
        case let .truncated(path, expected, found):
            "\(path): truncated: pixel data needs \(expected) bytes, the file has \(found)"
        case let .corrupt(path, reason):
            "\(path): \(reason)"
        case let .tooLarge(path, width, height):
            "\(path): \(width)x\(height) is larger than the 65536x65536 (and 1 gigapixel) this reader accepts"
        }
    }
}
