/// Sharpens a line of grey samples for the look at small modules: `2s − (left + right) / 2`, the
/// kernel (−½, 2, −½).
///
/// Blur hits narrow elements first. At 1.2–1.6 px per module under a lens blur of σ 0.6–0.9 px a
/// one-module space between two bars rises only part of the way to the paper, and the steepest
/// slopes of its two edges push each other apart: the space measures half a module or more too wide
/// and its neighbours too narrow, so that an EAN 7 (1 3 1 2) reads like a 1 (2 2 2 1), or narrow
/// elements merge. The kernel leaves flat parts as they are and lifts a period of two to three
/// samples 2.5 to 3 times, which gives narrow elements back their depth; placed where they cross the
/// local mid-level (`EdgeDetector.detectCrossings`), their edges land near the printed ones. It lifts
/// noise too (× 2.1), which the edge floor follows (`floor`). (Measured on the 40 frames of 1.1–1.6 px
/// modules of the synthetic set, looking at every line that broke off: the kernel (−¼, 1½, −¼) read
/// 25, this one 26, (−¾, 2½, −¾) 27 but with twice the noise; the steepest-slope placement on
/// sharpened samples 17 to 18.)
enum Sharpening {
    /// Writes the sharpened `s[0 ..< n]` to `out` (the two end samples copied).
    static func apply(_ s: UnsafePointer<Int32>, _ n: Int, into out: UnsafeMutablePointer<Int32>) {
        guard n >= 2 else {
            if n == 1 { out[0] = s[0] }
            return
        }
        out[0] = s[0]
        out[n &- 1] = s[n &- 1]
        var i = 1
        while i < n &- 1 {
            // Safe: 1 <= i < n - 1. Samples are luma × 16 (0 ... 4080): the sum cannot overflow, and
            // results from −4080 to 8160 are fine for the edge detector, which only compares them.
            out[i] = (4 &* s[i] &- s[i &- 1] &- s[i &+ 1]) >> 1
            i &+= 1
        }
    }

    /// The edge floor for sharpened samples, from the plain samples' floor: the kernel's noise gain,
    /// √(2² + 2 · ½²) = 2.1, taken as 2.
    @inline(__always)
    static func floor(_ plain: Int32) -> Int32 { plain &* 2 }
}
