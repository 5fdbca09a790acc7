/// GB 2312 in its EUC-CN form to Unicode, as QR Code's Hanzi mode (GB/T 18284, mode 1101) and ECI 29
/// need it: bytes below 0x80 are ASCII, a pair of bytes 0xA1…0xFE (lead up to 0xF7) is one character
/// looked up in the generated `gb2312Table`.
public enum GB2312 {
    /// The scalar of pair (`lead`, `trail`), nil when it is not a GB 2312 character.
    public static func scalar(lead: UInt8, trail: UInt8) -> UInt32? {
        guard lead >= 0xA1, lead <= 0xF7, trail >= 0xA1, trail <= 0xFE else { return nil }
        let index = Int(lead - 0xA1) * 94 + Int(trail - 0xA1)
        let value: UInt16 = gb2312Table.withUnsafeBufferPointer { table in
            index < table.count ? table[index] : 0 // Safe: checked.
        }
        return value == 0 ? nil : UInt32(value)
    }

    /// Appends `bytes` (EUC-CN) to `out` as UTF-8; a byte that starts no character, or a lead byte
    /// without a valid trail, becomes U+FFFD and the next byte is read afresh.
    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout PayloadBuffer) {
        gb2312Table.withUnsafeBufferPointer { table in
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i] // Safe: i < n.
                if b < 0x80 {
                    out.append(b)
                    i += 1
                    continue
                }
                guard b >= 0xA1, b <= 0xF7, i + 1 < n else {
                    out.appendUTF8(0xFFFD)
                    i += 1
                    continue
                }
                let t = bytes[i + 1] // Safe: i + 1 < n.
                guard t >= 0xA1, t <= 0xFE else {
                    out.appendUTF8(0xFFFD)
                    i += 1
                    continue
                }
                let index = Int(b - 0xA1) * 94 + Int(t - 0xA1)
                let value = index < table.count ? table[index] : 0 // Safe: checked.
                out.appendUTF8(value == 0 ? 0xFFFD : UInt32(value))
                i += 2
            }
        }
    }
}
