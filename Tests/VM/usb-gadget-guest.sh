#!/usr/bin/env bash
# Runs inside the test VM (Tests/VM/vm-run.sh), as root: the USB gadget test against real kernel drivers.
# dummy_hcd gives a USB device controller (dummy_udc.0) wired to a USB host controller in the same
# kernel, so the gadget `lumascan run` sets up through configfs is enumerated by the guest's own host
# drivers: its CDC-ACM port appears as /dev/ttyACM0 (cdc_acm) and its keyboard as an input device
# (usbhid, evdev). usb-gadget-host.py plays the PC: it asserts the exact bytes on ttyACM0 and the exact
# key sequence on the input device for a digits, a letters, a punctuation and a GS1 code, before and
# after the UDC is unbound and bound again under the running scanner, and with Caps Lock on at the host.
#   usb-gadget-guest.sh LUMASCAN_BINARY
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
lumascan="$1"
gadget=/sys/kernel/config/usb_gadget/lumascan
fail() { echo "usb-gadget-vm: FAIL: $*" >&2; exit 1; }
. "$here/guest-lib.sh"

for m in libcomposite dummy_hcd usb_f_hid usb_f_acm cdc_acm usbhid hid_generic evdev; do
    vm_modprobe "$m" || fail "cannot load $m"
done
mountpoint -q /sys/kernel/config || mount -t configfs none /sys/kernel/config
[ -e /sys/class/udc/dummy_udc.0 ] || fail "no dummy_udc.0 in /sys/class/udc ($(ls /sys/class/udc))"

work=$(mktemp -d)
cat > "$work/lumascan.toml" <<TOML
source = "replay"
[replay]
path = "$repo/Tests/Fixtures/usb"
width = 640
height = 480
fps = 4
[serial]
device = "stdout"
[usb]
functions = ["keyboard", "serial"]
product = "USB test"
[keyboard]
layout = "us"
TOML
"$lumascan" check-config "$work/lumascan.toml" > /dev/null || fail "the test configuration is invalid"

# `lumascan run` sets the gadget up itself (gadget = "auto").
"$lumascan" run --config "$work/lumascan.toml" > "$work/stdout" 2> "$work/stderr" &
pid=$!
trap 'kill $pid 2>/dev/null || true; cat "$work/stderr" >&2' EXIT

host() { python3 "$here/usb-gadget-host.py" "$@"; }
echo "== phase 1: the gadget as lumascan run set it up"
host --seconds 8 || fail "phase 1"
[ "$(cat $gadget/UDC)" = dummy_udc.0 ] || fail "the gadget is not bound to dummy_udc.0"

echo "== unbind the UDC under the running scanner (cable out), bind it again (cable in)"
echo "" > $gadget/UDC
sleep 2
kill -0 $pid || fail "lumascan exited when the UDC was unbound"
echo dummy_udc.0 > $gadget/UDC
echo "== phase 2: after the re-plug"
host --seconds 8 || fail "phase 2"
echo "== phase 3: Caps Lock on at the host (an LED output report to the gadget)"
host --seconds 6 --caps-lock || fail "phase 3"

kill -TERM $pid
status=0
wait $pid || status=$?
trap - EXIT
cat "$work/stderr"
[ $status = 0 ] || fail "lumascan run exited with $status on SIGTERM"
[ ! -e $gadget ] || fail "the gadget was not removed at exit"
grep -q "USB keyboard /dev/hidg0, serial /dev/ttyGS0\|USB .*keyboard /dev/hidg0" "$work/stderr" || fail "no USB start-up line"
echo "usb-gadget-vm: PASS"
