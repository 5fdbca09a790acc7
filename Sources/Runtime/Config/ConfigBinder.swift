import Imaging
import Symbols

/// Reads typed values out of a parsed TOML document for `ConfigLoader`, with a default for every key,
/// collecting precise errors (file, line, key, value found, what is allowed) instead of stopping at the
/// first, and remembering which keys exist so that unknown ones can be reported with a suggestion.
final class ConfigBinder {
    let file: String
    let root: TOMLTable
    private(set) var errors: [ConfigError] = []
    /// Known keys per table, in schema order ("" is the top level).
    private(set) var schema: [(table: String, keys: [String])] = []

    init(file: String, root: TOMLTable) {
        self.file = file
        self.root = root
    }

    // MARK: Lookup

    /// The node for `table.key` (nil when absent); registers the key as known.
    func node(_ table: String, _ key: String) -> TOMLNode? {
        if let i = schema.firstIndex(where: { $0.table == table }) {
            if !schema[i].keys.contains(key) { schema[i].keys.append(key) }
        } else {
            schema.append((table, [key]))
        }
        if table.isEmpty { return root[key] }
        guard let t = root[table], case .table(let sub) = t.value else { return nil }
        return sub[key]
    }

    func isPresent(_ table: String, _ key: String) -> Bool { node(table, key) != nil }

    static func dotted(_ table: String, _ key: String) -> String { table.isEmpty ? key : table + "." + key }

    func fail(_ table: String, _ key: String, _ node: TOMLNode?, _ problem: String, allowed: String? = nil,
              suggestion: String? = nil) {
        errors.append(ConfigError(file: file, position: node?.position, key: Self.dotted(table, key),
                                  found: node?.rendered, problem: problem, allowed: allowed, suggestion: suggestion))
    }

    func fail(position: SourcePosition?, key: String?, found: String?, _ problem: String, allowed: String? = nil,
              suggestion: String? = nil) {
        errors.append(ConfigError(file: file, position: position, key: key, found: found, problem: problem,
                                  allowed: allowed, suggestion: suggestion))
    }

    // MARK: Typed values

    func string(_ table: String, _ key: String, default value: String, maxBytes: Int = 4096) -> String {
        guard let n = node(table, key) else { return value }
        guard case .string(let s) = n.value else {
            fail(table, key, n, "expected a string, found \(n.typeName)")
            return value
        }
        guard s.utf8.count <= maxBytes else {
            fail(table, key, n, "too long (\(s.utf8.count) bytes)", allowed: "at most \(maxBytes) bytes")
            return value
        }
        return s
    }

    /// A string that must be one of an enumeration's raw values.
    func choice<E: RawRepresentable & CaseIterable>(_ table: String, _ key: String, default value: E) -> E
        where E.RawValue == String
    {
        guard let n = node(table, key) else { return value }
        let names = E.allCases.map(\.rawValue)
        let allowed = names.map { "\"\($0)\"" }.joined(separator: ", ")
        guard case .string(let s) = n.value else {
            fail(table, key, n, "expected a string, found \(n.typeName)", allowed: allowed)
            return value
        }
        guard let e = E(rawValue: s) else {
            fail(table, key, n, "not a known value", allowed: allowed,
                 suggestion: Suggestion.closest(to: s, in: names).map { "\"\($0)\"" })
            return value
        }
        return e
    }

    func integer(_ table: String, _ key: String, default value: Int, range: ClosedRange<Int>, unit: String = "") -> Int {
        guard let n = node(table, key) else { return value }
        let allowed = "\(range.lowerBound) to \(range.upperBound)" + (unit.isEmpty ? "" : " (\(unit))")
        guard case .integer(let i) = n.value else {
            fail(table, key, n, "expected an integer, found \(n.typeName)", allowed: allowed)
            return value
        }
        guard i >= Int64(range.lowerBound), i <= Int64(range.upperBound) else {
            fail(table, key, n, "out of range", allowed: allowed)
            return value
        }
        return Int(i)
    }

