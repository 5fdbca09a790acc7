#!/usr/bin/env bash
# Runs inside the test VM (Scripts/test-hardware-vm.sh starts it): vivid's loop-back feeds QR and
# EAN-13 frames to `lumascan run` on the capture node, in GREY (with vivid unbound and bound again
# mid-run), YUYV and NV12, at vivid's default HDMI timings (1280x720p60: a re-bound vivid comes back
# with them, like a camera that comes back as it was); lumascan writes reads to /dev/ttyS1, which the host records. Leaves its logs
# in $VM_OUT/camera. Environment: LUMASCAN (the binary), FEED (vivid-feed), FRAMES (frames.py output).
set -uo pipefail
. "$VM_REPO/Tests/VM/guest-lib.sh"
w="$VM_OUT/camera"
mkdir -p "$w"
fail() { echo "camera-test: $*" >&2; exit 1; }

vm_vivid_load || fail "no vivid"

# schedule FORMAT NAME CODE… : blank frames, then 30 frames of each code with 120 blank ones between
# (0.5 s of code, 2 s of nothing at 60 fps): one read per code with duplicate_ms = 1500, even when a
# decode under TCG takes most of a second (a shorter showing can fall entirely inside one decode).
schedule() {
    local format=$1 name=$2 lead=$3; shift 3
    {
        echo "$FRAMES/blank.$format $lead"
        for code in "$@"; do echo "$FRAMES/$code.$format 30"; echo "$FRAMES/blank.$format 120"; done
    } > "$w/$name.schedule"
}

config() {
    local format=$1
    cat > "$w/$format.toml" <<TOML
source = "camera"
[camera]
device = "$VM_VIVID_CAP"
width = 1280
height = 720
fps = 60
pixel_format = "$format"
buffers = 3
reconnect_max_ms = 500
frame_timeout_ms = 1000
[scan]
duplicate_ms = 1500
[serial]
device = "/dev/ttyS1"
baud = 115200
[feedback]
driver = "none"
TOML
}

configure() { # loop-back on, no text overlay: controls, settable while lumascan streams
    v4l2-ctl -d "$VM_VIVID_CAP" -c loop_video=1,osd_text_mode=2 || fail "cannot configure vivid"
}

# Waits until lumascan says it is scanning (the camera streams): starting a program from the host's
# file system over 9p under TCG takes seconds the first time.
wait_scanning() {
    for _ in $(seq 300); do grep -q "^lumascan: scanning" "$1" 2>/dev/null && return 0; sleep 0.1; done
    fail "lumascan did not start: $(cat "$1")"
}

run_phase() { # FORMAT FOURCC CODES…
    local format=$1 fourcc=$2; shift 2
    configure
    config "$format"
    schedule "$fourcc" "$format" 60 "$@"
    "$LUMASCAN" run --config "$w/$format.toml" > /dev/null 2> "$w/$format.err" &
    pid=$!
    wait_scanning "$w/$format.err"
    "$FEED" "$VM_VIVID_OUT" 1280 720 "$fourcc" "$w/$format.schedule" "$w/feed.log" || fail "feeder failed ($format)"
    sleep 0.5
}

# GREY, with the device unbound and bound again between two schedules.
run_phase grey GREY qr ean-4006381333931 qr ean-4006381333931
vm_vivid_unbind || fail "unbind"
sleep 1
vm_vivid_bind || fail "bind"
configure
schedule GREY grey-after 150 ean-5901234123457 ean-5901234123457 ean-5901234123457
"$FEED" "$VM_VIVID_OUT" 1280 720 GREY "$w/grey-after.schedule" "$w/feed.log" || fail "feeder failed after re-bind"
sleep 0.5
kill -TERM "$pid"; wait "$pid"; echo "grey exit $?" >> "$w/exits"

for f in "yuyv YUYV" "nv12 NV12"; do
    set -- $f
    run_phase "$1" "$2" qr ean-4006381333931
    kill -TERM "$pid"; wait "$pid"; echo "$1 exit $?" >> "$w/exits"
done
cat "$w"/*.err
exit 0
