/// A place in a configuration file: 1-based line and column (in characters... of UTF-8 bytes, which
/// is what editors show for the ASCII that TOML keys are made of).
public struct SourcePosition: Equatable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A parsed TOML value with where it was written, so that every configuration error can name the line.
public struct TOMLNode: Sendable {
    public indirect enum Value: Sendable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        case array([TOMLNode])
        case table(TOMLTable)
    }

    public var value: Value
    /// Where the value starts.
    public var position: SourcePosition
    /// Where its key starts (for "unknown key" errors); the value's position for array elements.
    public var keyPosition: SourcePosition

    public init(_ value: Value, at position: SourcePosition, keyPosition: SourcePosition? = nil) {
        self.value = value
        self.position = position
        self.keyPosition = keyPosition ?? position
    }

    /// The TOML type name, for "expected an integer, found a string".
    public var typeName: String {
        switch value {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }

    /// The value written back as TOML, for "found …" in error messages.
    public var rendered: String {
        switch value {
        case .string(let s): return TOMLText.quoted(s)
        case .integer(let i): return String(i)
        case .float(let d): return String(d)
        case .boolean(let b): return b ? "true" : "false"
        case .array(let items): return "[" + items.map(\.rendered).joined(separator: ", ") + "]"
        case .table(let t): return "{" + t.entries.map { "\($0.key) = \($0.node.rendered)" }.joined(separator: ", ") + "}"
        }
    }
}

/// A TOML table: keys in the order written (so that errors come out in file order).
public struct TOMLTable: Sendable {
    public var entries: [(key: String, node: TOMLNode)] = []
    /// Where the table was opened (`[serial]` header, or the first dotted key that made it).
    public var position: SourcePosition
    /// Opened by a `[header]` (a second header for the same table is an error).
    public var hasHeader = false

    public init(position: SourcePosition) {
        self.position = position
    }

    public subscript(key: String) -> TOMLNode? {
        entries.first { $0.key == key }?.node
    }

    public func index(of key: String) -> Int? {
        entries.firstIndex { $0.key == key }
    }
}

/// Writing TOML strings.
public enum TOMLText {
    /// `s` as a TOML basic string, quotes included; control characters as `\r`, `\n`, `\t`, `\uXXXX`.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Whether `key` can be written bare (`baud`) rather than quoted.
    public static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { TOMLParser.isBareKeyByte($0) }
    }
}
