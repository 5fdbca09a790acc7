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
# Zero allocations per frame and per line change on the real drivers (the host's test build).
if [ -x "${TESTS:-}" ]; then
    . "$VM_REPO/Tests/VM/guest-lib.sh"
    { [ -e /sys/module/vivid ] || vm_vivid_load; } && vm_vivid_find >/dev/null 2>&1
    sim=/sys/devices/platform/$(cat /sys/kernel/config/gpio-sim/scanner/dev_name)/$(cat /sys/kernel/config/gpio-sim/scanner/bank0/chip_name)
    LUMASCAN_TEST_VIDEO="$VM_VIVID_CAP" LUMASCAN_TEST_GPIO_CHIP=/dev/$(basename "$sim") LUMASCAN_TEST_GPIO_SIM="$sim" \
        "$TESTS" --testing-library swift-testing --filter RealDeviceAllocationTests > "$VM_OUT/real-device-tests.log" 2>&1 \
        || status=1
    cat "$VM_OUT/real-device-tests.log"
fi
if [ -n "${LUMASCAN2:-}" ]; then
    TAG=libgpiod2 LUMASCAN="$LUMASCAN2" RUN="${RUN2:-}" bash "$here/gpio-test.sh" || status=1
fi
sleep 0.5
kill "$probe"
exit $status
