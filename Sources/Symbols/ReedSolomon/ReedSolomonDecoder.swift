import Imaging

/// Outcome of correcting one Reed-Solomon block.
public enum ReedSolomonResult: Equatable, Sendable {
    /// The block is a codeword now; `errors` symbols were changed (0: it already was one).
    case corrected(errors: Int)
    /// More errors than the code (or the caller's limit) can correct, or inconsistent syndromes.
    case uncorrectable
}

/// Errors-only Reed-Solomon decoder over a `GaloisField`, for blocks of up to 255 codewords.
///
/// Steps (Lin & Costello ch. 7; ISO/IEC 18004 § 7.5.2 defines the code): syndromes S_i = r(α^(b+i));
/// Berlekamp–Massey for the error locator Λ(x); Chien search over the block's own positions only (so a
/// root pointing outside the block is never taken); Forney's formula e = X^(1−b)·Ω(X⁻¹)/Λ′(X⁻¹) with
/// Ω = S·Λ mod x^(2t). A block counts as corrected only when Λ has exactly deg Λ distinct roots inside
/// the block, no error value is zero, and the corrected block has all-zero syndromes.
///
/// All scratch is reserved from the arena at init; `decode` allocates nothing. Not thread-safe: one
/// decoder per scanning thread.
public struct ReedSolomonDecoder {
    public let field: GaloisField
    private let syndromes: UnsafeMutablePointer<UInt8> // 256
    private let locator: UnsafeMutablePointer<UInt8> // Λ, 512 (BM may shift by up to 2t)
    private let previous: UnsafeMutablePointer<UInt8> // B in Berlekamp–Massey, 512
    private let saved: UnsafeMutablePointer<UInt8> // copy of Λ before an update, 512
    private let evaluator: UnsafeMutablePointer<UInt8> // Ω, 256
    private let positions: UnsafeMutablePointer<UInt8> // error positions found by Chien search, 256

    /// Largest block (codewords, data and check) the decoder takes: 2⁸ − 1.
    public static let maxBlockLength = 255

    public init(arena: ScanArena, field: GaloisField) {
        self.field = field
        syndromes = arena.reserve(UInt8.self, count: 256).baseAddress.unsafelyUnwrapped
        locator = arena.reserve(UInt8.self, count: 512).baseAddress.unsafelyUnwrapped
        previous = arena.reserve(UInt8.self, count: 512).baseAddress.unsafelyUnwrapped
        saved = arena.reserve(UInt8.self, count: 512).baseAddress.unsafelyUnwrapped
        evaluator = arena.reserve(UInt8.self, count: 256).baseAddress.unsafelyUnwrapped
        positions = arena.reserve(UInt8.self, count: 256).baseAddress.unsafelyUnwrapped
    }

    /// Corrects `block` in place: `count` codewords, the last `checkCount` of them check codewords, first
    /// codeword = highest power of x. At most `maxErrors` symbols are changed (default: ⌊checkCount/2⌋;
    /// QR's small versions use fewer, see `QRBlockLayout.correctableErrors`).
    public func decode(
        _ block: UnsafeMutablePointer<UInt8>, count: Int, checkCount: Int, maxErrors: Int? = nil
    ) -> ReedSolomonResult {
        guard count > 0, count <= Self.maxBlockLength, checkCount > 0, checkCount < count else {
            return .uncorrectable
        }
        let limit = min(maxErrors ?? checkCount / 2, checkCount / 2)
        if computeSyndromes(block, count: count, checkCount: checkCount) { return .corrected(errors: 0) }
        guard limit > 0 else { return .uncorrectable }

        let degree = berlekampMassey(checkCount: checkCount)
        guard degree > 0, degree <= limit else { return .uncorrectable }

        let found = chienSearch(degree: degree, count: count)
        guard found == degree else { return .uncorrectable }

        computeEvaluator(degree: degree, checkCount: checkCount)
        for k in 0..<found {
            let position = Int(positions[k]) // Safe: k < found <= degree <= 127 < 256.
            guard let value = errorValue(at: position, count: count, degree: degree), value != 0 else {
                return .uncorrectable
            }
            block[position] ^= value // Safe: position < count (Chien search only visits 0..<count).
        }
        guard computeSyndromes(block, count: count, checkCount: checkCount) else { return .uncorrectable }
        return .corrected(errors: found)
    }

    /// Fills S_0 … S_(checkCount−1); true when all are zero (the block is a codeword).
    ///
    /// Horner's rule for all syndromes at once, codeword by codeword, so that the `checkCount`
    /// dependency chains run side by side; the branch-free multiply keeps the inner loop tight. This is
    /// most of the work for the (usual) error-free block.
    private func computeSyndromes(_ block: UnsafeMutablePointer<UInt8>, count: Int, checkCount: Int) -> Bool {
        syndromes.initialize(repeating: 0, count: checkCount)
        let b = field.firstRoot
        for k in 0..<count {
            let c = block[k] // Safe: k < count.
            for i in 0..<checkCount {
                // Safe: i < checkCount < 255; the root power (b + i) mod 255 is below 255.
                let rootPower = b &+ i < 255 ? b &+ i : b &+ i &- 255
                syndromes[i] = field.multiplyUnchecked(syndromes[i], byPowerOfAlpha: rootPower) ^ c
            }
        }
        var any: UInt8 = 0
        for i in 0..<checkCount { any |= syndromes[i] } // Safe: i < checkCount.
        return any == 0
    }

