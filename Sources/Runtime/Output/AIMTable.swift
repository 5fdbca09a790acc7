import Symbols

/// ISO/IEC 15424 symbology identifiers by format, for readers that leave `SymbolInfo.aim` unset.
///
/// The table follows DESIGN.md: QR `]Q1` (`]Q2` with ECI, `]Q3` GS1), Data Matrix `]d1`/`]d2`,
/// Code 128 `]C0`/`]C1` (GS1-128), EAN-13/UPC-A/UPC-E `]E0`, EAN-8 `]E4`, Code 39 `]A0`, Code 93 `]G0`,
/// ITF `]I0`, Codabar `]F0`. A reader that knows more (a verified check digit, an add-on) sets the
/// modifier itself and wins.
public enum AIMTable {
    public static func identifier(for info: SymbolInfo) -> AIMIdentifier {
        if !info.aim.isNone { return info.aim }
        switch info.format {
        case .qrCode: return AIMIdentifier(code: ascii("Q"), modifier: ascii(info.isGS1 ? "3" : info.hasECI ? "2" : "1"))
        case .microQRCode: return AIMIdentifier(code: ascii("Q"), modifier: ascii("1"))
        case .dataMatrix: return AIMIdentifier(code: ascii("d"), modifier: ascii(info.isGS1 ? "2" : "1"))
        case .aztec: return AIMIdentifier(code: ascii("z"), modifier: ascii("0"))
        case .pdf417: return AIMIdentifier(code: ascii("L"), modifier: ascii("0"))
        case .ean13, .upcA, .upcE: return AIMIdentifier(code: ascii("E"), modifier: ascii("0"))
        case .ean8: return AIMIdentifier(code: ascii("E"), modifier: ascii("4"))
        case .code128: return AIMIdentifier(code: ascii("C"), modifier: ascii(info.isGS1 ? "1" : "0"))
        case .code39: return AIMIdentifier(code: ascii("A"), modifier: ascii("0"))
        case .code93: return AIMIdentifier(code: ascii("G"), modifier: ascii("0"))
        case .itf: return AIMIdentifier(code: ascii("I"), modifier: ascii("0"))
        case .codabar: return AIMIdentifier(code: ascii("F"), modifier: ascii("0"))
        case .dataBar, .dataBarExpanded: return AIMIdentifier(code: ascii("e"), modifier: ascii("0"))
        }
    }

    @inline(__always)
    private static func ascii(_ s: Unicode.Scalar) -> UInt8 { UInt8(truncatingIfNeeded: s.value) }
}
