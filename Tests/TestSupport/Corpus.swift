import Foundation
import ImageFiles

/// The benchmark corpus (`../shared/corpus` beside the package, or `$LUMASCAN_CORPUS`): manifest entries
/// and their images, for corpus tests.
public struct Corpus: Sendable {
    public struct Expectation: Sendable, Equatable {
        public let format: String
        /// Expected text, or nil when only `hex` is given.
        public let text: String?
        /// Expected raw bytes when the manifest gives `hex`.
        public let hex: String?
    }

    public struct Entry: Sendable {
        public let image: String
        public let set: String
        public let expect: [Expectation]
    }

    public let root: String
    public let entries: [Entry]

    /// The corpus, or nil when it is not present (tests that need it then fail with a clear message).
    public static let shared: Corpus? = {
        let root = ProcessInfo.processInfo.environment["LUMASCAN_CORPUS"] ?? defaultRoot()
        return try? Corpus(root: root)
    }()

    public static func defaultRoot() -> String {
        // Tests/TestSupport/Corpus.swift → package root → ../shared/corpus
        let file = URL(fileURLWithPath: #filePath)
        let packageRoot = file.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
    }

    public init(root: String) throws {
        self.root = root
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/manifest.jsonl"))
        var entries: [Entry] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let image = object["image"] as? String, let set = object["set"] as? String,
                  let expect = object["expect"] as? [[String: Any]] else { continue }
            entries.append(Entry(image: image, set: set, expect: expect.map {
                Expectation(format: $0["format"] as? String ?? "", text: $0["text"] as? String, hex: $0["hex"] as? String)
            }))
        }
        self.entries = entries
    }

    public func entries(inSet set: String) -> [Entry] { entries.filter { $0.set == set } }

    public func load(_ entry: Entry) throws -> GrayImage {
        let image = try ImageFileReader.read(path: root + "/" + entry.image)
        return GrayImage(width: image.width, height: image.height, pixels: image.pixels)
    }
}
