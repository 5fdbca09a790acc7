#!/usr/bin/env bash
# Figures of the scan runtime (the README's "Runtime benchmark" section):
#  - lumascan-loop-bench: frames per second of the whole loop on replayed frames at 640x480 and
#    1280x720 (one core), heap allocations per frame, frame-to-first-byte latency on a pty (p50/p99);
#  - peak resident memory of `lumascan run` itself (/usr/bin/time -v) replaying the same scenes at
#    640x480 and 1280x720, and running the demo at 1280x720.
#
#   Scripts/benchmark-runtime.sh [--frames N] [--latency-seconds S]      (needs /usr/bin/time: apt install time)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lumascan >/dev/null
swift build -c release --product lumascan-loop-bench >/dev/null
bin="$(swift build -c release --show-bin-path)"

"$bin/lumascan-loop-bench" "$@"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo
echo "peak RSS of lumascan run (300 frames at 30 fps, JSON to stdout, /usr/bin/time -v)"
for size in 640x480 1280x720; do
    w="${size%x*}" h="${size#*x}"
    mkdir -p "$work/$size"
    "$bin/lumascan-loop-bench" --write-frames "$work/$size" --size "$size"
    printf 'source = "replay"\n[replay]\npath = "%s"\nwidth = %s\nheight = %s\nfps = 30\n[output]\nformat = "jsonl"\n[serial]\ndevice = "stdout"\n' \
        "$work/$size" "$w" "$h" >"$work/$size.toml"
    /usr/bin/time -v "$bin/lumascan" run --config "$work/$size.toml" --max-frames 300 --quiet >/dev/null 2>"$work/time.txt"
    echo "  replay $size: $(grep 'Maximum resident' "$work/time.txt" | awk '{print $6}') KiB"
done
printf 'source = "demo"\n[demo]\nwidth = 1280\nheight = 720\n' >"$work/demo.toml"
/usr/bin/time -v "$bin/lumascan" run --config "$work/demo.toml" --max-frames 300 --quiet >/dev/null 2>"$work/time.txt"
echo "  demo 1280x720:   $(grep 'Maximum resident' "$work/time.txt" | awk '{print $6}') KiB"
