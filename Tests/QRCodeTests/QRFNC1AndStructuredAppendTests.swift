import QRCode
import Symbols
import TestSupport
import Testing

/// FNC1 in first position (GS1), in second position (AIM application indicator), and structured append.
@Suite struct QRFNC1AndStructuredAppendTests {
    static func decode(_ segments: [QRTestSegment]) -> QRDecodeHarness.Outcome {
        QRDecodeHarness().decode(QRTestEncoder.encode(segments, level: .medium)!)
    }

    @Test func decodesGS1WithPercentAsGroupSeparator() {
        // ISO/IEC 18004 § 7.4.8.1 example: 01 04912345123459 15 970331 30 128 (FNC1) 10 ABC123.
        let outcome = Self.decode([.fnc1First, .numeric("01049123451234591597033130128"), .alphanumeric("%10ABC123")])
        #expect(outcome.status == .decoded)
        #expect(outcome.text == "01049123451234591597033130128\u{1D}10ABC123")
        #expect(outcome.bytes == Array(outcome.text.utf8))
        #expect(outcome.info.isGS1)
        #expect(outcome.info.aim == AIMIdentifier("Q", "3"))
    }

    @Test func undoublesPercentInGS1Alphanumeric() {
        let outcome = Self.decode([.fnc1First, .alphanumeric("A%%B%C%"), .bytes(Array("%".utf8))])
        #expect(outcome.text == "A%B\u{1D}C\u{1D}%")
    }

    @Test func leavesPercentAloneWithoutFNC1() {
        #expect(Self.decode([.alphanumeric("50%%")]).text == "50%%")
    }

    @Test func marksGS1WithECIAsQ4() {
        let outcome = Self.decode([.eci(26), .fnc1First, .numeric("0112345678901231")])
        #expect(outcome.info.aim == AIMIdentifier("Q", "4"))
        #expect(outcome.text == "0112345678901231")
    }

    @Test(arguments: [(37, "37"), (5, "05"), (65 + 100, "A"), (122 + 100, "z")])
    func putsTheApplicationIndicatorFirst(indicator: Int, prefix: String) {
        let outcome = Self.decode([.fnc1Second(applicationIndicator: indicator), .alphanumeric("AB%CD")])
        #expect(outcome.status == .decoded)
        #expect(outcome.text == prefix + "AB\u{1D}CD")
        #expect(outcome.info.aim == AIMIdentifier("Q", "5"))
        #expect(!outcome.info.isGS1)
    }

    @Test func marksApplicationIndicatorWithECIAsQ6() {
        let outcome = Self.decode([.eci(26), .fnc1Second(applicationIndicator: 99), .utf8("ü")])
        #expect(outcome.info.aim == AIMIdentifier("Q", "6"))
        #expect(outcome.text == "99ü")
    }

    @Test func rejectsInvalidApplicationIndicatorsAndLateFNC1Second() {
        #expect(Self.decode([.fnc1Second(applicationIndicator: 150), .numeric("1")]).status == .badBitstream)
        #expect(Self.decode([.numeric("1"), .fnc1Second(applicationIndicator: 10)]).status == .badBitstream)
    }

    @Test func reportsStructuredAppendPosition() {
        let message = Array("Lumascan structured append".utf8)
        let parity = QRTestSegment.parity(of: message)
        for index in 0..<3 {
            let part = Array(message[(index * 9)..<min(message.count, index * 9 + 9)])
            let outcome = Self.decode([.structuredAppend(index: index, count: 3, parity: parity), .bytes(part)])
            #expect(outcome.status == .decoded)
            #expect(outcome.bytes == part)
            #expect(outcome.info.structuredAppend == StructuredAppend(index: UInt8(index), count: 3, parity: UInt8(parity)))
        }
        let last = Self.decode([.structuredAppend(index: 15, count: 16, parity: 0xFF), .numeric("9")])
        #expect(last.info.structuredAppend == StructuredAppend(index: 15, count: 16, parity: 0xFF))
        #expect(Self.decode([.numeric("9")]).info.structuredAppend == .none)
    }
}
