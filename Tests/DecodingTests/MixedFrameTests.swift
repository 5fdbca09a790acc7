import Decoding
import Imaging
import Symbols
import Testing
import TestSupport

/// Frames holding a QR symbol and a linear one. The linear reader skips the parts of its lines inside
/// a QR symbol already decoded in the frame (`DecodedAreas`): a barcode right beside one, on the same
/// rows or crossed by the same diagonals, must still be read.
@Suite struct MixedFrameTests {
    /// A 640 × 320 frame: EAN-13 "4006381333931" with its centre at `eanX` (fraction of the width),
    /// turned by `degrees`, and a QR symbol ("MIXED FRAME", 7 px modules, taller than the EAN) centred at (`qrX`, 160).
    static func frame(eanX: Double, degrees: Double, qrX: Double) -> GrayImage {
        var options = LinearRenderOptions()
        options.width = 640
        options.height = 320
        options.module = 2
        options.heightRatio = 0.25
        options.centerX = eanX
        options.rotation = degrees
        var canvas = LinearRenderer.render(EANEncoder.ean13("400638133393"), options)
        let qr = QRTestEncoder.encode([.alphanumeric("MIXED FRAME")], level: .medium)!
        let size = Double(qr.dimension * 7)
        SceneRenderer.draw(modules: qr.modules, columns: qr.dimension, rows: qr.dimension, quietZone: 4,
                           into: &canvas, corners: SceneRenderer.square(center: qrX, 160, size: size))
        return canvas
    }

    static func texts(_ frame: GrayImage) -> [String] {
        let decoder = Decoder(configuration: DecoderConfiguration(maxWidth: 640, maxHeight: 320))
        let n = frame.withLumaImage { decoder.decode($0) }
        return (0..<n).map { decoder.results[$0].textString }.sorted()
    }

    @Test(arguments: [0.0, 8.0, -8.0, 30.0, 45.0])
    func readsAnEANBesideADecodedQRCode(degrees: Double) {
        // The QR symbol (x 37 ... 183, y 87 ... 233, quiet zone to x 211) ends about 35 px before the
        // EAN's first bar (x ≈ 218 at 0°, y 120 ... 200); every row through the EAN crosses the QR
        // symbol first.
        let texts = Self.texts(Self.frame(eanX: 0.49, degrees: degrees, qrX: 110))
        #expect(texts == ["4006381333931", "MIXED FRAME"], "at \(degrees)°")
    }

    @Test func readsAnEANOnEitherSideOfADecodedQRCode() {
        #expect(Self.texts(Self.frame(eanX: 0.46, degrees: 0, qrX: 530)) == ["4006381333931", "MIXED FRAME"])
    }
}
