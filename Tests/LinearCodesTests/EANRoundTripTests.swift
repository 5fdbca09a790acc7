import LinearCodes
import Symbols
import Testing
import TestSupport

/// Encode → render → decode for EAN-13, UPC-A, EAN-8, UPC-E and the add-ons.
@Suite struct EANRoundTripTests {
    let harness = LinearTestHarness()

    @Test(arguments: ["400638133393", "978014300723", "590123412345", "123456789012", "000000000000",
                      "999999999999", "871125300120"])
    func readsEAN13(_ twelve: String) {
        let symbol = EANEncoder.ean13(twelve)
        let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol))
        #expect(symbol.isOnlyRead(in: reads), "\(reads)")
    }

    @Test func reportsEveryLeadingDigitOfEAN13() {
        for first in 0...9 {
            let symbol = EANEncoder.ean13("\(first)12345678901")
            let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol))
            #expect(symbol.isOnlyRead(in: reads), "leading \(first): \(reads)")
        }
    }

    @Test func readsUPCAAsThirteenDigits() {
        let symbol = EANEncoder.upcA("03600029145")
        let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol))
        #expect(reads.map(\.text) == ["0036000291452"])
        #expect(reads.first?.format == "UPC-A" && reads.first?.aim == "]E0")
    }

    @Test func readsEAN8() {
        for seven in ["9638507", "5512345", "0000000", "4719512"] {
            let symbol = EANEncoder.ean8(seven)
            let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: 2.5))
            #expect(symbol.isOnlyRead(in: reads), "\(seven): \(reads)")
        }
    }

    /// Both number systems and all six zero-suppression layouts (last digit 0–9).
    @Test func readsUPCEInEveryNumberSystemAndLayout() {
        for ns in 0...1 {
            for last in 0...9 {
                let symbol = EANEncoder.upcE(numberSystem: ns, "12345\(last)")
                let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: 3))
                #expect(symbol.isOnlyRead(in: reads), "NS \(ns) last \(last): \(reads)")
            }
        }
    }

    @Test func expandsUPCEAsZxingDoes() {
        let symbol = EANEncoder.upcE(numberSystem: 0, "123456")
        #expect(symbol.text == "0012345000065")
        let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: 3))
        #expect(reads.map(\.text) == ["0012345000065"])
    }

    @Test(arguments: ["12", "00", "99", "51299", "90000", "00000", "12345"])
    func appendsAddOnToEAN13(_ addOn: String) {
        let symbol = EANEncoder.ean13("978073520044", addOn: addOn)
        let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: 2.5))
        #expect(symbol.isOnlyRead(in: reads), "\(reads)")
        #expect(reads.first?.aim == "]E3")
    }

    @Test func appendsAddOnToUPCAAndUPCE() {
        for symbol in [EANEncoder.upcA("00270110069", addOn: "02601"), EANEncoder.upcE(numberSystem: 0, "490000", addOn: "01")] {
            let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol, module: 2.5))
            #expect(symbol.isOnlyRead(in: reads), "\(reads)")
        }
    }

    @Test func addOnPolicyIgnoreReportsTheMainSymbolAloneAndRequireOnlySymbolsWithOne() {
        let withAddOn = EANEncoder.ean13("978073520044", addOn: "51299")
        let without = EANEncoder.upcA("00270110069")
        let ignoring = LinearTestHarness(eanAddOns: .ignore)
        let requiring = LinearTestHarness(eanAddOns: .require)
        let a = ignoring.roundTrip(withAddOn, LinearRenderer.fittingOptions(withAddOn, module: 2.5))
        #expect(a.map(\.text) == ["9780735200449"] && a.first?.aim == "]E0", "\(a)")
        let b = requiring.roundTrip(withAddOn, LinearRenderer.fittingOptions(withAddOn, module: 2.5))
        #expect(b.map(\.text) == ["978073520044951299"] && b.first?.aim == "]E3", "\(b)")
        let c = requiring.roundTrip(without, LinearRenderer.fittingOptions(without, module: 2.5))
        #expect(c.isEmpty, "\(c)")
        // Other symbologies are not affected by `require`.
        let code128 = Code128Encoder.auto("LUMASCAN-42")
        let d = requiring.roundTrip(code128, LinearRenderer.fittingOptions(code128))
        #expect(d.map(\.text) == ["LUMASCAN-42"], "\(d)")
    }

    @Test func readsISBNAsEAN13() {
        let symbol = EANEncoder.ean13("978030640615")
        let reads = harness.roundTrip(symbol, LinearRenderer.fittingOptions(symbol))
        #expect(reads.map(\.text) == ["9780306406157"] && reads.first?.format == "EAN-13")
    }

    @Test func respectsTheEnabledFormats() {
        let ean13Only = LinearTestHarness(formats: FormatSet(.ean13))
        let upce = EANEncoder.upcE(numberSystem: 0, "123456")
        #expect(ean13Only.roundTrip(upce, LinearRenderer.fittingOptions(upce, module: 3)).isEmpty)
        let upcaOnly = LinearTestHarness(formats: FormatSet(.upcA))
        let ean = EANEncoder.ean13("400638133393")
        #expect(upcaOnly.roundTrip(ean, LinearRenderer.fittingOptions(ean)).isEmpty)
        let upca = EANEncoder.upcA("03600029145")
        #expect(upcaOnly.roundTrip(upca, LinearRenderer.fittingOptions(upca)).map(\.format) == ["UPC-A"])
    }
}
