import Glibc
import Symbols

/// Writes `decode` results to stdout, as JSON lines or as text for people.
struct DecodeOutput {
    let jsonl: Bool

    func write(image: String, outcome: DecodeOutcome) {
        if jsonl {
            let results = outcome.symbols.map { s in
                let payload = s.isText ? "\"text\": " + JSONText.quoted(utf8: s.text) : "\"hex\": \"" + JSONText.hex(s.bytes) + "\""
                return "{\"format\": \"\(s.format.name)\", \(payload)}"
            }
            let ms = formatMilliseconds(outcome.milliseconds)
            emit("{\"image\": \(JSONText.quoted(image)), \"results\": [\(results.joined(separator: ", "))], \"decode_ms\": \(ms)}\n")
        } else if outcome.symbols.isEmpty {
            emit("\(image): no code found (\(formatMilliseconds(outcome.milliseconds)) ms)\n")
        } else {
            for s in outcome.symbols {
                var details: [String] = []
                if !s.info.aim.isNone { details.append(s.info.aim.description) }
                if s.info.version > 0 { details.append("version \(s.info.version)") }
                if s.info.ecLevel != 0 { details.append("EC \(String(UnicodeScalar(s.info.ecLevel)))") }
                if s.info.structuredAppend.isPresent {
                    let sa = s.info.structuredAppend
                    details.append("part \(Int(sa.index) + 1) of \(sa.count), parity \(sa.parity)")
                }
                if s.info.isMirrored { details.append("mirrored") }
                if s.info.isInverted { details.append("inverted") }
                let payload = s.isText ? String(decoding: s.text, as: UTF8.self) : "hex " + JSONText.hex(s.bytes)
                emit("\(image): \(s.format.name) [\(details.joined(separator: ", "))] \(payload)\n")
            }
        }
    }

    func writeError(image: String, message: String) {
        if jsonl {
            emit("{\"image\": \(JSONText.quoted(image)), \"results\": [], \"error\": \(JSONText.quoted(message))}\n")
        }
    }

    private func formatMilliseconds(_ ms: Double) -> String {
        let micro = Int((ms * 1000).rounded())
        let whole = micro / 1000, frac = micro % 1000
        let f = String(frac)
        return "\(whole)." + String(repeating: "0", count: 3 - f.count) + f
    }

    private func emit(_ s: String) { StandardStreams.out(s) }
}

/// A one-line progress display on stderr for long batches (rewritten in place on a terminal).
struct Progress {
    let total: Int
    let enabled: Bool
    private let isTerminal = isatty(STDERR_FILENO) == 1

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(done: Int, name: String) {
        guard enabled else { return }
        if isTerminal {
            StandardStreams.err("\r\u{1B}[K[\(done + 1)/\(total)] \(name)")
        } else if done % 100 == 0 {
            StandardStreams.err("lumascan: decoding \(done + 1)/\(total)\n")
        }
    }

    func clear() {
        guard enabled, isTerminal else { return }
        StandardStreams.err("\r\u{1B}[K")
    }

    func finish() {
        guard enabled else { return }
        StandardStreams.err(isTerminal ? "\r\u{1B}[K" : "lumascan: decoded \(total) images\n")
    }
}
