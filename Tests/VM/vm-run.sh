#!/usr/bin/env bash
# Boots Debian's kernel under QEMU (TCG: no KVM needed) and runs one command inside it as root, with
# the host's whole file system visible read-only at the same paths, so that a host build (`swift build`)
# and /work/shared run in the guest unchanged. See Tests/VM/README.md for the interface.
#
#   Tests/VM/vm-run.sh [--out DIR] [--serial-socket PATH]... [--gpio-sim] [--mem MB] [--smp N] [--timeout S] -- COMMAND [ARG]...
#
# Exit status: COMMAND's, or 124 when the VM ran out of time, 125 when it did not get to run COMMAND.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${LUMASCAN_VM_CACHE:-$repo/.build/vm}"
out="" mem=512 limit=300 gpio_sim=0 smp=1
serials=()
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --serial-socket) serials+=("$2"); shift 2 ;;
        --gpio-sim) gpio_sim=1; shift ;;
        --mem) mem="$2"; shift 2 ;;
        --smp) smp="$2"; shift 2 ;;
        --timeout) limit="$2"; shift 2 ;;
        --) shift; break ;;
        *) echo "vm-run: unknown option $1 (see Tests/VM/README.md)" >&2; exit 64 ;;
    esac
done
[ $# -gt 0 ] || { echo "vm-run: no command given" >&2; exit 64; }

mkdir -p "$cache"
kver=$("$here/vm-prepare.sh" "$cache" | tail -1)
kdir="$cache/kernel-$kver"
ko=""
if [ "$gpio_sim" = 1 ]; then ko=$("$here/build-gpio-sim.sh" "$cache" "$kver" | tail -1); fi
if [ -z "$out" ]; then out=$(mktemp -d /tmp/lumascan-vm.XXXXXX); fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out/.vm-exit"

# The job: environment for the guest command, then the command itself, from the current directory.
{
    echo "export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb"
    printf 'export VM_OUT=%q VM_KVER=%q VM_MODROOT=%q VM_GPIO_SIM_KO=%q VM_REPO=%q\n' \
        "$out" "$kver" "$kdir/modroot" "$ko" "$repo"
    printf 'cd %q || exit 125\n' "$PWD"
    printf '%q ' "$@"; echo
} > "$out/.vm-job.sh"

args=(-accel "tcg,thread=multi" -cpu max -m "$mem" -smp "$smp" -nographic -no-reboot -net none
      -kernel "$kdir/vmlinuz" -initrd "$kdir/initrd.gz"
      -append "console=ttyS0 panic=-1 quiet loglevel=3 lumascan.out=$out"
      -virtfs "local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap"
      -virtfs "local,path=$out,mount_tag=out,security_model=none,multidevs=remap"
      -serial mon:stdio)
i=0
for s in "${serials[@]}"; do
    args+=(-chardev "socket,id=ser$i,path=$s,server=on,wait=off" -serial "chardev:ser$i")
    i=$((i + 1))
done
status=0
timeout --foreground -k 5 "$limit" qemu-system-x86_64 "${args[@]}" </dev/null || status=$?
if [ -f "$out/.vm-exit" ]; then exit "$(cat "$out/.vm-exit")"; fi
[ "$status" = 124 ] && { echo "vm-run: the VM ran out of time (${limit}s)" >&2; exit 124; }
echo "vm-run: the command did not run to the end (qemu status $status)" >&2
exit 125
