#!/usr/bin/env python3
"""The PC side of the USB gadget VM test (run inside the VM by usb-gadget-guest.sh): waits for the
gadget's serial port (/dev/ttyACM0, cdc_acm) and keyboard (an evdev node named after the gadget),
reads both for --seconds, and checks that one whole cycle of the replayed codes arrived: the exact bytes
on the serial port, and the exact key sequence (Linux key codes with Shift) on the keyboard. Prints the
typing speed. With --caps-lock the host first turns its Caps Lock LED on (an LED event written to the
input device, which usbhid sends to the gadget as an output report): the scanner must follow it, so the
letters come out in the right case all the same. Exit status 0 when both match."""
import argparse, glob, os, select, struct, sys, termios, time, tty

# The replayed codes (Tests/Fixtures/usb, in name order), as the serial port sends them.
CODES = [b"4006381333931", b"Lumascan Keyboard Wedge", b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", b"10AB12\x1d21X9"]
SERIAL_CYCLE = b"".join(c + b"\r\n" for c in CODES)

# Linux input key codes (linux/input-event-codes.h) -> (unshifted, shifted) on the US layout.
KEYS = {2: "1!", 3: "2@", 4: "3#", 5: "4$", 6: "5%", 7: "6^", 8: "7&", 9: "8*", 10: "9(", 11: "0)", 12: "-_", 13: "=+",
        15: "\t\t", 16: "qQ", 17: "wW", 18: "eE", 19: "rR", 20: "tT", 21: "yY", 22: "uU", 23: "iI", 24: "oO", 25: "pP",
        26: "[{", 27: "]}", 28: "\n\n", 30: "aA", 31: "sS", 32: "dD", 33: "fF", 34: "gG", 35: "hH", 36: "jJ", 37: "kK",
        38: "lL", 39: ";:", 40: "'\"", 41: "`~", 43: "\\|", 44: "zZ", 45: "xX", 46: "cC", 47: "vV", 48: "bB", 49: "nN",
        50: "mM", 51: ",<", 52: ".>", 53: "/?", 57: "  "}
LEFTSHIFT, RIGHTSHIFT, EV_KEY, EV_LED, LED_CAPSL = 42, 54, 1, 0x11, 1
LETTERS = {16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 30, 31, 32, 33, 34, 35, 36, 37, 38, 44, 45, 46, 47, 48, 49, 50}
# What the keyboard must type: the same codes, GS1's GS left out (untypable = "skip"), Enter after each.
TYPED_CYCLE = "".join(c.replace(b"\x1d", b"").decode() + "\n" for c in CODES)


def wait_for(find, what, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = find()
        if found:
            return found
        time.sleep(0.05)
    sys.exit(f"usb-gadget-host: {what} did not appear within {seconds} s")


def keyboard_node():
    for name in glob.glob("/sys/class/input/event*/device/name"):
        if "USB test" in open(name).read():
            return "/dev/input/" + name.split("/")[4]
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=8)
    ap.add_argument("--caps-lock", action="store_true", help="turn the host's Caps Lock on first")
    args = ap.parse_args()
    acm = wait_for(lambda: "/dev/ttyACM0" if os.path.exists("/dev/ttyACM0") else None, "/dev/ttyACM0")
    kbd = wait_for(keyboard_node, "the gadget's keyboard input device")
    serial = os.open(acm, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
    tty.setraw(serial)  # no echo back to the scanner, no CR/LF translation
    attrs = termios.tcgetattr(serial)
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(serial, termios.TCSANOW, attrs)
    keyboard = os.open(kbd, os.O_RDWR | os.O_NONBLOCK)
    if args.caps_lock:
        os.write(keyboard, struct.pack("llHHi", 0, 0, EV_LED, LED_CAPSL, 1) + struct.pack("llHHi", 0, 0, 0, 0, 0))
        time.sleep(0.5)  # the scanner looks at the host's LED reports every 100 ms
    print(f"usb-gadget-host: reading {acm} and {kbd} ({open('/sys/class/input/' + kbd.split('/')[-1] + '/device/name').read().strip()})")

    received, events = b"", []
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([serial, keyboard], [], [], 0.1)
        if serial in ready:
            try:
                received += os.read(serial, 4096)
            except OSError:
                pass
        if keyboard in ready:
            data = os.read(keyboard, 24 * 64)
            for i in range(0, len(data) - 23, 24):
                sec, usec, kind, code, value = struct.unpack("llHHi", data[i:i + 24])
                if kind == EV_KEY:
                    events.append((sec + usec / 1e6, code, value))
    os.close(serial)
    if args.caps_lock:
        os.write(keyboard, struct.pack("llHHi", 0, 0, EV_LED, LED_CAPSL, 0) + struct.pack("llHHi", 0, 0, 0, 0, 0))
    os.close(keyboard)

    ok = True
    if SERIAL_CYCLE in received:
        print(f"usb-gadget-host: ttyACM0: a whole cycle of {len(CODES)} codes, byte for byte ({len(received)} bytes read)")
    else:
        print(f"usb-gadget-host: ttyACM0: no whole cycle in {received[:400]!r}", file=sys.stderr)
        ok = False

    # Key presses -> characters with the Shift state; every key must be one the US table knows.
    shift, typed, presses, unknown = False, "", [], []
    for t, code, value in events:
        if code in (LEFTSHIFT, RIGHTSHIFT):
            shift = value != 0
            continue
        if value != 1:
            continue
        if code not in KEYS:
            unknown.append(code)
            continue
        upper = shift != (args.caps_lock and code in LETTERS)  # Caps Lock inverts Shift for letters
        typed += KEYS[code][1 if upper else 0]
        presses.append(t)
    if unknown:
        print(f"usb-gadget-host: keys outside the expected set: {unknown}", file=sys.stderr)
        ok = False
    start = typed.find(TYPED_CYCLE)
    if start >= 0:
        n = len(TYPED_CYCLE)
        print(f"usb-gadget-host: keyboard: a whole cycle typed, key for key ({n} keys)"
              + (", Caps Lock on at the host" if args.caps_lock else ""))
        # Typing speed: keys per second within each code (from its first key to its Enter).
        pos, rates = start, []
        for code in CODES:
            length = len(code.replace(b"\x1d", b"")) + 1
            span = presses[pos + length - 1] - presses[pos]
            if span > 0:
                rates.append((length - 1) / span)
            pos += length
        print(f"usb-gadget-host: typing speed {min(rates):.0f} to {max(rates):.0f} characters per second "
              f"(key_delay_ms = 0)")
    else:
        print(f"usb-gadget-host: keyboard: no whole cycle in {typed[:400]!r}", file=sys.stderr)
        ok = False
    sys.exit(0 if ok else 1)


main()
