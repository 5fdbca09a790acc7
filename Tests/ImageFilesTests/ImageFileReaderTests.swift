import Foundation
import ImageFiles
import Testing

@Suite struct ImageFileReaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    @Test func readsRawEightBitPGM() throws {
        let image = try ImageFileReader.decode(Array("P5\n# comment\n3 2\n255\n".utf8) + [0, 50, 100, 150, 200, 255], path: "t.pgm")
        #expect(image.width == 3 && image.height == 2)
        #expect(image.pixels == [0, 50, 100, 150, 200, 255])
    }

    @Test func readsPlainAndSixteenBitPGM() throws {
        let plain = try ImageFileReader.decode(Array("P2 2 2 15\n0 15\n5 10\n".utf8), path: "t.pgm")
        #expect(plain.pixels == [0, 255, 85, 170])
        let wide = try ImageFileReader.decode(Array("P5 2 1 65535\n".utf8) + [0xFF, 0xFF, 0x80, 0x00], path: "t.pgm")
        #expect(wide.pixels == [255, 128])
    }

    @Test func convertsColourToLumaWithBT601Weights() throws {
        // Pure red, green, blue: 0.299, 0.587, 0.114 of 255, rounded as Pillow does.
        let ppm = try ImageFileReader.decode(Array("P6 3 1 255\n".utf8) + [255, 0, 0, 0, 255, 0, 0, 0, 255], path: "t.ppm")
        #expect(ppm.pixels == [76, 150, 29])
    }

    @Test func readsBitmaps() throws {
        let raw = try ImageFileReader.decode(Array("P4 3 1\n".utf8) + [0b1010_0000], path: "t.pbm")
        #expect(raw.pixels == [0, 255, 0])
        let plain = try ImageFileReader.decode(Array("P1 3 1\n011".utf8), path: "t.pbm")
        #expect(plain.pixels == [255, 0, 0])
    }

    @Test(arguments: ["qr.png", "qr-colour.jpg", "qr.pgm", "qr.ppm"])
    func readsTheSameImageFromEveryFormat(_ name: String) throws {
        let reference = try ImageFileReader.read(path: Self.fixtures + "/qr.pgm")
        let image = try ImageFileReader.read(path: Self.fixtures + "/" + name)
        #expect(image.width == reference.width && image.height == reference.height)
        // JPEG is lossy: compare within a few grey levels on average.
        let difference = zip(image.pixels, reference.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +)
        #expect(difference / image.pixels.count <= 3)
    }

    @Test func reportsAMissingFile() {
        #expect(throws: ImageFileError.cannotOpen(path: "/nonexistent/x.pgm", reason: "No such file or directory")) {
            try ImageFileReader.read(path: "/nonexistent/x.pgm")
        }
    }

    @Test func reportsATruncatedPGMWithTheByteCounts() {
        #expect(throws: ImageFileError.truncated(path: "t.pgm", expectedBytes: 100, foundBytes: 3)) {
            try ImageFileReader.decode(Array("P5\n10 10\n255\n".utf8) + [1, 2, 3], path: "t.pgm")
        }
    }

    @Test(arguments: ["P5\n10\n", "P5\n10 x 255\n", "P5\n0 10\n255\n", "P5\n10 10\n70000\n", "P5 4 4 255"])
    func reportsMalformedHeaders(_ header: String) {
        #expect(throws: ImageFileError.self) { try ImageFileReader.decode(Array(header.utf8), path: "t.pgm") }
    }

    @Test func reportsUnknownAndCorruptFormats() throws {
        #expect(throws: ImageFileError.unknownFormat(path: "t.gif")) {
            try ImageFileReader.decode(Array("GIF89a".utf8), path: "t.gif")
        }
        let png = try Array(Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/qr.png")))
        #expect(throws: ImageFileError.self) { try ImageFileReader.decode(Array(png.prefix(60)), path: "cut.png") }
        let jpeg = try Array(Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/qr-colour.jpg")))
        #expect(throws: ImageFileError.self) { try ImageFileReader.decode(Array(jpeg.prefix(200)), path: "cut.jpg") }
    }

    @Test func neverTrapsOnRandomBytes() {
        var state: UInt64 = 99
        for length in [0, 1, 2, 5, 20, 200, 5000] {
            for prefix in ["", "P5", "P6 9 9 255\n", "\u{89}PNG", "\u{FF}\u{D8}\u{FF}"] {
                var bytes = Array(prefix.utf8)
                for _ in 0..<length {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    bytes.append(UInt8(truncatingIfNeeded: state >> 33))
                }
                _ = try? ImageFileReader.decode(bytes, path: "random")
            }
        }
    }
}
