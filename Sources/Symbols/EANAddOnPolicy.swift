/// What the EAN/UPC reader does with EAN-2 and EAN-5 add-ons (supplements), as industrial readers
/// offer it (Honeywell "Addenda Required", zxing-cpp `EanAddOnSymbol`).
public enum EANAddOnPolicy: String, CaseIterable, Sendable {
    /// An add-on that two scan lines agree on is appended to the text (AIM `]E3`); a symbol printed
    /// without one is reported alone.
    case auto
    /// Add-ons are never appended: the main symbol alone, `]E0`.
    case ignore
    /// Only symbols with a confirmed add-on are reported (periodicals, books with a price add-on: a
    /// read of the main symbol alone would be incomplete).
    case require
}
