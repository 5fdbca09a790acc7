#!/usr/bin/env bash
# Prepares what the test VM boots, into a cache directory that CI can always rebuild:
#   KERNEL/vmlinuz, KERNEL/modroot/lib/modules/$KVER (with modules.dep), KERNEL/initrd.gz
# from Debian's own kernel package (the current bookworm ABI of linux-image-amd64) and busybox-static.
#   Tests/VM/vm-prepare.sh CACHE_DIR         prints the kernel version on its last line
set -euo pipefail
cache="$1"
here="$(cd "$(dirname "$0")" && pwd)"
need=()
for p in qemu-system-x86 busybox-static kmod cpio; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
image=$(apt-cache depends linux-image-amd64 | sed -n 's/.*Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -1)
kver=${image#linux-image-}
kdir="$cache/kernel-$kver"
if [ ! -f "$kdir/initrd.gz" ]; then
    rm -rf "$kdir" && mkdir -p "$kdir/deb"
    (cd "$kdir/deb" && apt-get download "$image" >/dev/null 2>&1) || { echo "vm-prepare: cannot download $image" >&2; exit 1; }
    dpkg-deb -x "$kdir"/deb/*.deb "$kdir/x"
    cp "$kdir/x/boot/vmlinuz-$kver" "$kdir/vmlinuz"
    mkdir -p "$kdir/modroot/lib/modules"
    mv "$kdir/x/lib/modules/$kver" "$kdir/modroot/lib/modules/"
    rm -rf "$kdir/x" "$kdir/deb"
    depmod -b "$kdir/modroot" "$kver"
    # The initramfs: busybox, /init, and the modules that mount the host over virtio-9p.
    ird="$kdir/initramfs"
    mkdir -p "$ird"/{bin,proc,sys,dev,host,modules}
    cp /bin/busybox "$ird/bin/busybox"
    cp "$here/guest-init.sh" "$ird/init" && chmod +x "$ird/init"
    : > "$ird/modules.order"
    for m in virtio_pci 9pnet_virtio 9p; do
        modprobe -d "$kdir/modroot" -S "$kver" --show-depends "$m" | awk '$1 == "insmod" { print $2 }'
    done | while read -r ko; do
        name=$(basename "$ko")
        grep -qx "$name" "$ird/modules.order" || { cp "$ko" "$ird/modules/$name"; echo "$name" >> "$ird/modules.order"; }
    done
    (cd "$ird" && find . | cpio -o -H newc --quiet | gzip -1 > "$kdir/initrd.gz")
    rm -rf "$ird"
fi
echo "$kver"