    func integer(_ table: String, _ key: String, default value: Int, oneOf choices: [Int], what: String) -> Int {
        guard let n = node(table, key) else { return value }
        let allowed = choices.map(String.init).joined(separator: ", ")
        guard case .integer(let i) = n.value else {
            fail(table, key, n, "expected an integer, found \(n.typeName)", allowed: allowed)
            return value
        }
        guard let v = Int(exactly: i), choices.contains(v) else {
            fail(table, key, n, "not a supported \(what)", allowed: allowed)
            return value
        }
        return v
    }

    /// A number (integer or float) in a range.
    func number(_ table: String, _ key: String, default value: Double, range: ClosedRange<Double>, unit: String) -> Double {
        guard let n = node(table, key) else { return value }
        let allowed = "\(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound)) (\(unit))"
        let d: Double
        switch n.value {
        case .integer(let i): d = Double(i)
        case .float(let f): d = f
        default:
            fail(table, key, n, "expected a number, found \(n.typeName)", allowed: allowed)
            return value
        }
        guard d.isFinite, range.contains(d) else {
            fail(table, key, n, "out of range", allowed: allowed)
            return value
        }
        return d
    }

    func boolean(_ table: String, _ key: String, default value: Bool) -> Bool {
        guard let n = node(table, key) else { return value }
        guard case .boolean(let b) = n.value else {
            fail(table, key, n, "expected a boolean, found \(n.typeName)", allowed: "true, false")
            return value
        }
        return b
    }

    /// A string taken as bytes (its UTF-8; escapes such as `\r`, `\u0002` give control bytes).
    func bytes(_ table: String, _ key: String, maxBytes: Int) -> [UInt8]? {
        guard isPresent(table, key) else { return nil }
        return Array(string(table, key, default: "", maxBytes: maxBytes).utf8)
    }

    /// `"all"` or an array of format names.
    func formats(_ table: String, _ key: String, default value: FormatSet, supported: FormatSet) -> FormatSet {
        guard let n = node(table, key) else { return value }
        let names = SymbolFormat.allCases.filter { supported.contains($0) }.map(\.key)
        let allowed = "\"all\" or a list of " + names.joined(separator: ", ")
        if case .string(let s) = n.value, s == "all" { return supported }
        guard case .array(let items) = n.value else {
            fail(table, key, n, "expected \"all\" or an array of format names, found \(n.typeName)", allowed: allowed)
            return value
        }
        var set = FormatSet()
        for (k, item) in items.enumerated() {
            let element = Self.dotted(table, key) + "[\(k)]"
            guard case .string(let s) = item.value else {
                fail(position: item.position, key: element, found: item.rendered,
                     "expected a format name, found \(item.typeName)", allowed: allowed)
                continue
            }
            guard let format = SymbolFormat(key: s) else {
                fail(position: item.position, key: element, found: item.rendered, "unknown format",
                     allowed: allowed, suggestion: Suggestion.closest(to: s, in: names).map { "\"\($0)\"" })
                continue
            }
            guard supported.contains(format) else {
                fail(position: item.position, key: element, found: item.rendered,
                     "not supported by this build", allowed: allowed)
                continue
            }
            set.insert(FormatSet(format))
        }
        if items.isEmpty { fail(table, key, n, "names no format", allowed: allowed) }
        return set.isEmpty ? value : set
    }

    /// `[x, y, width, height]` in pixels, or `[]` for none.
    func rectangle(_ table: String, _ key: String) -> PixelRect? {
        guard let n = node(table, key) else { return nil }
        let allowed = "[] or [x, y, width, height] with x, y >= 0 and width, height >= 1"
        guard case .array(let items) = n.value else {
            fail(table, key, n, "expected an array, found \(n.typeName)", allowed: allowed)
            return nil
        }
        if items.isEmpty { return nil }
        var v: [Int] = []
        for item in items {
            if case .integer(let i) = item.value, i >= 0, i <= 65536 { v.append(Int(i)) }
        }
        guard v.count == 4, items.count == 4, v[2] >= 1, v[3] >= 1 else {
            fail(table, key, n, "not a rectangle", allowed: allowed)
            return nil
        }
        return PixelRect(x: v[0], y: v[1], width: v[2], height: v[3])
    }

    private static func plain(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}
