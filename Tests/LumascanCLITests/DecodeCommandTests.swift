import Foundation
import Testing

/// `lumascan decode` run as users and compare.py run it: output format, errors and exit codes.
@Suite struct DecodeCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// The `lumascan` binary SwiftPM built beside this test bundle.
    static var binary: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [dir.appendingPathComponent("lumascan").path]
        candidates.append(dir.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lumascan").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func printsOneJSONLinePerImageWithTimings() throws {
        let r = try Self.run(["decode", "--jsonl", Self.fixtures + "/qr.png", Self.fixtures + "/blank.png"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let results = try #require(first["results"] as? [[String: Any]])
        #expect(results.first?["format"] as? String == "QRCode")
        #expect(results.first?["text"] as? String == "Lumascan fixture QR")
        #expect((first["decode_ms"] as? Double ?? -1) >= 0)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect((second["results"] as? [Any])?.isEmpty == true)
    }

    @Test func namesImagesRelativeToAFolder() throws {
        let r = try Self.run(["decode", "--jsonl", "--quiet", Self.fixtures])
        #expect(r.stdout.contains("\"image\": \"qr-turned.png\""))
        #expect(r.stdout.contains("\"text\": \"https://example.com/lumascan\""))
        #expect(r.stdout.contains("\"format\": \"EAN-13\", \"text\": \"4006381333931\""))
    }

    @Test func readsTheHumanOutputLine() throws {
        let r = try Self.run(["decode", Self.fixtures + "/qr.png"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("QRCode [") && r.stdout.contains("]Q1") && r.stdout.contains("Lumascan fixture QR"))
    }

    @Test func reportsUnreadableInputsAndDecodesTheRest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lumascan-cli-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let truncated = dir.appendingPathComponent("cut.pgm").path
        try Data("P5\n10 10\n255\nabc".utf8).write(to: URL(fileURLWithPath: truncated))
        let r = try Self.run(["decode", "--jsonl", truncated, "/nonexistent.pgm", Self.fixtures + "/qr.png"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("cut.pgm: truncated: pixel data needs 100 bytes, the file has 3"))
        #expect(r.stderr.contains("/nonexistent.pgm: cannot open: No such file or directory"))
        #expect(r.stdout.contains("\"error\""))
        #expect(r.stdout.contains("Lumascan fixture QR"))
    }

    @Test func exitsFourWhenNothingIsFoundAndSixtyFourOnBadUsage() throws {
        #expect(try Self.run(["decode", Self.fixtures + "/blank.png"]).status == 4)
        let bad = try Self.run(["decode", "--formats", "qr,nonsense", Self.fixtures + "/qr.png"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("unknown format 'nonsense'"))
    }

    @Test func repeatedDecodesReportTheSameResultsAndRejectZero() throws {
        func withoutTimes(_ out: String) -> String {
            out.split(separator: "\n").map { line in String(line.split(separator: ", \"decode_ms\"").first ?? line) }
                .joined(separator: "\n")
        }
        let once = try Self.run(["decode", "--jsonl", "--quiet", Self.fixtures])
        let thrice = try Self.run(["decode", "--jsonl", "--quiet", "--repeat", "3", Self.fixtures])
        #expect(thrice.status == once.status)
        #expect(withoutTimes(thrice.stdout) == withoutTimes(once.stdout))
        #expect(thrice.stdout.contains("\"decode_ms\""))
        let zero = try Self.run(["decode", "--repeat", "0", Self.fixtures + "/qr.png"])
        #expect(zero.status == 64)
        #expect(zero.stderr.contains("--repeat takes 1 to 1000"))
    }

    @Test func restrictsFormatsOnRequest() throws {
        let r = try Self.run(["decode", "--jsonl", "--formats", "ean13", Self.fixtures + "/qr.png", Self.fixtures + "/ean13.png"])
        #expect(!r.stdout.contains("QRCode"))
        #expect(r.stdout.contains("4006381333931"))
    }
}
