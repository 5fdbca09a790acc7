import Imaging

/// Systematic Reed-Solomon encoder over a `GaloisField`: check codewords = the remainder of
/// data(x)·x^n divided by the generator g(x) = Π_{i<n} (x − α^(b+i)) (ISO/IEC 18004 § 7.5.2, Annex A).
///
/// Decoders do not need it; test encoders and tools do, and it keeps the decoder's field conventions
/// (first root, polynomial) checked by round trips. Scratch comes from the arena; `encode` allocates
/// nothing.
public struct ReedSolomonEncoder {
    public let field: GaloisField
    /// g(x), lowest coefficient first, for the last `generatorDegree`.
    private let generator: UnsafeMutablePointer<UInt8> // 256
    private let generatorDegree: UnsafeMutablePointer<Int> // 1

    public init(arena: ScanArena, field: GaloisField) {
        self.field = field
        generator = arena.reserve(UInt8.self, count: 256).baseAddress.unsafelyUnwrapped
        generatorDegree = arena.reserve(Int.self, count: 1).baseAddress.unsafelyUnwrapped
    }

    /// Writes `check.count` check codewords for `data` into `check`. False (nothing written) when the
    /// block would be longer than 255 codewords or `check` is empty.
    @discardableResult
    public func encode(data: UnsafeBufferPointer<UInt8>, check: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        let n = check.count
        guard n > 0, n < 255, data.count + n <= 255, let out = check.baseAddress else { return false }
        prepareGenerator(degree: n)
        out.initialize(repeating: 0, count: n)
        // Long division, one data codeword at a time (a shift register of n cells, highest power first).
        for d in data {
            let factor = d ^ out[0] // Safe: n >= 1.
            for j in 0..<(n - 1) {
                out[j] = out[j + 1] ^ field.multiply(factor, generator[n - 1 - j]) // Safe: j + 1 < n < 256.
            }
            out[n - 1] = field.multiply(factor, generator[0]) // Safe: n - 1 < 256.
        }
        return true
    }

    /// Builds g(x) of the given degree unless it is already there.
    private func prepareGenerator(degree n: Int) {
        if generatorDegree.pointee == n { return }
        generator.initialize(repeating: 0, count: 256)
        generator[0] = 1
        for i in 0..<n {
            // g ← g·(x + α^(b+i)); in characteristic 2, − and + are the same.
            let root = field.power(field.firstRoot + i)
            var j = i + 1
            while j > 0 {
                generator[j] = generator[j - 1] ^ field.multiply(generator[j], root) // Safe: j <= n < 256.
                j -= 1
            }
            generator[0] = field.multiply(generator[0], root)
        }
        generatorDegree.pointee = n
    }
}
