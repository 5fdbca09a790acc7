import Imaging

/// Arithmetic in GF(256), the field every 2-D symbology's Reed-Solomon code works in.
///
/// A field is fixed by its primitive polynomial (QR Code: x⁸+x⁴+x³+x²+1 = 0x11D, ISO/IEC 18004 § 7.5.2;
/// Data Matrix and Aztec 8-bit: x⁸+x⁵+x³+x²+1 = 0x12D, ISO/IEC 16022 § 5.7.1) and by the first of the
/// consecutive roots α^b … α^(b+n−1) of the code's generator polynomial (QR b = 0, Data Matrix b = 1).
///
/// The log and antilog tables live in arena storage, built once at start-up. `exponent` holds α^i for
/// i in 0..<510 (two periods) so that a product `exponent[log a + log b]` needs no reduction mod 255,
/// and zeros from 510 on: the logarithm of 0 is stored as 512, so that a product with 0 comes out 0
/// without a branch (`multiplyUnchecked`).
public struct GaloisField {
    /// The primitive polynomial, degree 8, as a 9-bit number (0x11D for QR Code).
    public let primitive: Int
    /// The exponent b of the first consecutive root α^b of generator polynomials.
    public let firstRoot: Int

    /// α^i for i in 0..<510, then 0 up to `exponentCount`.
    @usableFromInline let exponent: UnsafeMutablePointer<UInt8>
    /// log_α(a) for a in 1...255; `logarithm[0]` = `zeroLogarithm` (0 has no logarithm).
    @usableFromInline let logarithm: UnsafeMutablePointer<UInt16>

    /// Stand-in logarithm of 0: any sum with it (at most 512 + 512) indexes the zero tail of `exponent`.
    @usableFromInline static let zeroLogarithm = 512
    @usableFromInline static let exponentCount = 1025

    /// Builds the tables for `primitive` (a degree-8 primitive polynomial with bit 8 set).
    public init(arena: ScanArena, primitive: Int, firstRoot: Int) {
        precondition(primitive & 0x100 != 0 && primitive < 0x200, "degree-8 polynomial expected")
        self.primitive = primitive
        self.firstRoot = ((firstRoot % 255) + 255) % 255
        exponent = arena.reserve(UInt8.self, count: Self.exponentCount).baseAddress.unsafelyUnwrapped // zero-filled
        logarithm = arena.reserve(UInt16.self, count: 256).baseAddress.unsafelyUnwrapped
        var x = 1
        for i in 0..<255 {
            exponent[i] = UInt8(truncatingIfNeeded: x) // Safe: i < 255 < exponentCount.
            logarithm[x] = UInt16(i) // Safe: 1 <= x <= 255.
            x <<= 1
            if x & 0x100 != 0 { x ^= primitive }
        }
        for i in 255..<510 { exponent[i] = exponent[i - 255] } // Safe: both < 510.
        logarithm[0] = UInt16(Self.zeroLogarithm)
    }

    /// The QR Code field: 0x11D, generator roots α⁰ … (ISO/IEC 18004 § 7.5.2).
    public static func qrCode(arena: ScanArena) -> GaloisField {
        GaloisField(arena: arena, primitive: 0x11D, firstRoot: 0)
    }

    /// The Data Matrix (ECC 200) field: 0x12D, generator roots α¹ … (ISO/IEC 16022 § 5.7.1).
    public static func dataMatrix(arena: ScanArena) -> GaloisField {
        GaloisField(arena: arena, primitive: 0x12D, firstRoot: 1)
    }

    /// α^power for any non-negative power (reduced mod 255).
    @inline(__always)
    public func power(_ power: Int) -> UInt8 {
        exponent[power % 255] // Safe: 0 <= power % 255 < 255 for power >= 0.
    }

    /// log_α(a) for a != 0 (0…254); 512 for a == 0, which `multiplyUnchecked` and
    /// `exponentUnchecked` turn back into 0.
    @inline(__always)
    public func log(_ a: UInt8) -> Int {
        Int(logarithm[Int(a)]) // Safe: a < 256.
    }

    /// α^e for a sum e of at most two `log` results and constants below 255 (e <= 1024); 0 when a
    /// logarithm of 0 went into e. Branch-free: for inner loops.
    @inline(__always)
    public func exponentUnchecked(_ e: Int) -> UInt8 {
        exponent[min(e, Self.exponentCount - 1)] // Safe: 0 <= e clamped below exponentCount.
    }

    /// a · α^k for 0 <= k < 255, branch-free (0 for a == 0).
    @inline(__always)
    public func multiplyUnchecked(_ a: UInt8, byPowerOfAlpha k: Int) -> UInt8 {
        exponent[Int(logarithm[Int(a)]) &+ (k & 0xFF)] // Safe: at most 512 + 255 < exponentCount.
    }

    @inline(__always)
    public func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exponent[Int(logarithm[Int(a)]) &+ Int(logarithm[Int(b)])] // Safe: index <= 508.
    }

    /// a · α^k for 0 <= k < 256.
    @inline(__always)
    public func multiply(_ a: UInt8, byPowerOfAlpha k: Int) -> UInt8 {
        if a == 0 { return 0 }
        return exponent[Int(logarithm[Int(a)]) &+ (k & 0xFF)] // Safe: index <= 254 + 255 < 510.
    }

    /// a / b for b != 0; 0 when b == 0 (never a trap; callers check the divisor).
    @inline(__always)
    public func divide(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exponent[Int(logarithm[Int(a)]) &+ 255 &- Int(logarithm[Int(b)])] // Safe: 1 <= index <= 509.
    }

    /// 1 / a for a != 0; 0 for a == 0.
    @inline(__always)
    public func inverse(_ a: UInt8) -> UInt8 {
        if a == 0 { return 0 }
        return exponent[255 &- Int(logarithm[Int(a)])] // Safe: 1 <= index <= 255.
    }
}
