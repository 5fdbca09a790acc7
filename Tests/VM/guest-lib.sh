# Helpers for scripts that run inside the test VM (source it: `. "$VM_REPO/Tests/VM/guest-lib.sh"`).
# Every function fails loudly (non-zero status and a line on stderr) rather than half-working.

# Loads a module of the VM's kernel (and its dependencies) with parameters.
vm_modprobe() { modprobe -d "$VM_MODROOT" "$@"; }

# vivid with one HDMI capture node and one HDMI output node, looped back, at 640x480 in FORMAT (a
# fourcc such as GREY, YUYV, NV12). Sets VM_VIVID_CAP and VM_VIVID_OUT to the two device nodes.
vm_vivid_load() {
    vm_modprobe vivid n_devs=1 node_types=0x101 num_inputs=1 input_types=0x3 num_outputs=1 output_types=0x1 \
        || { echo "vm: cannot load vivid" >&2; return 1; }
    vm_vivid_find
}

# Finds vivid's capture and output nodes (after a load or a re-bind).
vm_vivid_find() {
    VM_VIVID_CAP="" VM_VIVID_OUT=""
    local n
    for _ in $(seq 50); do
        for n in /sys/class/video4linux/video*; do
            [ -e "$n/name" ] || continue
            case "$(cat "$n/name")" in
                *vid-cap*) VM_VIVID_CAP=/dev/$(basename "$n") ;;
                *vid-out*) VM_VIVID_OUT=/dev/$(basename "$n") ;;
            esac
        done
        [ -n "$VM_VIVID_CAP" ] && [ -n "$VM_VIVID_OUT" ] && [ -c "$VM_VIVID_CAP" ] && [ -c "$VM_VIVID_OUT" ] && return 0
        sleep 0.1
    done
    echo "vm: vivid nodes not found" >&2
    return 1
}

# Sets both vivid nodes to 640x480 (DV timings index 0) in FORMAT, loop-back on, no text overlay.
vm_vivid_configure() {
    local format="$1"
    v4l2-ctl -d "$VM_VIVID_CAP" --set-dv-bt-timings index=0 -v "width=640,height=480,pixelformat=$format" \
        -c loop_video=1,osd_text_mode=2 || return 1
    v4l2-ctl -d "$VM_VIVID_OUT" --set-dv-bt-timings index=0 -x "width=640,height=480,pixelformat=$format" || return 1
}

# Unbinds vivid's platform device from its driver (the nodes disappear, as on a USB unplug), or binds it again.
vm_vivid_unbind() { echo vivid.0 > /sys/bus/platform/drivers/vivid/unbind; }
vm_vivid_bind() { echo vivid.0 > /sys/bus/platform/drivers/vivid/bind && vm_vivid_find; }

# gpio-sim: loads the module built by build-gpio-sim.sh and makes chip NAME with LINES lines, named by
# the remaining arguments as OFFSET=NAME. Sets VM_GPIO_CHIP (/dev/gpiochipN), VM_GPIO_LABEL and
# VM_GPIO_SIM_DIR (the sysfs folder holding sim_gpioN/value and pull).
vm_gpio_sim_chip() {
    local name="$1" lines="$2"; shift 2
    [ -n "$VM_GPIO_SIM_KO" ] || { echo "vm: run vm-run.sh with --gpio-sim" >&2; return 1; }
    vm_modprobe configfs && { mountpoint -q /sys/kernel/config || mount -t configfs none /sys/kernel/config; } \
        || { echo "vm: no configfs" >&2; return 1; }
    lsmod | grep -q '^gpio_sim' || insmod "$VM_GPIO_SIM_KO" || { echo "vm: cannot load gpio-sim" >&2; return 1; }
    local c=/sys/kernel/config/gpio-sim/$name
    mkdir "$c" "$c/bank0" && echo "$lines" > "$c/bank0/num_lines" || return 1
    local spec
    for spec in "$@"; do
        mkdir "$c/bank0/line${spec%%=*}" && echo "${spec#*=}" > "$c/bank0/line${spec%%=*}/name" || return 1
    done
    echo 1 > "$c/live" || return 1
    local chip dev
    chip=$(cat "$c/bank0/chip_name") dev=$(cat "$c/dev_name")
    VM_GPIO_CHIP=/dev/$chip
    VM_GPIO_SIM_DIR=/sys/devices/platform/$dev/$chip
    VM_GPIO_LABEL=$(cat "/sys/bus/gpio/devices/$chip/label" 2>/dev/null || cat "$VM_GPIO_SIM_DIR/label" 2>/dev/null || echo "")
    for _ in $(seq 50); do [ -c "$VM_GPIO_CHIP" ] && return 0; sleep 0.1; done
    echo "vm: $VM_GPIO_CHIP did not appear" >&2
    return 1
}

# The level an output line is driven to (0/1), and a simulated external pull on an input (up/down).
vm_gpio_sim_value() { cat "$VM_GPIO_SIM_DIR/sim_gpio$1/value"; }
vm_gpio_sim_pull() { echo "pull-$2" > "$VM_GPIO_SIM_DIR/sim_gpio$1/pull"; }
