import Capture
import Testing

@Suite struct CameraFormatChoiceTests {
    typealias O = CameraFormatChoice.Offered

    @Test func prefersNativeGreyOverEverything() throws {
        let offered = [O(.mjpeg), O(.yuyv), O(.yuv420, emulated: true), O(.grey)]
        #expect(try CameraFormatChoice.choose(from: offered).get() == O(.grey))
    }

    @Test func prefersNativePackedYUYVOverLibv4lconvertsYUV420() throws {
        // A typical UVC webcam through libv4l2: YUYV and MJPEG natively, YUV420 emulated.
        let offered = [O(.yuyv), O(.mjpeg), O(.yuv420, emulated: true), O(FourCC("RGB3"), emulated: true)]
        #expect(try CameraFormatChoice.choose(from: offered).get() == O(.yuyv))
    }

    @Test func takesLibv4lconvertsYUV420ForAnMJPEGOnlyCamera() throws {
        let offered = [O(.mjpeg), O(.yuv420, emulated: true), O(FourCC("BGR3"), emulated: true)]
        #expect(try CameraFormatChoice.choose(from: offered).get() == O(.yuv420, emulated: true))
    }

    @Test func nativePlanarBeforePacked() throws {
        #expect(try CameraFormatChoice.choose(from: [O(.yuyv), O(.nv12)]).get() == O(.nv12))
        #expect(try CameraFormatChoice.choose(from: [O(.uyvy), O(.yuv420)]).get() == O(.yuv420))
    }

    @Test func bayerOnlyUnicamNodeGetsLibcamerifyAdvice() {
        let offered = [O(FourCC("pRAA")), O(FourCC("RG10")), O(FourCC("RGGB"))]
        let result = CameraFormatChoice.choose(from: offered)
        guard case .failure(let f) = result, case .rawSensorOnly = f else {
            Issue.record("expected rawSensorOnly, got \(result)")
            return
        }
        let message = CameraFormatChoice.message(f, device: "/dev/video0", driver: "unicam")
        #expect(message.contains("libcamerify"))
        #expect(message.contains("unicam"))
        #expect(message.contains("pRAA, RG10, RGGB"))
    }

    @Test func configuredFormatMustBeOffered() {
        let result = CameraFormatChoice.choose(from: [O(.grey)], preference: .yuyv)
        #expect(result == .failure(.preferredMissing(.yuyv, offered: [.grey])))
    }

    @Test func configuredFormatPrefersTheNativeOffer() throws {
        let offered = [O(.yuv420, emulated: true), O(.yuv420)]
        #expect(try CameraFormatChoice.choose(from: offered, preference: .yuv420).get() == O(.yuv420))
    }

    @Test func rgbOnlyCameraIsRefusedWithTheList() {
        let result = CameraFormatChoice.choose(from: [O(FourCC("RGB3")), O(FourCC("BGR4"))])
        #expect(result == .failure(.noLumaFormat([FourCC("RGB3"), FourCC("BGR4")])))
    }

    @Test func fourCCRoundTripsItsCharacters() {
        #expect(FourCC("GREY").rawValue == 0x5945_5247)
        #expect(FourCC.yuyv.description == "YUYV")
        #expect(FourCC("Y10").description == "Y10")
        #expect(FourCC("Y10").isRawSensorFormat && !FourCC.yuv420.isRawSensorFormat && !FourCC.grey.isRawSensorFormat)
    }
}