    /// Berlekamp–Massey: leaves Λ (low coefficient first, Λ_0 = 1) in `locator`; returns its degree L.
    private func berlekampMassey(checkCount: Int) -> Int {
        locator.initialize(repeating: 0, count: 512)
        previous.initialize(repeating: 0, count: 512)
        locator[0] = 1
        previous[0] = 1
        var length = 0 // L, current number of assumed errors
        var shift = 1 // m, steps since `previous` was last replaced
        var lastDiscrepancy: UInt8 = 1 // b in Massey's paper
        for n in 0..<checkCount {
            // Discrepancy d = S_n + Σ_{i=1..L} Λ_i S_(n−i).
            var d = syndromes[n] // Safe: n < checkCount < 255.
            if length > 0 {
                for i in 1...length where i <= n {
                    d ^= field.multiply(locator[i], syndromes[n - i]) // Safe: i <= L <= n < 255.
                }
            }
            if d == 0 {
                shift += 1
                continue
            }
            let factor = field.divide(d, lastDiscrepancy)
            let grows = 2 * length <= n
            if grows { saved.update(from: locator, count: 512) }
            // Λ(x) ← Λ(x) − (d/b)·x^m·B(x); B has degree <= n and m <= n + 1, so indices stay < 512.
            for i in 0..<(checkCount + 1) where previous[i] != 0 {
                let j = i + shift
                guard j < 512 else { break }
                locator[j] ^= field.multiply(factor, previous[i]) // Safe: j < 512, i <= checkCount < 512.
            }
            if grows {
                length = n + 1 - length
                previous.update(from: saved, count: 512)
                lastDiscrepancy = d
                shift = 1
            } else {
                shift += 1
            }
        }
        // The true degree can be below L only for inconsistent syndromes; the root count then disagrees.
        return length
    }

    /// Chien search: records block positions k whose locator X = α^(count−1−k) makes Λ(X⁻¹) = 0.
    private func chienSearch(degree: Int, count: Int) -> Int {
        var found = 0
        for k in 0..<count {
            let inversePower = (255 - (count - 1 - k)) % 255 // X⁻¹ = α^inversePower
            var sum: UInt8 = locator[0]
            var power = 0
            for i in 1...degree {
                power += inversePower
                if power >= 255 { power -= 255 }
                sum ^= field.multiplyUnchecked(locator[i], byPowerOfAlpha: power) // Safe: i <= degree <= 127, power < 255.
            }
            if sum == 0 {
                guard found < degree else { return found + 1 } // more roots than the degree: inconsistent
                positions[found] = UInt8(truncatingIfNeeded: k) // Safe: found < degree <= 127.
                found += 1
            }
        }
        return found
    }

    /// Ω(x) = S(x)·Λ(x) mod x^(checkCount), terms below x^L only: for a consistent error pattern the
    /// others vanish, and an inconsistent one fails the final syndrome check anyway.
    private func computeEvaluator(degree: Int, checkCount: Int) {
        for i in 0..<min(degree, checkCount) {
            var sum: UInt8 = 0
            for j in 0...min(i, degree) {
                sum ^= field.multiply(locator[j], syndromes[i - j]) // Safe: j <= degree, i - j < checkCount.
            }
            evaluator[i] = sum // Safe: i < checkCount < 256.
        }
    }

    /// Forney: e = X^(1−b) · Ω(X⁻¹) / Λ′(X⁻¹); nil when Λ′(X⁻¹) = 0.
    private func errorValue(at position: Int, count: Int, degree: Int) -> UInt8? {
        let p = count - 1 - position // X = α^p, 0 <= p < 255
        let inversePower = (255 - p) % 255
        var omega: UInt8 = 0
        var power = 0
        for i in 0..<degree {
            omega ^= field.multiply(evaluator[i], byPowerOfAlpha: power) // Safe: i < degree < 256.
            power += inversePower
            if power >= 255 { power -= 255 }
        }
        // Λ′(x) = Σ_{i odd} Λ_i x^(i−1) in characteristic 2.
        var derivative: UInt8 = 0
        var i = 1
        while i <= degree {
            let exponent = ((i - 1) * inversePower) % 255
            derivative ^= field.multiply(locator[i], byPowerOfAlpha: exponent) // Safe: i <= degree <= 127.
            i += 2
        }
        guard derivative != 0 else { return nil }
        let scale = ((p * (1 - field.firstRoot)) % 255 + 255) % 255 // X^(1−b)
        return field.multiply(field.divide(omega, derivative), byPowerOfAlpha: scale)
    }
}
