/// Renders a module matrix to a greyscale image: square modules of `moduleSize` pixels, a light quiet
/// zone of `quietZone` modules around (ISO/IEC 18004 asks for 4). Distortions (perspective, blur,
/// noise) are applied to the result by other helpers.
public enum QRTestRenderer {
    public static func render(
        modules: [UInt8], dimension: Int, moduleSize: Int = 4, quietZone: Int = 4, dark: UInt8 = 0, light: UInt8 = 255
    ) -> GrayImage {
        precondition(modules.count == dimension * dimension && moduleSize > 0 && quietZone >= 0)
        let side = (dimension + 2 * quietZone) * moduleSize
        var image = GrayImage(width: side, height: side, fill: light)
        for y in 0..<dimension {
            for x in 0..<dimension where modules[y * dimension + x] != 0 {
                let px = (x + quietZone) * moduleSize, py = (y + quietZone) * moduleSize
                for dy in 0..<moduleSize {
                    let row = (py + dy) * side
                    for dx in 0..<moduleSize { image.pixels[row + px + dx] = dark }
                }
            }
        }
        return image
    }
}
