/// Code 93 character set (AIM USS-93): 43 data characters, four shift characters for full ASCII and
/// the start/stop character. Each character is six elements (bar first) of 1–4 modules, nine modules
/// in all. Flattened widths: value `v` occupies `[6v ..< 6v + 6]`. The stop character is followed by a
/// one-module termination bar.
enum Code93Table {
    /// ASCII of each data character (values 0–42); 43–46 are the shifts `($)`, `(%)`, `(/)`, `(+)`.
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%".utf8)
    static let firstShift = 43
    static let startStop = 47
    static let entries = 48

    static let widths: [Float] = [
        1, 3, 1, 1, 1, 2, /* 0 */ 1, 1, 1, 2, 1, 3, /* 1 */ 1, 1, 1, 3, 1, 2, /* 2 */ 1, 1, 1, 4, 1, 1, /* 3 */
        1, 2, 1, 1, 1, 3, /* 4 */ 1, 2, 1, 2, 1, 2, /* 5 */ 1, 2, 1, 3, 1, 1, /* 6 */ 1, 1, 1, 1, 1, 4, /* 7 */
        1, 3, 1, 2, 1, 1, /* 8 */ 1, 4, 1, 1, 1, 1, /* 9 */ 2, 1, 1, 1, 1, 3, /* A */ 2, 1, 1, 2, 1, 2, /* B */
        2, 1, 1, 3, 1, 1, /* C */ 2, 2, 1, 1, 1, 2, /* D */ 2, 2, 1, 2, 1, 1, /* E */ 2, 3, 1, 1, 1, 1, /* F */
        1, 1, 2, 1, 1, 3, /* G */ 1, 1, 2, 2, 1, 2, /* H */ 1, 1, 2, 3, 1, 1, /* I */ 1, 2, 2, 1, 1, 2, /* J */
        1, 3, 2, 1, 1, 1, /* K */ 1, 1, 1, 1, 2, 3, /* L */ 1, 1, 1, 2, 2, 2, /* M */ 1, 1, 1, 3, 2, 1, /* N */
        1, 2, 1, 1, 2, 2, /* O */ 1, 3, 1, 1, 2, 1, /* P */ 2, 1, 2, 1, 1, 2, /* Q */ 2, 1, 2, 2, 1, 1, /* R */
        2, 1, 1, 1, 2, 2, /* S */ 2, 1, 1, 2, 2, 1, /* T */ 2, 2, 1, 1, 2, 1, /* U */ 2, 2, 2, 1, 1, 1, /* V */
        1, 1, 2, 1, 2, 2, /* W */ 1, 1, 2, 2, 2, 1, /* X */ 1, 2, 2, 1, 2, 1, /* Y */ 1, 2, 3, 1, 1, 1, /* Z */
        1, 2, 1, 1, 3, 1, /* - */ 3, 1, 1, 1, 1, 2, /* . */ 3, 1, 1, 2, 1, 1, /*   */ 3, 2, 1, 1, 1, 1, /* $ */
        1, 1, 2, 1, 3, 1, /* / */ 1, 1, 3, 1, 2, 1, /* + */ 2, 1, 1, 1, 3, 1, /* % */ 1, 2, 1, 2, 2, 1, /* ($) */
        3, 1, 2, 1, 1, 1, /* (%) */ 3, 1, 1, 1, 2, 1, /* (/) */ 1, 2, 2, 2, 1, 1, /* (+) */ 1, 1, 1, 1, 4, 1, /* * */
    ]
}
