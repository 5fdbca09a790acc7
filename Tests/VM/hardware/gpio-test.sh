#!/usr/bin/env bash
# Runs inside the test VM: a gpio-sim chip with named lines stands in for the board's header. lumascan
# (the binary in LUMASCAN: built against libgpiod 1.6 or 2.x) drives good-read/no-read/status/buzzer/
# illumination outputs and reads a trigger input in gpio read-cycle mode, with frames from the replay
# source; the test pulls the trigger through the simulator (with contact bounce) and samples the
# outputs. A last run drives a passive buzzer (a 50 Hz square wave from the tone thread, slow enough
# for the 1 ms sampler under TCG) on its own line. Logs go to $VM_OUT/gpio-TAG. Environment:
# LUMASCAN, FRAMES, TAG, RUN (a command prefix to run LUMASCAN with, e.g. another distribution's
# dynamic loader).
set -uo pipefail
. "$VM_REPO/Tests/VM/guest-lib.sh"
w="$VM_OUT/gpio-$TAG"
mkdir -p "$w"
here="$VM_REPO/Tests/VM/hardware"
fail() { echo "gpio-test: $*" >&2; exit 1; }

if [ -z "${VM_GPIO_CHIP:-}" ] && [ ! -d /sys/kernel/config/gpio-sim/scanner ]; then
    vm_gpio_sim_chip scanner 8 0=good-read 1=no-read 2=status 3=buzzer 4=illumination 5=trigger 6=passive-buzzer || fail "no gpio-sim"
else
    VM_GPIO_CHIP=/dev/$(cat /sys/kernel/config/gpio-sim/scanner/bank0/chip_name)
    VM_GPIO_SIM_DIR=/sys/devices/platform/$(cat /sys/kernel/config/gpio-sim/scanner/dev_name)/$(basename "$VM_GPIO_CHIP")
fi

config() { # FRAME [passive]
    local buzzer='buzzer_ms = 50' line='buzzer_line = "buzzer"'
    if [ "${2:-}" = passive ]; then
        buzzer=$'buzzer_ms = 300\nbuzzer_kind = "passive"\nbuzzer_hz = 50'
        line='buzzer_line = "passive-buzzer"'
    fi
    cat > "$w/gpio.toml" <<TOML
source = "replay"
[replay]
path = "$VGA_FRAMES/$1.GREY"
pixel_format = "y8"
width = 640
height = 480
fps = 30
loop = true
[scan]
mode = "gpio"
gpio_trigger = "level"
cycle = "first-read"
window_ms = 0
[serial]
device = "/dev/ttyS1"
baud = 115200
[feedback]
driver = "gpio"
good_read_ms = 100
$buzzer
no_read_ms = 300
illumination = "window"
[gpio]
chip = "$VM_GPIO_CHIP"
good_read_line = "good-read"
no_read_line = "no-read"
status_line = 2
$line
illumination_line = "illumination"
trigger_line = "trigger"
trigger_active_low = true
trigger_bias = "pull-up"
debounce_ms = 150
TOML
}

sequence() { python3 "$here/trigger-sequence.py" "$VM_GPIO_SIM_DIR" 5 "$w/trigger.log" "$@"; }

scans() { grep -c "^lumascan: scanning" "$w/lumascan.err" 2>/dev/null; }
wait_scanning() { # SCANS_BEFORE
    for _ in $(seq 300); do
        [ "$(scans)" -gt "${1:-0}" ] && break
        kill -0 "$pid" 2>/dev/null || fail "lumascan did not start: $(cat "$w/lumascan.err")"
        sleep 0.1
    done
    sleep 0.5
}
start_scanner() { # FRAME
    config "$1"
    local before
    before=$(scans)
    ${RUN:-} "$LUMASCAN" run --config "$w/gpio.toml" > /dev/null 2>> "$w/lumascan.err" &
    pid=$!
    # Starting a program from the host over 9p under TCG takes seconds: wait until it scans.
    wait_scanning "$before"
}
stop_scanner() { kill -TERM "$pid"; wait "$pid"; echo "exit $?" >> "$w/exits"; }

${RUN:-} "$LUMASCAN" devices --no-controls > "$w/devices.txt" 2>&1
chrt -f 50 python3 "$here/line-sampler.py" "$VM_GPIO_SIM_DIR" "$w/lines.log" 0 1 2 3 4 6 &
sampler=$!

# No code in view: a clean press and a bouncy one each give one window and one NOREAD.
start_scanner blank
echo "0 phase noread" >> "$w/trigger.log"
sequence press 0.6 release 1.0 bounce-press 0.6 bounce-release 1.0
stop_scanner
sleep 0.3
for o in 0 1 2 3 4; do echo "after stop: line $o = $(vm_gpio_sim_value $o)" >> "$w/exits"; done

# A code in view: each press reads it once.
start_scanner qr
echo "0 phase read" >> "$w/trigger.log"
sequence $(for _ in $(seq 10); do echo press 0.5 release 0.5; done)

# A passive buzzer, by reloading the running scanner (SIGHUP: the lines are given back and requested
# again, without a second start-up under TCG): each of three reads plays 300 ms of a 50 Hz square wave
# on its own line.
config qr passive
before=$(scans)
kill -HUP "$pid"
wait_scanning "$before"
echo "0 phase passive" >> "$w/trigger.log"
sequence $(for _ in $(seq 3); do echo press 0.6 release 0.4; done)
stop_scanner
sleep 0.3
for o in 0 1 2 3 4 6; do echo "after stop: line $o = $(vm_gpio_sim_value $o)" >> "$w/exits"; done
kill "$sampler"
cat "$w/lumascan.err"
exit 0
