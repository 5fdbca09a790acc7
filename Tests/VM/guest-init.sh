#!/bin/busybox sh
# /init of the test VM's initramfs (busybox). Mounts the host's file system read-only at /host, the
# writable output share at the same path as on the host, binds /proc, /sys, /dev into /host, then runs
# the job script (written by vm-run.sh into the output share) with `chroot /host`, records its exit
# status next to it, and powers off. Kernel command line: lumascan.out=HOST_DIR.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /modules.order); do insmod "/modules/$m" 2>/dev/null; done
out=$(sed -n 's/.*lumascan\.out=\([^ ]*\).*/\1/p' /proc/cmdline)
mkdir -p /host
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000 host /host || { echo "vm: cannot mount the host"; poweroff -f; }
# Writable scratch inside the read-only host tree: /tmp, /run, /var/tmp are tmpfs in the guest.
for d in /tmp /run /var/tmp; do mount -t tmpfs -o mode=1777 tmp "/host$d"; done
mkdir -p "/host$out"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 out "/host$out" || { echo "vm: cannot mount $out"; poweroff -f; }
mount -t configfs none /sys/kernel/config 2>/dev/null
mount -t debugfs none /sys/kernel/debug 2>/dev/null
mount --rbind /proc /host/proc
mount --rbind /sys /host/sys
mount --rbind /dev /host/dev
mkdir -p /dev/pts && mount -t devpts devpts /host/dev/pts 2>/dev/null
chroot /host /bin/bash "$out/.vm-job.sh"
echo $? > "/host$out/.vm-exit"
sync
poweroff -f
