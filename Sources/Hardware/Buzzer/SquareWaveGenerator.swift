import CLinux
import Glibc

/// An output that a passive buzzer hangs on: driven high and low by the tone thread, many times a beep.
///
/// `drive` is called from the tone thread only (and, once that thread has been joined, by whoever
/// closes the pin), never from two threads at once. It must not allocate or block.
public protocol SquareWavePin: AnyObject {
    /// `true`: the wave's high half (current through the buzzer); `false`: rest.
    func drive(_ high: Bool)
}

/// The pthread entry point cannot be generic: it reaches the generator through this base class.
public class SquareWaveThreadBody {
    fileprivate init() {}
    func threadMain() {}
}

/// A square wave at a fixed frequency on a `SquareWavePin`, for as long as it is switched on: the
/// passive buzzer's tone, bit-banged on a GPIO line.
///
/// One thread is created at start-up and lives until `shutdown()`. It sleeps on a condition variable
/// until `start()`; then it toggles the pin every half period, sleeping with `clock_nanosleep` on
/// `CLOCK_MONOTONIC` with `TIMER_ABSTIME`: the n-th edge is due at start + n × half period, so the
/// frequency does not drift with the time each wake-up takes. A wake-up later than a whole half period
/// (the machine was busy) starts the schedule again from now, and is counted in `lateWakeups`.
///
/// `start()` and `stop()` are called by the scan loop: they take a mutex, set a flag, signal, and
/// return; nothing allocates, on either thread, per beep. The thread notices `stop()` at its next
/// edge (at most half a period later: 185 µs at 2.7 kHz) and leaves the pin low. `shutdown()` stops,
/// joins the thread, and leaves the pin low; `deinit` does it too.
public final class SquareWaveGenerator<Pin: SquareWavePin>: SquareWaveThreadBody {
    public let pin: Pin
    public let frequencyHz: Int
    /// Half a period in nanoseconds (1 s / 2f).
    public let halfPeriodNanoseconds: UInt64

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let wake: UnsafeMutablePointer<pthread_cond_t>
    private var thread = pthread_t()
    private var running = false
    // Guarded by `mutex`.
    private var wantsTone = false
    private var stopRequests: UInt64 = 0
    private var quitting = false
    private var toneCount = 0
    private var lateCount = 0

    /// Starts the tone thread. Throws for a frequency outside 1 Hz to 100 kHz, or when the thread cannot
    /// be created (a resource limit).
    public init(pin: Pin, frequencyHz: Int) throws(BuzzerError) {
        guard frequencyHz >= 1, frequencyHz <= 100_000 else {
            throw BuzzerError("buzzer frequency \(frequencyHz) Hz: a GPIO square wave runs at 1 Hz to 100 kHz")
        }
        self.pin = pin
        self.frequencyHz = frequencyHz
        halfPeriodNanoseconds = 500_000_000 / UInt64(frequencyHz)
        mutex = .allocate(capacity: 1)
        wake = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        super.init()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        // The thread runs one small loop: a small stack keeps its mapping small.
        pthread_attr_setstacksize(&attributes, 256 * 1024)
        let context = Unmanaged.passUnretained(self as SquareWaveThreadBody).toOpaque()
        let result = pthread_create(&thread, &attributes, { context in
            // Safe: `context` is the generator, which joins this thread before it goes away.
            Unmanaged<SquareWaveThreadBody>.fromOpaque(context!).takeUnretainedValue().threadMain()
            return nil
        }, context)
        pthread_attr_destroy(&attributes)
        guard result == 0 else {
            pthread_cond_destroy(wake)
            pthread_mutex_destroy(mutex)
            wake.deallocate()
            mutex.deallocate()
            throw BuzzerError("cannot start the buzzer's tone thread: \(String(cString: strerror(result)))")
        }
        running = true
    }

    deinit {
        shutdown()
        pthread_cond_destroy(wake)
        pthread_mutex_destroy(mutex)
        wake.deallocate()
        mutex.deallocate()
    }

    /// Starts the tone (a beep goes on until `stop()`); nothing happens when it is already on.
    public func start() {
        pthread_mutex_lock(mutex)
        wantsTone = true
        pthread_cond_signal(wake)
        pthread_mutex_unlock(mutex)
    }

    /// Ends the tone: the pin is low within half a period.
    public func stop() {
        pthread_mutex_lock(mutex)
        if wantsTone {
            wantsTone = false
            stopRequests &+= 1
        }
        pthread_mutex_unlock(mutex)
    }

    /// Stops the tone, ends and joins the thread; the pin is low afterwards. Safe to call more than once.
    public func shutdown() {
        guard running else { return }
        pthread_mutex_lock(mutex)
        quitting = true
        wantsTone = false
        pthread_cond_signal(wake)
        pthread_mutex_unlock(mutex)
        pthread_join(thread, nil)
        running = false
    }

    /// Beeps played to their end so far.
    public var tones: Int { guarded { toneCount } }
    /// Wake-ups that came more than half a period late (each restarts the schedule from then).
    public var lateWakeups: Int { guarded { lateCount } }

    private func guarded<T>(_ read: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return read()
    }

    // MARK: The tone thread

    override func threadMain() {
        _ = lumascan_set_thread_name("lumascan-tone")
        pthread_mutex_lock(mutex)
        while true {
            while !wantsTone && !quitting { pthread_cond_wait(wake, mutex) }
            if quitting { break }
            let stopsBefore = stopRequests
            pthread_mutex_unlock(mutex)
            let late = playTone(until: stopsBefore)
            pin.drive(false)
            pthread_mutex_lock(mutex)
            toneCount &+= 1
            lateCount &+= late
        }
        pthread_mutex_unlock(mutex)
        pin.drive(false)
    }

    /// Toggles the pin until `stop()` or `shutdown()` has been called (`stopRequests` moved past
    /// `stopsBefore`); returns the number of late wake-ups.
    private func playTone(until stopsBefore: UInt64) -> Int {
        var late = 0
        var due = MonotonicNanos.now()
        var high = true
        while true {
            pin.drive(high)
            high.toggle()
            due &+= halfPeriodNanoseconds
            var deadline = timespec(tv_sec: Int(due / 1_000_000_000), tv_nsec: Int(due % 1_000_000_000))
            while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nil) == EINTR {}
            pthread_mutex_lock(mutex)
            let ended = quitting || stopRequests != stopsBefore
            pthread_mutex_unlock(mutex)
            if ended { return late }
            let now = MonotonicNanos.now()
            if now > due &+ halfPeriodNanoseconds {
                late &+= 1
                due = now
            }
        }
    }
}

/// A buzzer that could not be set up, with what to do about it.
public struct BuzzerError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
