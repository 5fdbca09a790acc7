#!/usr/bin/env bash
# Builds the gpio-sim module (a simulated GPIO chip driven through configfs and sysfs) for the VM's
# kernel, out of tree, from Debian's linux-source: Debian's kernel config leaves it out. Prints the
# path of gpio-sim.ko on its last line. About 40 s the first time (most of it unpacking the source).
#   Tests/VM/build-gpio-sim.sh CACHE_DIR KERNEL_VERSION
#
# Two changes make it load into Debian's kernel, which builds neither IRQ_SIM nor GPIO_MOCKUP:
# irq_sim.c is built into the same module (devm_irq_domain_create_sim is missing otherwise), and
# since irq_to_desc is not exported, irq_sim.c calls generic_handle_irq(irq) instead of
# handle_simple_irq(irq_to_desc(irq)) — the same handler reached through the exported entry point.
set -euo pipefail
cache="$1" kver="$2"
dir="$cache/gpio-sim-$kver"
if [ -f "$dir/gpio-sim.ko" ]; then echo "$dir/gpio-sim.ko"; exit 0; fi
series=$(echo "$kver" | cut -d. -f1-2)
need=()
for p in "linux-headers-$kver" "linux-source-$series" make gcc xz-utils; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
rm -rf "$dir" && mkdir -p "$dir/src"
tar -xJf "/usr/src/linux-source-$series.tar.xz" -C "$dir/src" --strip-components=1 \
    "linux-source-$series/drivers/gpio/gpio-sim.c" "linux-source-$series/drivers/gpio/gpiolib.h" \
    "linux-source-$series/kernel/irq/irq_sim.c"
cp "$dir/src/drivers/gpio/gpio-sim.c" "$dir/gpio_sim_main.c"
cp "$dir/src/drivers/gpio/gpiolib.h" "$dir/gpiolib.h"
sed 's/handle_simple_irq(irq_to_desc(\([a-z_]*\)))/generic_handle_irq(\1)/' "$dir/src/kernel/irq/irq_sim.c" > "$dir/irq_sim.c"
grep -q 'generic_handle_irq' "$dir/irq_sim.c" || { echo "build-gpio-sim: irq_sim.c changed shape; adapt the edit" >&2; exit 1; }
# gpio-sim.c includes "gpiolib.h" from its own folder: it is copied next to it.
printf 'obj-m := gpio-sim.o\ngpio-sim-y := gpio_sim_main.o irq_sim.o\n' > "$dir/Kbuild"
rm -rf "$dir/src"
make -s -C "/usr/src/linux-headers-$kver" M="$dir" modules >"$dir/build.log" 2>&1 || { tail -20 "$dir/build.log" >&2; exit 1; }
echo "$dir/gpio-sim.ko"
