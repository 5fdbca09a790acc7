/// The symbologies Lumascan knows by name. Names follow zxing-cpp's, which the benchmark corpora use.
public enum SymbolFormat: UInt8, CaseIterable, Sendable {
    case qrCode, microQRCode, dataMatrix, aztec, pdf417
    case ean13, ean8, upcA, upcE, code128, code39, code93, itf, codabar, dataBar, dataBarExpanded

    /// The display and JSON name ("QRCode", "EAN-13", …).
    public var name: String {
        switch self {
        case .qrCode: "QRCode"
        case .microQRCode: "MicroQRCode"
        case .dataMatrix: "DataMatrix"
        case .aztec: "Aztec"
        case .pdf417: "PDF417"
        case .ean13: "EAN-13"
        case .ean8: "EAN-8"
        case .upcA: "UPC-A"
        case .upcE: "UPC-E"
        case .code128: "Code128"
        case .code39: "Code39"
        case .code93: "Code93"
        case .itf: "ITF"
        case .codabar: "Codabar"
        case .dataBar: "DataBar"
        case .dataBarExpanded: "DataBarExpanded"
        }
    }

    /// Short lower-case key used in configs and on the command line (`qr`, `ean13`, `code128`, …).
    public var key: String {
        switch self {
        case .qrCode: "qr"
        case .microQRCode: "microqr"
        case .dataMatrix: "datamatrix"
        case .aztec: "aztec"
        case .pdf417: "pdf417"
        case .ean13: "ean13"
        case .ean8: "ean8"
        case .upcA: "upca"
        case .upcE: "upce"
        case .code128: "code128"
        case .code39: "code39"
        case .code93: "code93"
        case .itf: "itf"
        case .codabar: "codabar"
        case .dataBar: "databar"
        case .dataBarExpanded: "databar-expanded"
        }
    }

    /// True for symbologies read along scan lines (EAN/UPC, Code 128, …).
    public var isLinear: Bool {
        switch self {
        case .ean13, .ean8, .upcA, .upcE, .code128, .code39, .code93, .itf, .codabar, .dataBar, .dataBarExpanded:
            true
        default:
            false
        }
    }

    /// True for the EAN/UPC family, which may carry an EAN-2 or EAN-5 add-on.
    public var takesAddOn: Bool {
        switch self {
        case .ean13, .ean8, .upcA, .upcE: true
        default: false
        }
    }

    /// Parses a key or a display name, ignoring case, `-` and `_` ("QRCode", "qr", "EAN-13", "ean_13").
    public init?(key: String) {
        func fold(_ s: String) -> String { String(s.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }) }
        let wanted = fold(key)
        let aliases: [String: SymbolFormat] = ["qrcode": .qrCode, "microqrcode": .microQRCode, "gs1128": .code128]
        if let format = aliases[wanted] {
            self = format
            return
        }
        for format in SymbolFormat.allCases where fold(format.key) == wanted || fold(format.name) == wanted {
            self = format
            return
        }
        return nil
    }
}

/// A set of formats, e.g. the ones a configuration enables.
public struct FormatSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public init(_ format: SymbolFormat) { rawValue = 1 << UInt32(format.rawValue) }

    public init(_ formats: [SymbolFormat]) {
        var raw: UInt32 = 0
        for f in formats { raw |= 1 << UInt32(f.rawValue) }
        rawValue = raw
    }

    @inline(__always)
    public func contains(_ format: SymbolFormat) -> Bool { rawValue & (1 << UInt32(format.rawValue)) != 0 }

    public static let all = FormatSet(SymbolFormat.allCases)
    public static let linear = FormatSet(SymbolFormat.allCases.filter(\.isLinear))
    public static let matrix = FormatSet(SymbolFormat.allCases.filter { !$0.isLinear })

    public var formats: [SymbolFormat] { SymbolFormat.allCases.filter { contains($0) } }
}
