import Runtime
import Testing

/// The TOML subset lumascan.toml is written in, with a position for every value.
@Suite struct TOMLParserTests {
    func parse(_ text: String) throws -> TOMLTable { try TOMLParser.parse(Array(text.utf8)) }

    func value(_ text: String, _ path: String...) throws -> TOMLNode? {
        var table = try parse(text)
        for key in path.dropLast() {
            guard case .table(let sub)? = table[key]?.value else { return nil }
            table = sub
        }
        return table[path.last!]
    }

    @Test func integersInEveryBase() throws {
        for (text, expected) in [("42", Int64(42)), ("-17", -17), ("+3", 3), ("1_000_000", 1_000_000), ("0x1F", 31),
                                 ("0o17", 15), ("0b101", 5), ("0", 0)] {
            guard case .integer(let v)? = try value("a = \(text)", "a")?.value else {
                Issue.record("\(text) is not an integer")
                continue
            }
            #expect(v == expected, "\(text)")
        }
    }

    @Test func floatsAndSpecialValues() throws {
        for (text, expected) in [("1.5", 1.5), ("-0.25", -0.25), ("1e3", 1000), ("6.02e+2", 602), ("29.97", 29.97),
                                 ("inf", Double.infinity)] {
            guard case .float(let v)? = try value("a = \(text)", "a")?.value else {
                Issue.record("\(text) is not a float")
                continue
            }
            #expect(v == expected, "\(text)")
        }
    }

    @Test func numbersThatTOMLForbidsAreRefused() {
        for text in ["01", "1__0", "_1", "1_", "0x", "1.", ".5", "1e"] {
            #expect(throws: TOMLSyntaxError.self, "\(text)") { try parse("a = \(text)") }
        }
    }

    @Test func stringsWithEscapesAndLiteralStrings() throws {
        let t = try parse(#"""
        a = "tab\there\r\n\u0002\U0001F600 \"q\" \\"
        b = 'C:\path\no-escapes'
        c = "\x1d\e"
        "quoted key" = 1
        """#)
        guard case .string(let a)? = t["a"]?.value, case .string(let b)? = t["b"]?.value,
              case .string(let c)? = t["c"]?.value else {
            Issue.record("strings missing")
            return
        }
        #expect(a == "tab\there\r\n\u{02}\u{1F600} \"q\" \\")
        #expect(b == #"C:\path\no-escapes"#)
        #expect(Array(c.utf8) == [0x1D, 0x1B])
        #expect(t["quoted key"] != nil)
    }

    @Test func arraysSpanLinesWithCommentsAndATrailingComma() throws {
        let node = try value("formats = [\n  \"qr\",  # the square one\n  \"ean13\",\n]\nnext = 1\n", "formats")
        guard case .array(let items)? = node?.value else {
            Issue.record("not an array")
            return
        }
        #expect(items.map(\.rendered) == ["\"qr\"", "\"ean13\""])
        #expect(items.map(\.position.line) == [2, 3])
    }

    @Test func tablesDottedKeysAndInlineTables() throws {
        let t = try parse("[serial]\nbaud = 9600\n[a.b]\nc = 1\n[x]\ny.z = true\nin = { k = 2, m = \"n\" }\n")
        #expect(try value("[serial]\nbaud = 9600\n", "serial", "baud")?.rendered == "9600")
        guard case .table(let a)? = t["a"]?.value, case .table(let b)? = a["b"]?.value else {
            Issue.record("[a.b] missing")
            return
        }
        #expect(b["c"]?.rendered == "1")
        #expect(try value("[x]\ny.z = true\n", "x", "y", "z")?.rendered == "true")
        #expect(try value("in = { k = 2, m = \"n\" }", "in")?.rendered == "{k = 2, m = \"n\"}")
    }

    @Test func positionsAreLineAndColumnOfKeyAndValue() throws {
        let t = try parse("# comment\n\n[serial]\n  baud   = 9600\n")
        guard case .table(let serial)? = t["serial"]?.value, let baud = serial["baud"] else {
            Issue.record("missing")
            return
        }
        #expect(baud.keyPosition == SourcePosition(line: 4, column: 3))
        #expect(baud.position == SourcePosition(line: 4, column: 12))
    }

    @Test func windowsLineEndingsAndAByteOrderMarkAreAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[serial]\r\nbaud = 9600 # c\r\nparity = \"odd\"\r\n".utf8)
        let t = try TOMLParser.parse(bytes)
        guard case .table(let serial)? = t["serial"]?.value else {
            Issue.record("missing")
            return
        }
        #expect(serial["parity"]?.position.line == 3)
    }

    @Test func garbageNeverTraps() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("[]{}=\"'#.,\n\r\t abc019_-+\\ux".utf8)
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(seed % 60) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(seed >> 60 < 2 ? UInt8(truncatingIfNeeded: seed >> 33) : alphabet[Int(seed >> 33) % alphabet.count])
            }
            _ = try? TOMLParser.parse(bytes)
            _ = try? ConfigLoader.parse(bytes, file: "fuzz.toml")
        }
    }
}
