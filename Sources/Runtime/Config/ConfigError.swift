/// A mistake in a configuration file, said precisely: file, line and column, key, the value found,
/// what is wrong, what is allowed, and a suggestion when one is close.
///
/// `description` reads like a compiler diagnostic:
/// `lumascan.toml:5:8: serial.baud = 115201: not a supported baud rate; allowed: 1200, 1800, …`
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var position: SourcePosition?
    /// Dotted key (`serial.baud`) or table (`[sereal]`), when the mistake has one.
    public var key: String?
    /// The value as written (TOML), when there is one.
    public var found: String?
    public var problem: String
    public var allowed: String?
    public var suggestion: String?

    public init(file: String, position: SourcePosition?, key: String? = nil, found: String? = nil, problem: String,
                allowed: String? = nil, suggestion: String? = nil) {
        self.file = file
        self.position = position
        self.key = key
        self.found = found
        self.problem = problem
        self.allowed = allowed
        self.suggestion = suggestion
    }

    public var description: String {
        var s = file
        if let position { s += ":\(position.line):\(position.column)" }
        s += ": "
        if let key {
            s += key
            if let found { s += " = " + found }
            s += ": "
        }
        s += problem
        if let suggestion { s += " (did you mean \(suggestion)?)" }
        if let allowed { s += "; allowed: " + allowed }
        return s
    }
}

/// Several configuration errors at once (a file is checked completely, not stopped at the first).
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigError]

    public init(_ errors: [ConfigError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// "Did you mean": the candidate closest to a misspelled name, when it is close enough.
public enum Suggestion {
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased().utf8)
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, Array(c.lowercased().utf8))
            if d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        guard let (candidate, d) = best else { return nil }
        let limit = max(1, min(3, w.count / 3))
        let (a, b) = (word.lowercased(), candidate.lowercased())
        let isPrefix = min(a.count, b.count) >= 3 && (a.hasPrefix(b) || b.hasPrefix(a))
        return d <= limit || isPrefix ? candidate : nil
    }

    /// Levenshtein distance with transpositions counted as one edit ("baud" vs "buad").
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
