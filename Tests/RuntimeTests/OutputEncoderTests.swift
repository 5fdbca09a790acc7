import ImageFiles
import Runtime
import Symbols
import Testing

/// The bytes each output encoder puts on the wire.
@Suite struct OutputEncoderTests {
    /// Decodes a marker frame with `codes` and encodes all of them as one read.
    func encode(_ codes: [MarkerCode], _ settings: OutputSettings, sequence: UInt64 = 7, decodeNanoseconds: UInt64 = 3_512_400,
                mapping: ViewMapping = .identity) -> [UInt8] {
        let reader = MarkerReader()
        defer { withExtendedLifetime(reader) {} } // the results are views into its slots
        let n = MarkerFrames.frame(codes).withLumaImage { reader.decode($0) }
        let indices = Array(0..<n)
        var buffer = MessageBuffer(capacity: 1 << 16)
        let encoder = ReadEncoder(settings: settings)
        let ok = indices.withUnsafeBufferPointer { idx in
            encoder.encode(ReadReport(results: reader.results, indices: idx, sequence: sequence,
                                      decodeNanoseconds: decodeNanoseconds, mapping: mapping), into: &buffer)
        }
        #expect(ok)
        return Array(buffer.bytes)
    }

    @Test func plainIsDataThenCarriageReturnLineFeed() {
        #expect(encode([MarkerCode(.qrCode, "HELLO")], OutputSettings()) == Array("HELLO\r\n".utf8))
    }

    @Test func plainWithPrefixSuffixAndAIMIdentifiers() {
        let s = OutputSettings(aimIdentifier: true, prefix: Array("<".utf8), suffix: Array(">\n".utf8))
        #expect(encode([MarkerCode(.ean13, "4006381333931")], s) == Array("<]E04006381333931>\n".utf8))
    }

    @Test func severalCodesOfOneReadAreJoinedBySeparator() {
        let codes = [MarkerCode(.qrCode, "A1"), MarkerCode(.code128, "B2"), MarkerCode(.ean8, "96385074")]
        #expect(encode(codes, OutputSettings()) == Array("A1,B2,96385074\r\n".utf8))
        #expect(encode(codes, OutputSettings(aimIdentifier: true, separator: Array(";".utf8)))
            == Array("]Q1A1;]C0B2;]E496385074\r\n".utf8))
    }

    @Test func aimIdentifiersFollowTheDesignTable() {
        let cases: [(MarkerCode, String)] = [
            (MarkerCode(.qrCode, "x"), "]Q1"), (MarkerCode(.qrCode, "01", gs1: true), "]Q3"),
            (MarkerCode(.code128, "x"), "]C0"), (MarkerCode(.code128, "01", gs1: true), "]C1"),
            (MarkerCode(.ean13, "x"), "]E0"), (MarkerCode(.upcA, "x"), "]E0"), (MarkerCode(.upcE, "x"), "]E0"),
            (MarkerCode(.ean8, "x"), "]E4"), (MarkerCode(.code39, "x"), "]A0"), (MarkerCode(.code93, "x"), "]G0"),
            (MarkerCode(.itf, "x"), "]I0"), (MarkerCode(.codabar, "x"), "]F0"),
        ]
        for (code, aim) in cases {
            let out = encode([code], OutputSettings(aimIdentifier: true, suffix: []))
            #expect(String(decoding: out.prefix(3), as: UTF8.self) == aim, "\(code.format)")
        }
    }

    @Test func gs1SeparatorIsSentAsGroupSeparator() {
        let text = "0104012345678901" + "\u{1D}" + "10ABC"
        let out = encode([MarkerCode(.code128, text, gs1: true)], OutputSettings(aimIdentifier: true))
        #expect(out == Array("]C1".utf8) + Array(text.utf8) + [0x0D, 0x0A])
        #expect(out.contains(0x1D))
    }

    @Test func stxEtxFramingEndsWithXorChecksumOfEverythingAfterSTX() {
        let out = encode([MarkerCode(.qrCode, "AB")], OutputSettings(format: .stxEtx))
        // BCC = 'A' ^ 'B' ^ ETX = 0x41 ^ 0x42 ^ 0x03 = 0x00
        #expect(out == [0x02, 0x41, 0x42, 0x03, 0x00])
        let out2 = encode([MarkerCode(.ean8, "96385074")], OutputSettings(format: .stxEtx, prefix: [0x31]))
        var bcc: UInt8 = 0
        for b in out2.dropFirst().dropLast() { bcc ^= b }
        #expect(out2.first == 0x02 && out2[out2.count - 2] == 0x03 && out2.last == bcc)
        #expect(Array(out2[1..<(out2.count - 2)]) == [0x31] + Array("96385074".utf8))
    }

    @Test func binaryPayloadsAreRawBytesInPlainAndHexInJSON() {
        let bytes: [UInt8] = [0x00, 0xFF, 0x80, 0x0D]
        #expect(encode([MarkerCode(.qrCode, binary: bytes)], OutputSettings(suffix: [])) == bytes)
        let json = String(decoding: encode([MarkerCode(.qrCode, binary: bytes)], OutputSettings(format: .jsonLines)),
                          as: UTF8.self)
        #expect(json.contains("\"hex\":\"00ff800d\""))
        #expect(!json.contains("\"text\""))
    }

    @Test func jsonLineCarriesFormatAIMTextCornersAndDecodeTime() {
        let out = encode([MarkerCode(.qrCode, "say \"hi\"\n\u{1D}é"), MarkerCode(.ean13, "4006381333931")],
                         OutputSettings(format: .jsonLines), sequence: 42, decodeNanoseconds: 3_512_400,
                         mapping: ViewMapping(originX: 100, originY: 50, scale: 2))
        let expected = "{\"seq\":42,\"decode_ms\":3.512,\"codes\":["
            + "{\"format\":\"QRCode\",\"aim\":\"]Q1\",\"text\":\"say \\\"hi\\\"\\n\\u001dé\","
            + "\"corners\":[[120,90],[280,90],[280,250],[120,250]]},"
            + "{\"format\":\"EAN-13\",\"aim\":\"]E0\",\"text\":\"4006381333931\","
            + "\"corners\":[[320,90],[480,90],[480,250],[320,250]]}]}\n"
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }

    @Test func rawPayloadOptionSendsBytesEvenForText() {
        let s = OutputSettings(format: .jsonLines, payload: .raw)
        #expect(String(decoding: encode([MarkerCode(.qrCode, "AZ")], s), as: UTF8.self).contains("\"hex\":\"415a\""))
    }

    @Test func aMessageLargerThanTheBufferIsRefusedNotTruncated() {
        let reader = MarkerReader()
        defer { withExtendedLifetime(reader) {} }
        let n = MarkerFrames.frame([MarkerCode(.qrCode, String(repeating: "x", count: 200))]).withLumaImage { reader.decode($0) }
        var small = MessageBuffer(capacity: 64)
        let ok = [0].withUnsafeBufferPointer { idx in
            ReadEncoder(settings: OutputSettings()).encode(
                ReadReport(results: reader.results, indices: idx, sequence: 0, decodeNanoseconds: 0, mapping: .identity),
                into: &small)
        }
        #expect(n == 1 && !ok && small.overflowed)
    }
}
