/// A V4L2 pixel format code: four ASCII characters packed little-endian (`v4l2_fourcc('G','R','E','Y')`).
public struct FourCC: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// From the four characters, e.g. `FourCC("YUYV")`. Shorter names are padded with spaces ("Y10 ").
    public init(_ code: String) {
        var value: UInt32 = 0
        var bytes = Array(code.utf8.prefix(4))
        while bytes.count < 4 { bytes.append(0x20) }
        for (i, b) in bytes.enumerated() { value |= UInt32(b) << (8 * UInt32(i)) }
        rawValue = value
    }

    /// The four characters ("GREY"), trailing spaces removed; non-printable bytes as `?`.
    public var description: String {
        var s = ""
        for i in 0..<4 {
            let b = UInt8(truncatingIfNeeded: rawValue >> (8 * UInt32(i)))
            s.append(b >= 0x20 && b < 0x7F ? Character(Unicode.Scalar(b)) : "?")
        }
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    public static let grey = FourCC("GREY")
    /// Planar YUV 4:2:0, Y plane first (`V4L2_PIX_FMT_YUV420`): what libv4lconvert produces.
    public static let yuv420 = FourCC("YU12")
    public static let yvu420 = FourCC("YV12")
    public static let nv12 = FourCC("NV12")
    public static let nv21 = FourCC("NV21")
    public static let yuyv = FourCC("YUYV")
    public static let uyvy = FourCC("UYVY")
    public static let mjpeg = FourCC("MJPG")

    /// Raw sensor formats (Bayer mosaics and packed 10/12-bit mono) that a CSI receiver such as the
    /// Pi's Unicam delivers when no ISP runs: not luma, and not convertible by libv4lconvert beyond 8 bits.
    public var isRawSensorFormat: Bool {
        let s = description
        let bayer8 = ["BA81", "GBRG", "GRBG", "RGGB"]
        if bayer8.contains(s) { return true }
        let prefixes = ["BG1", "GB1", "BA1", "RG1", "GR1", "pBA", "pGA", "pgA", "pRA", "pBC", "pGC", "pgC", "pRC",
                        "PC1", "Y10", "Y12", "Y14", "Y16", "Y10P", "Y12P"]
        return prefixes.contains { s.hasPrefix($0) }
    }
}
