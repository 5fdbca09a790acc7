#!/usr/bin/env bash
# Figures of the scan runtime (the README's "Runtime benchmark" section):
#  - lumascan-loop-bench: frames per second of the whole loop on replayed frames at 640x480 and
#    1280x720 (one core), heap allocations per frame, frame-to-first-byte latency on a pty (p50/p99);
#  - peak resident memory of `lumascan run` itself (/usr/bin/time -v, 300 frames at 30 fps, JSON to
#    stdout): the demo, raw Y8 frames from a file (one frame buffer, like a camera), and a folder of six
#    PGM images (all held in memory), each as built by `swift build` and with --static-swift-stdlib.
#
#   Scripts/benchmark-runtime.sh [--frames N] [--latency-seconds S]
# Needs /usr/bin/time (apt install time); the static build needs libstdc++'s development files.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lumascan >/dev/null
swift build -c release --product lumascan-loop-bench >/dev/null
bin="$(swift build -c release --show-bin-path)"
static=""
if swift build -c release --static-swift-stdlib --product lumascan --scratch-path .build-static >/dev/null 2>&1; then
    static="$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/lumascan"
fi

"$bin/lumascan-loop-bench" "$@"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
peak() { # config-file binary
    /usr/bin/time -v "$2" run --config "$1" --max-frames 300 --quiet >/dev/null 2>"$work/time.txt"
    grep 'Maximum resident' "$work/time.txt" | awk '{print $6}'
}
echo
echo "peak RSS of lumascan run, KiB (300 frames at 30 fps, JSON to stdout)"
printf '%-28s %10s %10s\n' "" "dynamic" "static"
for size in 640x480 1280x720; do
    w="${size%x*}" h="${size#*x}"
    mkdir -p "$work/$size"
    "$bin/lumascan-loop-bench" --write-frames "$work/$size" --size "$size"
    common="[output]\nformat = \"jsonl\"\n[serial]\ndevice = \"stdout\"\n"
    printf "source = \"demo\"\n[demo]\nwidth = $w\nheight = $h\n$common" >"$work/demo-$size.toml"
    printf "source = \"replay\"\n[replay]\npath = \"$work/$size.y8\"\nwidth = $w\nheight = $h\n$common" >"$work/raw-$size.toml"
    printf "source = \"replay\"\n[replay]\npath = \"$work/$size\"\nwidth = $w\nheight = $h\n$common" >"$work/folder-$size.toml"
    for kind in demo raw folder; do
        d="$(peak "$work/$kind-$size.toml" "$bin/lumascan")"
        s="-"
        [ -n "$static" ] && s="$(peak "$work/$kind-$size.toml" "$static")"
        printf '%-28s %10s %10s\n' "$kind $size" "$d" "$s"
    done
done
