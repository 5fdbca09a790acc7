import Symbols

/// Where the decoded view sat in the full frame, so that corners are reported in frame pixels:
/// frame = origin + view × scale.
public struct ViewMapping: Equatable, Sendable {
    public var originX: Int
    public var originY: Int
    public var scale: Int

    public init(originX: Int = 0, originY: Int = 0, scale: Int = 1) {
        self.originX = originX
        self.originY = originY
        self.scale = scale
    }

    public static let identity = ViewMapping()
}

/// One read to send: some of the results of a frame (those the scan policy let through), with the
/// facts JSON output reports. A view: valid until the decoder runs again.
public struct ReadReport {
    public let results: ResultSlots
    /// Indices into `results`, in sending order.
    public let indices: UnsafeBufferPointer<Int>
    public let sequence: UInt64
    public let decodeNanoseconds: UInt64
    public let mapping: ViewMapping

    public init(results: ResultSlots, indices: UnsafeBufferPointer<Int>, sequence: UInt64, decodeNanoseconds: UInt64,
                mapping: ViewMapping) {
        self.results = results
        self.indices = indices
        self.sequence = sequence
        self.decodeNanoseconds = decodeNanoseconds
        self.mapping = mapping
    }
}

/// Encodes reads as bytes for the wire, per `OutputSettings`, into a `MessageBuffer`. No allocation.
public final class ReadEncoder {
    public let settings: OutputSettings
    private let prefix: [UInt8]
    private let suffix: [UInt8]
    private let separator: [UInt8]

    public init(settings: OutputSettings) {
        self.settings = settings
        prefix = settings.prefix
        suffix = settings.effectiveSuffix
        separator = settings.separator
    }

    /// Worst-case size of one read's message for results of the given capacities, for sizing buffers
    /// at start-up (JSON can escape every text byte as `\u00XX`: six bytes).
    public func maximumMessageBytes(maxResults: Int, maxPayloadBytes: Int, maxTextBytes: Int) -> Int {
        let framing = prefix.count + suffix.count + 64
        switch settings.format {
        case .plain, .stxEtx:
            return framing + maxResults * (max(maxPayloadBytes, maxTextBytes) + separator.count + 3)
        case .jsonLines:
            return framing + maxResults * (max(maxPayloadBytes * 2, maxTextBytes * 6) + 200)
        }
    }

    /// Appends `read` as one message to `out`. Returns false when it did not fit (`out.overflowed`).
    @discardableResult
    public func encode(_ read: ReadReport, into out: inout MessageBuffer) -> Bool {
        let start = out.count
        appendHead(sequence: read.sequence, decodeNanoseconds: read.decodeNanoseconds, into: &out)
        for (n, i) in read.indices.enumerated() {
            appendCode(read.results[i], first: n == 0, mapping: read.mapping, into: &out)
        }
        appendTail(start: start, into: &out)
        return !out.overflowed
    }

    /// Appends one message whose codes were encoded earlier with `appendCode` (a read collected over
    /// several frames of a read cycle).
    @discardableResult
    public func encode(codes: UnsafeRawBufferPointer, sequence: UInt64, decodeNanoseconds: UInt64,
                       into out: inout MessageBuffer) -> Bool {
        let start = out.count
        appendHead(sequence: sequence, decodeNanoseconds: decodeNanoseconds, into: &out)
        out.append(codes.assumingMemoryBound(to: UInt8.self))
        appendTail(start: start, into: &out)
        return !out.overflowed
    }

    /// Appends a message that carries a fixed text instead of codes (the no-read string, a match-code
    /// answer): framed like a read in `plain` and `stx-etx`, `{"message":"…"}` in JSON.
    @discardableResult
    public func encode(text: UnsafeBufferPointer<UInt8>, into out: inout MessageBuffer) -> Bool {
        let start = out.count
        switch settings.format {
        case .plain, .stxEtx:
            if settings.format == .stxEtx { out.append(0x02) }
            out.append(prefix)
            out.append(text)
        case .jsonLines:
            out.append("{\"message\":\"")
            out.appendJSONEscaped(text)
            out.append("\"}")
        }
        appendTail(start: start, closesCodes: false, into: &out)
        return !out.overflowed
    }

