/// A TOML syntax error: where, and what was wrong.
public struct TOMLSyntaxError: Error, Equatable, Sendable {
    public var position: SourcePosition
    public var message: String
}

/// A parser for the part of TOML 1.0 a configuration file needs: comments, `[table]` and `[a.b]`
/// headers, bare, quoted and dotted keys, basic and literal strings (with TOML 1.1's `\e` and `\xHH`
/// escapes as well), integers (decimal, `0x`, `0o`, `0b`, `_` separators), floats, booleans, arrays
/// (over several lines, trailing comma allowed) and inline tables. Multi-line strings, dates and arrays
/// of tables are refused with an error that says so. Every value keeps its line and column.
///
/// Hand-written because the packages available here either link all of Foundation and ICU (TOMLKit,
/// Yams: a scanner's resident memory budget is 16 MiB), need C++ headers the Swift 6.0.3 toolchain
/// on Debian does not install (TOMLKit), or need Swift 6.2 (swift-configuration); see the README.
public struct TOMLParser {
    let bytes: [UInt8]
    var i = 0
    var line = 1
    var lineStart = 0
    private var root = TOMLTable(position: SourcePosition(line: 1, column: 1))
    private var currentPath: [String] = []

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses a whole document into its root table.
    public static func parse(_ text: [UInt8]) throws(TOMLSyntaxError) -> TOMLTable {
        var parser = TOMLParser(bytes: text)
        try parser.checkUTF8()
        try parser.parseDocument()
        return parser.root
    }

