#!/usr/bin/env bash
# USB device mode against real kernel drivers: boots Debian's kernel under QEMU (Tests/VM/vm-run.sh)
# and runs Tests/VM/usb-gadget-guest.sh there — `lumascan run` sets up the configfs gadget on
# dummy_hcd, the guest's own USB host drivers enumerate it (cdc_acm: /dev/ttyACM0; usbhid + evdev: the
# keyboard), and Tests/VM/usb-gadget-host.py checks the exact bytes and keys of four codes before and
# after the UDC is unbound and bound again under the running scanner, then SIGTERM must remove the gadget.
#
#   Scripts/test-usb-gadget-vm.sh        (needs root for apt; about 1 to 2 minutes, the first run also
#                                         downloads Debian's kernel package, ~70 MB)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
start=$(date +%s)
if [ ! -x .build/release/lumascan ]; then swift build -c release --product lumascan; fi
command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3; }
out=$(mktemp -d /tmp/lumascan-usb-vm.XXXXXX)
trap 'rm -rf "$out"' EXIT
status=0
Tests/VM/vm-run.sh --out "$out" --timeout 300 -- Tests/VM/usb-gadget-guest.sh "$here/.build/release/lumascan" || status=$?
echo "test-usb-gadget-vm: $([ $status = 0 ] && echo passed || echo "FAILED ($status)") in $(( $(date +%s) - start )) s"
exit $status