    /// What comes before the codes: prefix (after STX), or the JSON object's first fields.
    private func appendHead(sequence: UInt64, decodeNanoseconds: UInt64, into out: inout MessageBuffer) {
        switch settings.format {
        case .plain:
            out.append(prefix)
        case .stxEtx:
            out.append(0x02)
            out.append(prefix)
        case .jsonLines:
            out.append("{\"seq\":")
            out.appendDecimal(Int(truncatingIfNeeded: sequence))
            out.append(",\"decode_ms\":")
            out.appendMilliseconds(nanoseconds: decodeNanoseconds)
            out.append(",\"codes\":[")
        }
    }

    /// What comes after the codes: suffix; ETX and BCC over the message begun at `start`; or `]}`.
    private func appendTail(start: Int, closesCodes: Bool = true, into out: inout MessageBuffer) {
        switch settings.format {
        case .plain:
            out.append(suffix)
        case .stxEtx:
            out.append(suffix)
            out.append(0x03)
            var bcc: UInt8 = 0
            let bytes = out.bytes
            if start + 1 < bytes.count {
                for i in (start + 1)..<bytes.count { bcc ^= bytes[i] }
            }
            out.append(bcc)
        case .jsonLines:
            if closesCodes { out.append("]}") }
            out.append(suffix)
        }
    }

    /// One code of a read: separator (unless first), AIM identifier if configured, data; in JSON the
    /// code's object.
    public func appendCode(_ symbol: DecodedSymbol, first: Bool, mapping: ViewMapping, into out: inout MessageBuffer) {
        switch settings.format {
        case .plain, .stxEtx:
            if !first { out.append(separator) }
            if settings.aimIdentifier { appendAIM(AIMTable.identifier(for: symbol.info), into: &out) }
            if settings.payload == .raw || PayloadText.isBinary(symbol) {
                out.append(symbol.bytes)
            } else {
                out.append(symbol.text)
            }
        case .jsonLines:
            if !first { out.append(UInt8(ascii: ",")) }
            out.append("{\"format\":\"")
            out.appendUTF8(of: symbol.format.name)
            out.append("\",\"aim\":\"")
            appendAIM(AIMTable.identifier(for: symbol.info), into: &out)
            if settings.payload == .raw || PayloadText.isBinary(symbol) {
                out.append("\",\"hex\":\"")
                out.appendHex(symbol.bytes)
            } else {
                out.append("\",\"text\":\"")
                out.appendJSONEscaped(symbol.text)
            }
            out.append("\",\"corners\":[")
            let q = symbol.info.corners
            appendPoint(q.topLeft.x, q.topLeft.y, mapping, into: &out)
            out.append(UInt8(ascii: ","))
            appendPoint(q.topRight.x, q.topRight.y, mapping, into: &out)
            out.append(UInt8(ascii: ","))
            appendPoint(q.bottomRight.x, q.bottomRight.y, mapping, into: &out)
            out.append(UInt8(ascii: ","))
            appendPoint(q.bottomLeft.x, q.bottomLeft.y, mapping, into: &out)
            out.append("]}")
        }
    }

    private func appendAIM(_ aim: AIMIdentifier, into out: inout MessageBuffer) {
        guard !aim.isNone else { return }
        out.append(UInt8(ascii: "]"))
        out.append(aim.code)
        out.append(aim.modifier)
    }

    /// `[x,y]` in whole frame pixels (NaN or absurd coordinates become 0: a reader bug must not break JSON).
    private func appendPoint(_ x: Double, _ y: Double, _ m: ViewMapping, into out: inout MessageBuffer) {
        out.append(UInt8(ascii: "["))
        out.appendDecimal(m.originX + Self.pixel(x) * m.scale)
        out.append(UInt8(ascii: ","))
        out.appendDecimal(m.originY + Self.pixel(y) * m.scale)
        out.append(UInt8(ascii: "]"))
    }

    private static func pixel(_ v: Double) -> Int {
        guard v.isFinite, v > -1e9, v < 1e9 else { return 0 }
        return Int(v.rounded())
    }
}

/// Whether a decoded payload is text.
public enum PayloadText {
    /// True when the symbol carries bytes but no text, or text that is not well-formed UTF-8.
    public static func isBinary(_ symbol: DecodedSymbol) -> Bool {
        if symbol.text.isEmpty { return !symbol.bytes.isEmpty }
        var it = symbol.text.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return false
            case .error: return true
            }
        }
    }
}
