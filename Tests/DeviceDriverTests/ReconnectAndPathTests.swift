import Capture
import Testing

@Suite struct ReconnectAndPathTests {
    @Test func backoffDoublesToItsCeilingAndResets() {
        var b = ReconnectBackoff(firstMilliseconds: 100, maximumMilliseconds: 1000)
        let delays = (0..<6).map { _ in b.nextDelay() / 1_000_000 }
        #expect(delays == [100, 200, 400, 800, 1000, 1000])
        #expect(b.attempts == 6)
        b.reset()
        #expect(b.nextDelay() == 100_000_000 && b.attempts == 1)
    }

    @Test func bareNamesAreLookedUpAsPersistentLinksFirst() {
        #expect(CameraDevicePath.candidates(for: "/dev/video2") == ["/dev/video2"])
        #expect(CameraDevicePath.candidates(for: "usb-046d_C920-video-index0")
            == ["/dev/v4l/by-id/usb-046d_C920-video-index0", "/dev/v4l/by-path/usb-046d_C920-video-index0",
                "/dev/usb-046d_C920-video-index0"])
        #expect(CameraDevicePath.resolve("video0") { $0 == "/dev/video0" } == "/dev/video0")
        #expect(CameraDevicePath.resolve("cam") { $0.hasPrefix("/dev/v4l/by-path") } == "/dev/v4l/by-path/cam")
        #expect(CameraDevicePath.resolve("gone") { _ in false } == "/dev/v4l/by-id/gone")
    }

    @Test func deviceNodesSortNumerically() {
        #expect(["video10", "video2", "video1"].sorted(by: DeviceDirectory.naturalOrder) == ["video1", "video2", "video10"])
    }
}
