/// Which capture format to ask a camera for, from what it offers.
///
/// The decoder wants luma. In order of cost: a native GREY or planar-Y format is handed over as is; a
/// native packed 4:2:2 format (YUYV, UYVY) is read in place every other byte; only when the camera has
/// none of these (an MJPEG-only or 8-bit Bayer camera) does libv4lconvert make YUV420 (its "emulated"
/// formats), which costs a conversion per frame. So native formats win over emulated ones even when
/// the emulated one is GREY-like, because emulation is a copy on the frame path.
public enum CameraFormatChoice {
    /// A format as VIDIOC_ENUM_FMT lists it through libv4l2.
    public struct Offered: Equatable, Sendable {
        public var fourcc: FourCC
        /// Produced by libv4lconvert rather than the driver (`V4L2_FMT_FLAG_EMULATED`).
        public var emulated: Bool

        public init(_ fourcc: FourCC, emulated: Bool = false) {
            self.fourcc = fourcc
            self.emulated = emulated
        }
    }

    /// The `[camera] pixel_format` setting.
    public enum Preference: String, CaseIterable, Sendable {
        case auto, grey, yuv420, nv12, yuyv
    }

    public enum Failure: Error, Equatable, Sendable {
        /// Only raw sensor formats (Bayer, packed 10/12-bit): a CSI camera without its ISP.
        case rawSensorOnly([FourCC])
        /// The preferred format is not offered.
        case preferredMissing(FourCC, offered: [FourCC])
        /// Nothing with a luma plane.
        case noLumaFormat([FourCC])
    }

    /// Luma formats by cost, cheapest first (see the type's comment).
    static let lumaOrder: [FourCC] = [.grey, .yuv420, .yvu420, .nv12, .nv21, .yuyv, .uyvy]

    public static func choose(from offered: [Offered], preference: Preference = .auto) -> Result<Offered, Failure> {
        let codes = offered.map(\.fourcc)
        if preference != .auto {
            let wanted: FourCC = switch preference {
            case .grey: .grey
            case .yuv420: .yuv420
            case .nv12: .nv12
            case .yuyv: .yuyv
            case .auto: .grey
            }
            // A native offer of the same code beats libv4lconvert's.
            if let o = offered.first(where: { $0.fourcc == wanted && !$0.emulated }) ?? offered.first(where: { $0.fourcc == wanted }) {
                return .success(o)
            }
            return .failure(.preferredMissing(wanted, offered: codes))
        }
        for code in lumaOrder {
            if let o = offered.first(where: { $0.fourcc == code && !$0.emulated }) { return .success(o) }
        }
        for code in lumaOrder {
            if let o = offered.first(where: { $0.fourcc == code && $0.emulated }) { return .success(o) }
        }
        if !offered.isEmpty, offered.allSatisfy({ $0.fourcc.isRawSensorFormat || $0.emulated }) {
            return .failure(.rawSensorOnly(codes))
        }
        return .failure(.noLumaFormat(codes))
    }

    /// What to tell the user, with the device's name and driver.
    public static func message(_ failure: Failure, device: String, driver: String) -> String {
        let list: ([FourCC]) -> String = { $0.map(\.description).joined(separator: ", ") }
        switch failure {
        case .rawSensorOnly(let codes):
            return "camera \(device) (driver \(driver)) offers only raw sensor formats (\(list(codes))): this is a "
                + "CSI camera without its image pipeline. Run lumascan under libcamera's V4L2 adaptation: "
                + "`libcamerify lumascan run` (package libcamera-v4l2; see Board/README.md), or use a USB (UVC) camera"
        case .preferredMissing(let wanted, let codes):
            return "camera \(device) does not offer pixel_format \(wanted) (it offers \(list(codes))); "
                + "set [camera] pixel_format = \"auto\""
        case .noLumaFormat(let codes):
            return "camera \(device) offers no format Lumascan can read (\(list(codes))); it needs GREY, YUV420, "
                + "NV12 or YUYV, natively or through libv4lconvert"
        }
    }
}
