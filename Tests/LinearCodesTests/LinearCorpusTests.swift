import Foundation
import Imaging
import LinearCodes
import Symbols
import Testing
import TestSupport

/// The 1D sets of the benchmark corpus (`../shared/corpus`): passes per set and rotation must not fall
/// below the table, which only ratchets up. A pass is every expected code read with its exact text
/// (EAN-13, UPC-A and UPC-E compared as GTIN-13, as compare.py does) and nothing else read.
@Suite struct LinearCorpusTests {
    /// Minimum passes at rotation 0° and 180°. zxing-cpp's own figures (slow mode, 0°) are the issue's
    /// bar: ean13-1 14, ean13-2 6, ean13-3 8, ean13-4 12, ean8-1 9, upca-1 5, upca-2 16, upca-3 6,
    /// upca-4 9, upca-5 9, upce-1 3, upce-2 10, upce-3 7, code128-1 6, code128-2 14, code128-3 2,
    /// code39-1 6, code39-2 3, code39-3 5, itf-1 14, itf-2 6, codabar-1 11, codabar-2 4,
    /// ean13-extension-1 5, upca-extension-1 5.
    static let minimums: [(set: String, rot0: Int, rot180: Int)] = [
        ("ean13-1", 14, 13), ("ean13-2", 13, 13), ("ean13-3", 8, 8), ("ean13-4", 16, 16),
        ("ean13-extension-1", 5, 5), ("ean8-1", 9, 9),
        ("upca-1", 5, 5), ("upca-2", 20, 20), ("upca-3", 6, 6), ("upca-4", 12, 12), ("upca-5", 16, 16),
        ("upca-extension-1", 6, 5), ("upce-1", 3, 3), ("upce-2", 12, 12), ("upce-3", 10, 10),
        ("code128-1", 6, 6), ("code128-2", 14, 14), ("code128-3", 2, 2),
        ("code39-1", 6, 6), ("code39-2", 3, 3), ("code39-3", 5, 5),
        ("itf-1", 14, 14), ("itf-2", 6, 6), ("codabar-1", 11, 11), ("codabar-2", 4, 4),
        ("falsepositives-1", 21, 21), ("falsepositives-2", 25, 25),
    ]

    /// Images whose manifest text leaves out an add-on that is printed, with the add-on's digits as
    /// printed under its bars (checked by eye on each image): a read of the main symbol followed by
    /// exactly these digits is the right read and counts as a pass; the main symbol alone counts too.
    static let printedAddOns: [String: String] = [
        "ean13-1/31.pgm": "52595", "upce-3/01.pgm": "01", "upce-3/02.pgm": "01", "upce-3/03.pgm": "01",
        "upce-3/07.pgm": "01",
    ]
    /// Add-ons cut off by the image edge (their bars show, their digits do not): the add-on read is
    /// not a misread, but it cannot be checked, so it does not count as a pass.
    static let clippedAddOns: Set<String> = ["upce-2/10.pgm", "upce-2/12.pgm", "upce-2/14.pgm"]
    /// `ean13-2/23`: the manifest names another symbol than the one printed (9784872348880).
    static let mislabelled: Set<String> = ["ean13-2/23.pgm"]
    /// Add-ons that are printed but read on fewer than two lines at some rotations (`19`: read at 0°, not
    /// at 180°): the main symbol is reported alone (as zxing-cpp does), which the corpus counts as a
    /// partial read. Known weakness, kept visible here.
    static let unreadAddOns: Set<String> = ["upca-extension-1/19.pgm"]

    static func family(_ format: String) -> String {
        ["EAN-13", "UPC-A", "UPC-E"].contains(format) ? "GTIN" : format
    }

    struct Outcome {
        var passes = 0
        var misreads: [String] = []
    }

    static func run(_ set: String, quarterTurns: Int, harness: LinearTestHarness, corpus: Corpus) throws -> Outcome {
        var outcome = Outcome()
        for entry in corpus.entries(inSet: set) {
            let image = try corpus.load(entry).rotated(quarterTurns: quarterTurns)
            let reads = harness.read(image)
            let addOn = printedAddOns[entry.image]
            var expected = entry.expect.map { (family($0.format), $0.text ?? "") }
            var extra: [LinearRead] = []
            for r in reads {
                if let i = expected.firstIndex(where: { e in
                    e.0 == family(r.format) && (e.1 == r.text || (addOn.map { e.1 + $0 == r.text } ?? false))
                }) {
                    expected.remove(at: i)
                } else {
                    extra.append(r)
                }
            }
            if expected.isEmpty && extra.isEmpty { outcome.passes += 1 }
            let known = clippedAddOns.contains(entry.image) || mislabelled.contains(entry.image)
                || unreadAddOns.contains(entry.image)
            if !extra.isEmpty, !known { outcome.misreads.append("\(entry.image): \(extra)") }
        }
        return outcome
    }

    @Test(arguments: LinearCorpusTests.minimums.map(\.set))
    func meetsMinimumPassesWithoutMisreads(_ set: String) throws {
        let corpus = try #require(Corpus.shared, "corpus not found at \(Corpus.defaultRoot())")
        let minimum = try #require(LinearCorpusTests.minimums.first { $0.set == set })
        let harness = LinearTestHarness(maxWidth: 1600, maxHeight: 1600)
        for (turns, floor) in [(0, minimum.rot0), (2, minimum.rot180)] {
            let outcome = try LinearCorpusTests.run(set, quarterTurns: turns, harness: harness, corpus: corpus)
            #expect(outcome.passes >= floor, "\(set) at \(turns * 90)°: \(outcome.passes) passes, minimum \(floor)")
            #expect(outcome.misreads.isEmpty, "\(set) at \(turns * 90)°: \(outcome.misreads)")
            print("corpus: \(set) at \(turns * 90)° passes \(outcome.passes) (minimum \(floor))")
        }
    }

    @Test func readsNothingInTheFalsePositiveSetsAtAnyRotation() throws {
        let corpus = try #require(Corpus.shared)
        let harness = LinearTestHarness(maxWidth: 1600, maxHeight: 1600)
        for set in ["falsepositives-1", "falsepositives-2"] {
            for turns in [1, 3] {
                let outcome = try LinearCorpusTests.run(set, quarterTurns: turns, harness: harness, corpus: corpus)
                #expect(outcome.misreads.isEmpty, "\(set) at \(turns * 90)°: \(outcome.misreads)")
            }
        }
    }
}
