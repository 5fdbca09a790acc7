#!/usr/bin/env bash
# Tests the real-device drivers against real Linux drivers in a VM (Tests/VM): vivid (V4L2 camera,
# GREY/YUYV/NV12, unbind and re-bind mid-run), gpio-sim (feedback lines and trigger input, libgpiod
# 1.6 and, when a Debian trixie build is at hand, 2.x) and 8250 UARTs (the scanner's serial line, read
# here on the host). Prints the lines received, pulse widths and latency figures, and fails on any
# difference from what was expected.
#
#   Scripts/test-hardware-vm.sh            (root; uses .build/release/lumascan: `swift build -c release` first)
#
# Environment: LUMASCAN (the binary), LUMASCAN_TRIXIE_ROOT (a trixie root whose
# /src/lumascan/.build/release/lumascan, as Scripts/check-trixie.sh leaves it, is the libgpiod 2.x
# build; default .build-trixie/root), LUMASCAN_TRIXIE_BINARY (that build elsewhere), SKIP_CAMERA=1,
# KEEP=1 keeps the work folder.
set -euo pipefail
start=$(date +%s)
repo="$(cd "$(dirname "$0")/.." && pwd)"
hw="$repo/Tests/VM/hardware"
lumascan="${LUMASCAN:-$repo/.build/release/lumascan}"
[ -x "$lumascan" ] || { echo "test-hardware-vm: no $lumascan (swift build -c release)" >&2; exit 1; }
need=()
for p in v4l-utils gcc libc6-dev python3; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The work folder is the VM's writable share: it must not be under /tmp (tmpfs in the guest).
work=$(mktemp -d "$repo/.build/hardware-vm.XXXXXX")
relay=""
cleanup() {
    [ -n "$relay" ] && kill "$relay" 2>/dev/null || true
    [ "${KEEP:-0}" = 1 ] && echo "test-hardware-vm: kept $work" || rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/frames"
gcc -O2 -Wall -o "$work/vivid-feed" "$hw/vivid-feed.c"
python3 "$hw/frames.py" "$repo/Tests/Fixtures/qr.pgm" "$work/frames" 1280 720
mkdir -p "$work/frames-vga"
python3 "$hw/frames.py" "$repo/Tests/Fixtures/qr.pgm" "$work/frames-vga" 640 480

# libgpiod 2.x: the trixie build, run through trixie's own loader and libraries.
trixie="${LUMASCAN_TRIXIE_ROOT:-$repo/.build-trixie/root}"
lumascan2="" run2=""
trixie_binary="${LUMASCAN_TRIXIE_BINARY:-$trixie/src/lumascan/.build/release/lumascan}"
if [ -x "$trixie_binary" ] && [ -x "$trixie/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" ]; then
    cp "$trixie_binary" "$work/lumascan-trixie"
    lumascan2="$work/lumascan-trixie"
    run2="$trixie/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 --library-path $trixie/usr/lib/x86_64-linux-gnu:$trixie/usr/libexec/swift/lib/swift/linux"
else
    echo "test-hardware-vm: no trixie build in $trixie: libgpiod 2.x not tested (run Scripts/check-trixie.sh first)"
fi

python3 "$hw/serial-relay.py" "$work/ttyS1.sock" "$work/ttyS2.sock" "$work/ttyS1.log" &
relay=$!
status=0
"$repo/Tests/VM/vm-run.sh" --gpio-sim --smp 2 --out "$work" --timeout 900 \
    --serial-socket "$work/ttyS1.sock" --serial-socket "$work/ttyS2.sock" -- \
    env LUMASCAN="$lumascan" TESTS="${TESTS:-$repo/.build/release/LumascanPackageTests.xctest}" FEED="$work/vivid-feed" FRAMES="$work/frames" VGA_FRAMES="$work/frames-vga" LUMASCAN2="$lumascan2" RUN2="$run2" \
    SKIP_CAMERA="${SKIP_CAMERA:-0}" bash "$hw/guest-main.sh" || status=$?
wait "$relay" 2>/dev/null || true
relay=""
python3 "$hw/analyze.py" "$work" "${SKIP_CAMERA:-0}" "$([ -n "$lumascan2" ] && echo 2 || echo 1)" || status=1
echo "test-hardware-vm: $([ $status = 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - start )) s"
exit $status
