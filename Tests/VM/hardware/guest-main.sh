#!/usr/bin/env bash
# The hardware tests' job inside the VM: starts the ttyS2 probe, runs the camera test, then the GPIO
# test with each lumascan build given (libgpiod 1.6 and, when there is one, 2.x).
set -uo pipefail
here="$VM_REPO/Tests/VM/hardware"
python3 "$here/uart-probe.py" /dev/ttyS2 "$VM_OUT/probe.log" &
probe=$!
status=0
if [ "${SKIP_CAMERA:-0}" != 1 ]; then bash "$here/camera-test.sh" || status=1; fi
TAG=libgpiod1 bash "$here/gpio-test.sh" || status=1
if [ -n "${LUMASCAN2:-}" ]; then
    TAG=libgpiod2 LUMASCAN="$LUMASCAN2" RUN="${RUN2:-}" bash "$here/gpio-test.sh" || status=1
fi
sleep 0.5
kill "$probe"
exit $status