    public static func isBareKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
    }

    // MARK: Structure

    private mutating func parseDocument() throws(TOMLSyntaxError) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3; lineStart = 3 }
        while i < bytes.count {
            skipSpaces()
            guard let b = peek() else { break }
            switch b {
            case UInt8(ascii: "#"), 0x0A, 0x0D:
                try endOfLine()
            case UInt8(ascii: "["):
                try parseHeader()
            default:
                let position = here
                let key = try parseKey()
                skipSpaces()
                guard peek() == UInt8(ascii: "=") else { throw fail("expected \"=\" after the key \(key.joined(separator: "."))") }
                i += 1
                skipSpaces()
                let node = try parseValue()
                try insert(node, at: currentPath + key, position: position)
                try endOfLine()
            }
        }
    }

    private mutating func parseHeader() throws(TOMLSyntaxError) {
        let position = here
        i += 1
        if peek() == UInt8(ascii: "[") { throw fail("arrays of tables ([[…]]) are not used in lumascan.toml") }
        skipSpaces()
        let path = try parseKey()
        skipSpaces()
        guard peek() == UInt8(ascii: "]") else { throw fail("expected \"]\" to close the table header") }
        i += 1
        try openTable(path, position: position)
        currentPath = path
        try endOfLine()
    }

    /// After a value or header: spaces, an optional comment, then a newline or the end.
    private mutating func endOfLine() throws(TOMLSyntaxError) {
        skipSpaces()
        if peek() == UInt8(ascii: "#") {
            while let b = peek(), b != 0x0A {
                if b == 0x0D, peek(1) == 0x0A { break }
                i += 1
            }
        }
        guard let b = peek() else { return }
        if b == 0x0A {
            newline(after: 1)
        } else if b == 0x0D, peek(1) == 0x0A {
            newline(after: 2)
        } else {
            throw fail("expected the end of the line, found \(describe(b))")
        }
    }

    private mutating func parseKey() throws(TOMLSyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let b = peek() else { throw fail("expected a key") }
            if b == UInt8(ascii: "\"") {
                parts.append(try parseBasicString())
            } else if b == UInt8(ascii: "'") {
                parts.append(try parseLiteralString())
            } else if Self.isBareKeyByte(b) {
                let start = i
                while let c = peek(), Self.isBareKeyByte(c) { i += 1 }
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
            } else {
                throw fail("expected a key, found \(describe(b))")
            }
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { return parts }
            i += 1
        }
    }

    // MARK: Values

    private mutating func parseValue() throws(TOMLSyntaxError) -> TOMLNode {
        let position = here
        guard let b = peek() else { throw fail("expected a value") }
        switch b {
        case UInt8(ascii: "\""):
            if peek(1) == b, peek(2) == b { throw fail("multi-line strings are not used in lumascan.toml") }
            return TOMLNode(.string(try parseBasicString()), at: position)
        case UInt8(ascii: "'"):
            if peek(1) == b, peek(2) == b { throw fail("multi-line strings are not used in lumascan.toml") }
            return TOMLNode(.string(try parseLiteralString()), at: position)
        case UInt8(ascii: "["):
            return TOMLNode(.array(try parseArray()), at: position)
        case UInt8(ascii: "{"):
            return TOMLNode(.table(try parseInlineTable(position)), at: position)
        default:
            return try parseScalarToken(position)
        }
    }

    private mutating func parseArray() throws(TOMLSyntaxError) -> [TOMLNode] {
        i += 1
        var items: [TOMLNode] = []
        while true {
            try skipBlank()
            guard let b = peek() else { throw fail("unterminated array: expected \"]\"") }
            if b == UInt8(ascii: "]") {
                i += 1
                return items
            }
            items.append(try parseValue())
            try skipBlank()
            if peek() == nil { throw fail("unterminated array: expected \"]\"") }
            if peek() == UInt8(ascii: ",") {
                i += 1
            } else if peek() != UInt8(ascii: "]") {
                throw fail("expected \",\" or \"]\" in the array")
            }
        }
    }

    private mutating func parseInlineTable(_ position: SourcePosition) throws(TOMLSyntaxError) -> TOMLTable {
        i += 1
        var table = TOMLTable(position: position)
        skipSpaces()
        if peek() == UInt8(ascii: "}") {
            i += 1
            return table
        }
        while true {
            let keyPosition = here
            let key = try parseKey()
            skipSpaces()
            guard peek() == UInt8(ascii: "=") else { throw fail("expected \"=\" in the inline table") }
            i += 1
            skipSpaces()
            let node = try parseValue()
            try Self.insert(node, into: &table, path: key[...], position: keyPosition)
            skipSpaces()
            if peek() == UInt8(ascii: ",") {
                i += 1
                skipSpaces()
            } else if peek() == UInt8(ascii: "}") {
                i += 1
                return table
            } else {
                throw fail("expected \",\" or \"}\" in the inline table")
            }
        }
    }

    /// Booleans, integers and floats: one token of letters, digits and `_ + - . :`.
    private mutating func parseScalarToken(_ position: SourcePosition) throws(TOMLSyntaxError) -> TOMLNode {
        let start = i
        while let b = peek(), Self.isBareKeyByte(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
            || b == UInt8(ascii: ":") { i += 1 }
        let token = String(decoding: bytes[start..<i], as: UTF8.self)
        guard !token.isEmpty else { throw fail("expected a value, found \(describe(peek() ?? 0))") }
        if token == "true" { return TOMLNode(.boolean(true), at: position) }
        if token == "false" { return TOMLNode(.boolean(false), at: position) }
        if let value = TOMLNumbers.integer(token) { return TOMLNode(.integer(value), at: position) }
        if let value = TOMLNumbers.float(token) { return TOMLNode(.float(value), at: position) }
        if TOMLNumbers.looksLikeDate(token) {
            throw TOMLSyntaxError(position: position, message: "dates and times are not used in lumascan.toml")
        }
        throw TOMLSyntaxError(position: position,
                              message: "\(token) is not a value (strings need quotes: \"\(token)\")")
    }

    // MARK: Tables

    private mutating func openTable(_ path: [String], position: SourcePosition) throws(TOMLSyntaxError) {
        func open(_ table: inout TOMLTable, _ rest: ArraySlice<String>) throws(TOMLSyntaxError) {
            let key = rest.first!
            if let k = table.index(of: key) {
                guard case .table(var sub) = table.entries[k].node.value else {
                    throw TOMLSyntaxError(position: position, message: "\(path.joined(separator: ".")) is already a value, not a table")
                }
                if rest.count == 1 {
                    if sub.hasHeader {
                        throw TOMLSyntaxError(position: position,
                                              message: "table [\(path.joined(separator: "."))] is defined twice (first on line \(sub.position.line))")
                    }
                    sub.hasHeader = true
                } else {
                    try open(&sub, rest.dropFirst())
                }
                table.entries[k].node.value = .table(sub)
            } else {
                var sub = TOMLTable(position: position)
                sub.hasHeader = rest.count == 1
                if rest.count > 1 { try open(&sub, rest.dropFirst()) }
                table.entries.append((key, TOMLNode(.table(sub), at: position)))
            }
        }
        try open(&root, path[...])
    }

    private mutating func insert(_ node: TOMLNode, at path: [String], position: SourcePosition) throws(TOMLSyntaxError) {
        try Self.insert(node, into: &root, path: path[...], position: position)
    }

    private static func insert(_ node: TOMLNode, into table: inout TOMLTable, path: ArraySlice<String>,
                               position: SourcePosition, fullPath: [String]? = nil) throws(TOMLSyntaxError) {
        let key = path.first!
        let fullPath = fullPath ?? Array(path)
        if path.count == 1 {
            if let existing = table[key] {
                throw TOMLSyntaxError(position: position, message:
                    "\(fullPath.joined(separator: ".")) is defined twice (first on line \(existing.keyPosition.line))")
            }
            var node = node
            node.keyPosition = position
            table.entries.append((key, node))
            return
        }
        if let k = table.index(of: key) {
            guard case .table(var sub) = table.entries[k].node.value else {
                throw TOMLSyntaxError(position: position,
                                      message: "\(fullPath.prefix(fullPath.count - path.count + 1).joined(separator: ".")) is a value, not a table")
            }
            try insert(node, into: &sub, path: path.dropFirst(), position: position, fullPath: fullPath)
            table.entries[k].node.value = .table(sub)
        } else {
            var sub = TOMLTable(position: position)
            try insert(node, into: &sub, path: path.dropFirst(), position: position, fullPath: fullPath)
            table.entries.append((key, TOMLNode(.table(sub), at: position)))
        }
    }

    // MARK: Characters

    private var here: SourcePosition { SourcePosition(line: line, column: i - lineStart + 1) }

    func peek(_ ahead: Int = 0) -> UInt8? {
        i + ahead < bytes.count ? bytes[i + ahead] : nil
    }

    private mutating func skipSpaces() {
        while let b = peek(), b == 0x20 || b == 0x09 { i += 1 }
    }

    /// Spaces, newlines and comments (inside arrays).
    private mutating func skipBlank() throws(TOMLSyntaxError) {
        while true {
            skipSpaces()
            guard let b = peek() else { return }
            if b == UInt8(ascii: "#") || b == 0x0A || b == 0x0D {
                try endOfLine()
            } else {
                return
            }
        }
    }

    private mutating func newline(after length: Int) {
        i += length
        line += 1
        lineStart = i
    }

    func fail(_ message: String) -> TOMLSyntaxError {
        TOMLSyntaxError(position: here, message: message)
    }

    func describe(_ b: UInt8, quoted: Bool = true) -> String {
        if b >= 0x21 && b < 0x7F {
            let c = String(UnicodeScalar(b))
            return quoted ? "\"\(c)\"" : c
        }
        let hex = String(b, radix: 16, uppercase: true)
        return "0x" + (hex.count < 2 ? "0" : "") + hex
    }

    private mutating func checkUTF8() throws(TOMLSyntaxError) {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0, lineNumber = 1, start = 0
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                let n = s.value < 0x80 ? 1 : s.value < 0x800 ? 2 : s.value < 0x10000 ? 3 : 4
                offset += n
                if s == "\n" {
                    lineNumber += 1
                    start = offset
                }
            case .emptyInput:
                return
            case .error:
                throw TOMLSyntaxError(position: SourcePosition(line: lineNumber, column: offset - start + 1),
                                      message: "the file is not valid UTF-8")
            }
        }
    }
}
