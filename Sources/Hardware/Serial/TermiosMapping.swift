import CLinux
import Glibc

/// Turns `SerialSettings` into a raw-mode `termios`: no echo, no line editing, no translation of CR
/// or LF, no software flow control, reads that return at once (`VMIN` = `VTIME` = 0).
public enum TermiosMapping {
    /// The `B…` speed constant for `baudRate`, or nil when Linux has none.
    public static func speed(for baudRate: Int) -> speed_t? {
        switch baudRate {
        case 1200: speed_t(B1200)
        case 1800: speed_t(B1800)
        case 2400: speed_t(B2400)
        case 4800: speed_t(B4800)
        case 9600: speed_t(B9600)
        case 19200: speed_t(B19200)
        case 38400: speed_t(B38400)
        case 57600: speed_t(B57600)
        case 115_200: speed_t(B115200)
        case 230_400: speed_t(B230400)
        case 460_800: speed_t(B460800)
        case 500_000: speed_t(B500000)
        case 576_000: speed_t(B576000)
        case 921_600: speed_t(B921600)
        case 1_000_000: speed_t(B1000000)
        case 1_152_000: speed_t(B1152000)
        case 1_500_000: speed_t(B1500000)
        case 2_000_000: speed_t(B2000000)
        case 2_500_000: speed_t(B2500000)
        case 3_000_000: speed_t(B3000000)
        case 3_500_000: speed_t(B3500000)
        case 4_000_000: speed_t(B4000000)
        default: nil
        }
    }

    /// `base` (as read with `tcgetattr`) changed to raw mode with `settings`. Nil for a rate, data-bit
    /// or stop-bit count that Linux cannot set (configuration checks these first).
    public static func apply(_ settings: SerialSettings, to base: termios) -> termios? {
        guard let speed = speed(for: settings.baudRate) else { return nil }
        let size: tcflag_t
        switch settings.dataBits {
        case 5: size = tcflag_t(CS5)
        case 6: size = tcflag_t(CS6)
        case 7: size = tcflag_t(CS7)
        case 8: size = tcflag_t(CS8)
        default: return nil
        }
        guard settings.stopBits == 1 || settings.stopBits == 2 else { return nil }
        var t = base
        cfmakeraw(&t)
        let inputOff: tcflag_t = tcflag_t(IXON) | tcflag_t(IXOFF) | tcflag_t(IXANY) | tcflag_t(INPCK) | tcflag_t(ISTRIP)
        let controlOff: tcflag_t = tcflag_t(CSIZE) | tcflag_t(PARENB) | tcflag_t(PARODD) | tcflag_t(CSTOPB)
            | tcflag_t(CRTSCTS) | tcflag_t(HUPCL)
        t.c_iflag &= ~inputOff
        t.c_cflag &= ~controlOff
        t.c_cflag |= size | tcflag_t(CLOCAL) | tcflag_t(CREAD)
        switch settings.parity {
        case .none: break
        case .even: t.c_cflag |= tcflag_t(PARENB)
        case .odd: t.c_cflag |= tcflag_t(PARENB) | tcflag_t(PARODD)
        }
        if settings.parity != .none { t.c_iflag |= tcflag_t(INPCK) }
        if settings.stopBits == 2 { t.c_cflag |= tcflag_t(CSTOPB) }
        if settings.hardwareFlowControl { t.c_cflag |= tcflag_t(CRTSCTS) }
        withUnsafeMutableBytes(of: &t.c_cc) { cc in
            cc[Int(VMIN)] = 0 // Safe: VMIN and VTIME are below NCCS (32).
            cc[Int(VTIME)] = 0
        }
        cfsetispeed(&t, speed)
        cfsetospeed(&t, speed)
        return t
    }
}
